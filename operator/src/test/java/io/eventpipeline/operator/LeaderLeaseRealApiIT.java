package io.eventpipeline.operator;

import io.eventpipeline.operator.realapi.RealApiServer;
import io.eventpipeline.testsupport.kubernetes.KubernetesApi;
import org.junit.jupiter.api.BeforeAll;

/**
 * {@link LeaderLeaseProcessIT}'s checks against a real API server (one per test): on SIGTERM the
 * leader stops within seconds, releases the lease and exits 0, and a follower takes over; a replica
 * that loses the lease exits 1. A real server answers the permission self-check from RBAC and
 * refuses a stale lease write with 409, as the mock only imitates. Skipped where kube-api-test has
 * no binaries.
 */
class LeaderLeaseRealApiIT extends LeaderLeaseProcessIT {
    @BeforeAll
    static void binaries() {
        RealApiServer.assumeAvailable();
    }

    @Override
    KubernetesApi newApi() {
        return RealApiServer.startOrSkip();
    }
}
