package io.eventpipeline.operator.reconciler;

import io.eventpipeline.operator.realapi.RealApiServer;
import io.eventpipeline.testsupport.kubernetes.KubernetesApi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * {@link TopicOwnershipCrashIT}'s checks against a real API server (one per test): the claim in the
 * {@code eventpipeline.io/claimed-topics} annotation survives a crash at every step of creating
 * topics, next to the finalizer and a status patched by server-side apply (production's path, which
 * the mock cannot take). Skipped where kube-api-test has no binaries, before the broker starts.
 */
class TopicOwnershipCrashRealApiIT extends TopicOwnershipCrashIT {
    /** No broker is started for a skipped class. */
    @BeforeAll
    @Override
    void start() {
        RealApiServer.assumeAvailable();
        super.start();
    }

    /** After a skip there is nothing to stop. */
    @AfterAll
    @Override
    void stop() {
        if (broker != null) {
            super.stop();
        }
    }

    @Override
    KubernetesApi newApi() {
        return RealApiServer.startOrSkip();
    }
}
