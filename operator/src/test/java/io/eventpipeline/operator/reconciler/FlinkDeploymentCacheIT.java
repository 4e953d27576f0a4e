package io.eventpipeline.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.eventpipeline.kafka.embedded.EmbeddedKafkaBroker;
import io.eventpipeline.operator.api.EventPipeline;
import io.eventpipeline.operator.api.Phase;
import io.eventpipeline.operator.api.StatusCondition;
import io.eventpipeline.operator.config.OperatorConfig;
import io.eventpipeline.operator.testing.CapturedLogs;
import io.eventpipeline.operator.testing.HeldReconcile;
import io.eventpipeline.operator.testing.OperatorHarness;
import io.eventpipeline.operator.testing.OperatorMockApi;
import io.eventpipeline.operator.testing.PipelineStatus;
import io.eventpipeline.operator.testing.Pipelines;
import io.eventpipeline.testsupport.kafka.KafkaTopics;
import io.eventpipeline.testsupport.kubernetes.MockKubernetes;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.Arrays;
import java.util.List;
import org.apache.flink.kubernetes.operator.api.FlinkDeployment;
import org.apache.flink.kubernetes.operator.api.spec.FlinkDeploymentSpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The operator creates a pipeline's FlinkDeployment only when it knows there is none: never from an
 * informer that was stopped under a reconcile in flight (the operator stopping), and never over a
 * FlinkDeployment of the same name that is someone else's.
 */
class FlinkDeploymentCacheIT {
    static final String NAMESPACE = "fd-create";
    static EmbeddedKafkaBroker broker;
    static OperatorConfig config;

