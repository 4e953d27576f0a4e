package io.eventpipeline.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.eventpipeline.operator.testing.OperatorMockApi;
import io.eventpipeline.operator.testing.OperatorProcess;
import io.eventpipeline.testsupport.kubernetes.KubernetesApi;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operator as a process with leader election on: how it ends its hold on the lease, against the
 * mock API server ({@link LeaderLeaseRealApiIT}: the same against a real one). Bounds are generous
 * (the machine may be busy); what matters is that the process ends on its own, long before a pod's
 * grace period, and how it leaves the lease.
 */
class LeaderLeaseProcessIT {
    private static final String NAMESPACE = "operators";
    private static final String LEASE = "ep-leader";
    private static final Duration START = Duration.ofSeconds(60);
    private static final long EXIT_SECONDS = 15;
    private static final Duration TAKEOVER = Duration.ofSeconds(10);

    @TempDir Path workDir;

    /** The API server the replicas share; a subclass runs the same checks on a real one. */
    KubernetesApi newApi() {
        return OperatorMockApi.start();
    }

    private KubernetesApi api() {
        KubernetesApi kube = newApi();
        kube.createNamespace(NAMESPACE);
        return kube;
    }

    @Test
    void theLeaderExitsZeroOnSigtermAndAFollowerTakesOverBeforeTheLeaseWouldExpire()
            throws Exception {
        try (KubernetesApi kube = api();
                OperatorProcess first = startReplica(kube, "replica-1");
                OperatorProcess second = startReplica(kube, "replica-2")) {
            // Both start at once, to save time; whichever takes the lease leads.
            String leaderName =
                    await().atMost(START)
                            .pollInterval(Duration.ofMillis(200))
                            .failFast(
                                    "an operator process ended",
                                    () -> !first.isAlive() || !second.isAlive())
                            .until(() -> holder(kube), h -> h != null);
            OperatorProcess leader = leaderName.equals("replica-1") ? first : second;
            OperatorProcess follower = leader == first ? second : first;
            String followerName = leader == first ? "replica-2" : "replica-1";
            assertThat(lease(kube).getSpec().getLeaseDurationSeconds()).isEqualTo(15);
            await().atMost(START)
                    .failFast("the follower process ended", () -> !follower.isAlive())
                    .until(() -> follower.output().contains("eventpipeline-operator started"));

            long signalled = System.nanoTime();
            leader.terminate();
            boolean exited = leader.waitFor(EXIT_SECONDS, TimeUnit.SECONDS);
            long exitMillis = Duration.ofNanos(System.nanoTime() - signalled).toMillis();

            assertThat(exited)
                    .as("exited within %ss of SIGTERM; output:%n%s", EXIT_SECONDS, leader.output())
                    .isTrue();
            assertThat(leader.exitValue()).as(leader.output()).isZero();
            // fabric8's release: the hold now lasts 1 s from the release instead of 15 s.
            Lease released = lease(kube);
            assertThat(released.getSpec().getLeaseDurationSeconds())
                    .as("lease after SIGTERM: %s%n%s", released.getSpec(), leader.output())
                    .isEqualTo(1);

            // Unreleased, the lease would pass on 13 to 15 s after the exit; released, at the
            // follower's next retry (every 2 to 4.4 s).
            await().atMost(TAKEOVER)
                    .failFast("the follower process ended", () -> !follower.isAlive())
                    .until(() -> followerName.equals(holder(kube)));
            long takeoverMillis = Duration.ofNanos(System.nanoTime() - signalled).toMillis();
            System.out.printf(
                    "leader exited %d ms after SIGTERM; follower held the lease %d ms after it%n",
                    exitMillis, takeoverMillis);
        }
    }

    @Test
    void aReplicaThatLosesTheLeaseExits() throws Exception {
        try (KubernetesApi kube = api();
                OperatorProcess replica = startReplica(kube, "replica-1")) {
            awaitHolder(kube, replica, "replica-1");

            // Another replica takes over (as after a long pause of this one, once it expired).
            await().atMost(Duration.ofSeconds(10)).until(() -> takeLease(kube, "replica-2"));

            assertThat(replica.waitFor(EXIT_SECONDS, TimeUnit.SECONDS))
                    .as("exited after losing the lease; output:%n%s", replica.output())
                    .isTrue();
            assertThat(replica.exitValue()).as(replica.output()).isEqualTo(1);
            assertThat(lease(kube).getSpec().getHolderIdentity())
                    .as("the new holder keeps the lease")
                    .isEqualTo("replica-2");
        }
    }

    private OperatorProcess startReplica(KubernetesApi kube, String name) {
        return OperatorProcess.start(
                kube,
                Map.of(
                        "EP_LEADER_ELECTION_ENABLED", "true",
                        "EP_LEADER_ELECTION_NAMESPACE", NAMESPACE,
                        "EP_LEADER_ELECTION_LEASE_NAME", LEASE,
                        "POD_NAME", name,
                        "EP_HTTP_PORT", "0"),
                workDir.resolve(name));
    }

    private static void awaitHolder(KubernetesApi kube, OperatorProcess replica, String holder) {
        await().atMost(START)
                .pollInterval(Duration.ofMillis(200))
                .failFast("the operator process ended", () -> !replica.isAlive())
                .until(() -> holder.equals(holder(kube)));
    }

    /** Writes another holder with a fresh renewal; false when the holder renewed in between. */
    private static boolean takeLease(KubernetesApi kube, String holder) {
        Lease current = lease(kube);
        ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
        Lease taken =
                new LeaseBuilder(current)
                        .editSpec()
                        .withHolderIdentity(holder)
                        .withAcquireTime(now)
                        .withRenewTime(now)
                        .withLeaseDurationSeconds(60)
                        .endSpec()
                        .build();
        try {
            kube.client().resource(taken).update();
            return true;
        } catch (KubernetesClientException e) {
            if (e.getCode() == 409) {
                return false;
            }
            throw e;
        }
    }

    private static String holder(KubernetesApi kube) {
        Lease lease = lease(kube);
        return lease == null ? null : lease.getSpec().getHolderIdentity();
    }

    private static Lease lease(KubernetesApi kube) {
        return kube.client().leases().inNamespace(NAMESPACE).withName(LEASE).get();
    }
}
