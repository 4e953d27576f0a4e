package io.eventpipeline.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.eventpipeline.kafka.embedded.EmbeddedKafkaBroker;
import io.eventpipeline.operator.api.Phase;
import io.eventpipeline.operator.config.OperatorConfig;
import io.eventpipeline.operator.testing.OperatorHarness;
import io.eventpipeline.operator.testing.Pipelines;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Which pipelines an operator acts on: watched namespaces, and only the leader among replicas. */
class OperatorScopeIT {
    static EmbeddedKafkaBroker broker;

    @BeforeAll
    static void start() {
        broker = EmbeddedKafkaBroker.builder().build().start();
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    @Test
    void pipelinesOutsideTheWatchedNamespacesAreLeftAlone() throws Exception {
        Map<String, String> env = OperatorHarness.environment(broker);
        env.put("EP_WATCH_NAMESPACES", "team-a,team-b");
        try (OperatorHarness harness = OperatorHarness.start(env)) {
            harness.apply(Pipelines.flightDelays("team-c", "ignored"));
            harness.apply(Pipelines.flightDelays("team-b", "watched"));
            harness.awaitPhase("team-b", "watched", Phase.Deploying);
            Thread.sleep(3000); // several resync periods
            assertThat(harness.get("team-c", "ignored").getStatus()).isNull();
            assertThat(harness.get("team-c", "ignored").getMetadata().getFinalizers()).isEmpty();
            assertThat(harness.flinkDeployment("team-c", "ignored")).isNull();
        }
    }

    @Test
    void onlyTheLeaderReconcilesAndAFollowerTakesOver() {
        OperatorConfig base = OperatorConfig.fromEnvironment(OperatorHarness.environment(broker));
        OperatorHarness first =
                OperatorHarness.replica(
                        null,
                        base.withLeaderElection(
                                new OperatorConfig.LeaderElection(
                                        "ep-leader", "operators", "replica-1", false)));
        try (first) {
            first.apply(Pipelines.flightDelays("elected", "one"));
            first.awaitPhase("elected", "one", Phase.Deploying);
            assertThat(holder(first)).isEqualTo("replica-1");

            try (OperatorHarness second =
                    OperatorHarness.replica(
                            first.kube(),
                            base.withLeaderElection(
                                    new OperatorConfig.LeaderElection(
                                            "ep-leader", "operators", "replica-2", false)))) {
                assertThat(holder(first)).isEqualTo("replica-1");
                first.closeOperatorOnly();
                second.apply(Pipelines.flightDelays("elected", "two"));
                await().atMost(Duration.ofSeconds(60))
                        .until(() -> "replica-2".equals(holder(second)));
                second.awaitPhase("elected", "two", Phase.Deploying);
            }
        }
    }

    static String holder(OperatorHarness harness) {
        Lease lease =
                harness.client().leases().inNamespace("operators").withName("ep-leader").get();
        return lease == null ? null : lease.getSpec().getHolderIdentity();
    }
}