    @BeforeAll
    static void start() {
        broker = EmbeddedKafkaBroker.builder().build().start();
        config = OperatorConfig.fromEnvironment(OperatorHarness.environment(broker));
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    /**
     * JOSDK stops the informers first and then waits for the reconciles in flight; a stopped
     * informer answers "absent" for every FlinkDeployment. A reconcile that runs across that moment
     * (here the 2 s resync of a Running pipeline) must write nothing: before, it created the
     * FlinkDeployment again and the server refused it with 409.
     */
    @Test
    void aReconcileInFlightWhileTheOperatorStopsWritesNothing() throws Exception {
        String name = "stopping";
        HeldReconcile hold = new HeldReconcile(p -> p.getMetadata().getName().equals(name));
        try (MockKubernetes kube = OperatorMockApi.start()) {
            OperatorHarness harness = OperatorHarness.replica(kube, config, hold);
            harness.applyRunning(Pipelines.flightDelays(NAMESPACE, name), NAMESPACE, name);
            hold.arm();
            hold.awaitHeld(OperatorHarness.WAIT);
            int before = kube.requests().size();

            stopUnder(harness, hold);

            assertThat(operatorWrites(kube, before)).as("writes while stopping").isEmpty();
            assertThat(harness.get(NAMESPACE, name).getStatus().getPhase())
                    .isEqualTo(Phase.Running);
        }
    }

    /**
     * The same moment while a pipeline whose topics go with it is being deleted: its job still
     * runs, so its topics stay and the finalizer with them. Before, the stopped informer's "no
     * FlinkDeployment" let the reconcile delete the topics and let the pipeline go.
     */
    @Test
    void aPipelineDeletedWhileTheOperatorStopsKeepsItsTopicsWhileItsJobRuns() throws Exception {
        String name = "purging";
        HeldReconcile hold =
                new HeldReconcile(
                        p -> p.getMetadata().getName().equals(name) && p.isMarkedForDeletion());
        try (MockKubernetes kube = OperatorMockApi.start();
                KafkaTopics kafka = new KafkaTopics(broker.clientConfig())) {
            OperatorHarness harness = OperatorHarness.replica(kube, config, hold);
            harness.applyRunning(
                    Pipelines.flightDelays(NAMESPACE, name)
                            .replace("topicDeletionPolicy: Retain", "topicDeletionPolicy: Delete"),
                    NAMESPACE,
                    name);
            hold.arm();
            kube.client()
                    .resources(EventPipeline.class)
                    .inNamespace(NAMESPACE)
                    .withName(name)
                    .delete();
            hold.awaitHeld(OperatorHarness.WAIT);
            int before = kube.requests().size();

            stopUnder(harness, hold);

            assertThat(operatorWrites(kube, before)).as("writes while stopping").isEmpty();
            assertThat(kafka.names()).contains(name + "-events", name + "-alerts");
            assertThat(harness.get(NAMESPACE, name).hasFinalizer(PipelineDeletion.FINALIZER))
                    .isTrue();
            assertThat(harness.flinkDeployment(NAMESPACE, name)).isNotNull();
        }
    }

    @Test
    void aFlinkDeploymentOfThePipelinesNameThatIsNotItsOwnIsNeverTakenOver() {
        String name = "taken";
        try (MockKubernetes kube = OperatorMockApi.start();
                CapturedLogs logs = CapturedLogs.start()) {
            FlinkDeployment foreign = new FlinkDeployment();
            foreign.setMetadata(
                    new ObjectMetaBuilder().withName(name).withNamespace(NAMESPACE).build());
            foreign.setSpec(new FlinkDeploymentSpec());
            foreign.getSpec().setImage("someone/else:1");
            kube.client().resource(foreign).create();

            try (OperatorHarness harness = OperatorHarness.replica(kube, config)) {
                harness.apply(Pipelines.flightDelays(NAMESPACE, name));
                EventPipeline refused = harness.awaitPhase(NAMESPACE, name, Phase.Failed);
                StatusCondition jobReady = PipelineStatus.condition(refused, "JobReady");
                assertThat(jobReady.getReason()).isEqualTo("FlinkDeploymentConflict");
                assertThat(jobReady.getMessage())
                        .contains("exists and is not this pipeline's", "delete it or rename");
                await().atMost(OperatorHarness.WAIT).until(() -> refusedAsForeign(logs));
                assertThat(logs.lines())
                        .as("the refusal is one line, not a stack trace")
                        .filteredOn(line -> line.message().contains("is not this pipeline's"))
                        .allSatisfy(line -> assertThat(line.thrown()).isNull());
                assertThat(kube.client().v1().events().inNamespace(NAMESPACE).list().getItems())
                        .as("one Warning Event says why")
                        .filteredOn(e -> "FlinkDeploymentConflict".equals(e.getReason()))
                        .singleElement()
                        .satisfies(e -> assertThat(e.getType()).isEqualTo("Warning"));
                FlinkDeployment after = harness.flinkDeployment(NAMESPACE, name);
                assertThat(after.getSpec().getImage()).isEqualTo("someone/else:1");
                assertThat(after.getMetadata().getOwnerReferences()).isEmpty();
            }
        }
    }

    /**
     * Stops the operator while the held reconcile waits, and lets it go on once the informers are
     * stopped.
     */
    private static void stopUnder(OperatorHarness harness, HeldReconcile hold) throws Exception {
        Thread stopping = new Thread(harness::close, "stopping-operator");
        stopping.start();
        await().atMost(OperatorHarness.WAIT).until(() -> waitsForReconciles(stopping));
        hold.release();
        stopping.join(OperatorHarness.WAIT.toMillis());
        assertThat(stopping.isAlive()).as("the operator stopped").isFalse();
    }

    /**
     * The closing thread is in JOSDK's wait for the reconciles in flight: by then the controllers
     * and their informers are stopped.
     */
    private static boolean waitsForReconciles(Thread stopping) {
        return Arrays.stream(stopping.getStackTrace())
                .anyMatch(
                        f ->
                                f.getClassName().endsWith(".ExecutorServiceManager")
                                        && f.getMethodName().equals("stop"));
    }

    /** A reconcile failed because the FlinkDeployment is someone else's, and said so. */
    private static boolean refusedAsForeign(CapturedLogs logs) {
        for (CapturedLogs.Line line : logs.lines()) {
            if (line.message().contains("is not this pipeline's")) {
                return true;
            }
        }
        return false;
    }

    private static List<String> operatorWrites(MockKubernetes kube, int from) {
        List<MockKubernetes.Request> requests = kube.requests();
        return requests.subList(from, requests.size()).stream()
                .filter(r -> OperatorHarness.OPERATOR_USER_AGENT.equals(r.userAgent()))
                .filter(r -> !r.method().equals("GET"))
                .map(r -> r.method() + " " + r.path())
                .toList();
    }
}
