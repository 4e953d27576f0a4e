package io.eventpipeline.operator.realapi;

import static io.eventpipeline.operator.testing.PipelineStatus.condition;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.eventpipeline.kafka.embedded.EmbeddedKafkaBroker;
import io.eventpipeline.operator.api.EventPipeline;
import io.eventpipeline.operator.api.Phase;
import io.eventpipeline.operator.api.StatusCondition;
import io.eventpipeline.operator.config.OperatorConfig;
import io.eventpipeline.operator.testing.OperatorHarness;
import io.eventpipeline.operator.testing.Pipelines;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import java.util.List;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.kubernetes.operator.api.FlinkDeployment;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The operator as in production (status patched by server-side apply, which the mock cannot take)
 * against a real API server and a real broker; the test plays the Flink operator by writing the
 * FlinkDeployment's status. Skipped where kube-api-test has no binaries, before the broker starts.
 */
class OperatorOnRealApiIT {
    static final String NAMESPACE = "airline";

    static EmbeddedKafkaBroker broker;
    static RealApiServer server;
    static OperatorHarness harness;

    @BeforeAll
    static void start() {
        RealApiServer.assumeAvailable();
        broker = EmbeddedKafkaBroker.builder().build().start();
        server = RealApiServer.startOrSkip();
        server.createNamespace(NAMESPACE);
        harness =
                OperatorHarness.replica(
                        server,
                        OperatorConfig.fromEnvironment(OperatorHarness.environment(broker)));
    }

    @AfterAll
    static void stop() {
        if (harness != null) {
            harness.close();
        }
        if (server != null) {
            server.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    private static List<String> types(EventPipeline pipeline) {
        return pipeline.getStatus().getConditions().stream().map(StatusCondition::getType).toList();
    }

    @Test
    void theStatusIsServerSideAppliedWholeSoAConditionNoLongerTrueGoes() {
        harness.apply(Pipelines.flightDelays(NAMESPACE, "applied"));
        EventPipeline deploying = harness.awaitPhase(NAMESPACE, "applied", Phase.Deploying);
        assertThat(condition(deploying, "Reconciling").getStatus()).isEqualTo("True");
        List<ManagedFieldsEntry> statusManagers =
                deploying.getMetadata().getManagedFields().stream()
                        .filter(m -> "status".equals(m.getSubresource()))
                        .toList();
        assertThat(statusManagers)
                .as("who wrote the status: %s", statusManagers)
                .isNotEmpty()
                .allSatisfy(m -> assertThat(m.getOperation()).isEqualTo("Apply"));

        harness.reportJob(NAMESPACE, "applied", JobStatus.RUNNING);
        EventPipeline running = harness.awaitPhase(NAMESPACE, "applied", Phase.Running);
        assertThat(condition(running, "Ready").getStatus()).isEqualTo("True");
        // Applied without Reconciling, the field manager's own condition is removed by the server.
        assertThat(types(running)).contains("Ready").doesNotContain("Reconciling", "Stalled");
    }

    @Test
    void anUpgradeIsUpgradingAndReconcilingUntilTheFlinkDeploymentObservedTheNewSpec() {
        String yaml = Pipelines.flightDelays(NAMESPACE, "upgrade");
        harness.applyRunning(yaml, NAMESPACE, "upgrade");
        long deployed = harness.flinkDeployment(NAMESPACE, "upgrade").getMetadata().getGeneration();

        harness.apply(yaml.replace("event.minutes >= 30", "event.minutes >= 45"));
        // The server counts the new spec as a new generation, which the Flink operator (here: no
        // one) has yet to observe.
        FlinkDeployment rewritten =
                await().atMost(OperatorHarness.WAIT)
                        .until(
                                () -> harness.flinkDeployment(NAMESPACE, "upgrade"),
                                d -> d.getMetadata().getGeneration() > deployed);
        assertThat(rewritten.getSpec().getJob().getArgs()[2]).contains("event.minutes >= 45");
        assertThat(rewritten.getStatus().getObservedGeneration())
                .isLessThan(rewritten.getMetadata().getGeneration());
        EventPipeline upgrading =
                await().atMost(OperatorHarness.WAIT)
                        .ignoreExceptions()
                        .until(
                                () -> harness.get(NAMESPACE, "upgrade"),
                                p ->
                                        p.getMetadata()
                                                        .getGeneration()
                                                        .equals(
                                                                p.getStatus()
                                                                        .getObservedGeneration())
                                                && "Upgrading"
                                                        .equals(condition(p, "Ready").getReason()));
        assertThat(upgrading.getStatus().getPhase()).isEqualTo(Phase.Deploying);
        assertThat(condition(upgrading, "Ready").getStatus()).isEqualTo("False");
        assertThat(condition(upgrading, "Reconciling").getStatus()).isEqualTo("True");
        assertThat(condition(upgrading, "Reconciling").getReason()).isEqualTo("Upgrading");

        harness.reportJob(NAMESPACE, "upgrade", JobStatus.RUNNING);
        EventPipeline running = harness.awaitPhase(NAMESPACE, "upgrade", Phase.Running);
        assertThat(condition(running, "Ready").getStatus()).isEqualTo("True");
        assertThat(types(running)).doesNotContain("Reconciling", "Stalled");
    }
}
