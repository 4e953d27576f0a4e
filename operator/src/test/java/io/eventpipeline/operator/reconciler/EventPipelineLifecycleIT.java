package io.eventpipeline.operator.reconciler;

import static io.eventpipeline.operator.testing.PipelineStatus.condition;
import static io.eventpipeline.operator.testing.PipelineStatus.eventReasons;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.eventpipeline.operator.api.EventPipeline;
import io.eventpipeline.operator.api.Phase;
import io.eventpipeline.operator.api.StatusCondition;
import io.eventpipeline.operator.api.TopicStatus;
import io.eventpipeline.operator.api.UpgradeSummary;
import io.eventpipeline.operator.config.OperatorConfig;
import io.eventpipeline.operator.flink.FlinkDeploymentRenderer;
import io.eventpipeline.operator.testing.CrdSchema;
import io.eventpipeline.operator.testing.OperatorHarness;
import io.eventpipeline.operator.testing.OperatorStack;
import io.eventpipeline.operator.testing.Pipelines;
import io.eventpipeline.spec.model.TopicDeletionPolicy;
import io.eventpipeline.spec.validation.PipelineValidator;
import io.eventpipeline.testsupport.kafka.KafkaTopics;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.micrometer.core.instrument.Meter;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.kubernetes.operator.api.FlinkDeployment;
import org.apache.flink.kubernetes.operator.api.spec.JobState;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The operator's whole loop against the mock API server and a real broker. */
class EventPipelineLifecycleIT {
    static OperatorStack stack;
    static OperatorHarness harness;
    static KafkaTopics kafka;

    @BeforeAll
    static void start() {
        stack = OperatorStack.start();
        harness = stack.harness;
        kafka = stack.kafka;
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    @Test
    void createProvisionsTopicsAndDeploysThenReportsReadyOnceTheJobRuns() throws Exception {
        EventPipeline applied = harness.apply(Pipelines.flightDelays("airline", "create"));

        EventPipeline deploying = harness.awaitPhase("airline", "create", Phase.Deploying);
        assertThat(kafka.partitions("create-events")).isEqualTo(6);
        assertThat(kafka.replicationFactor("create-events")).isEqualTo(1);
        assertThat(kafka.config("create-events", "retention.ms")).isEqualTo("86400000");
        assertThat(kafka.partitions("create-alerts")).isEqualTo(3);
        assertThat(kafka.names()).contains("create-dlq");
        assertThat(deploying.getStatus().getTopics())
                .extracting(TopicStatus::getName, TopicStatus::getRole, TopicStatus::getCreated)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("create-events", "input", true),
                        org.assertj.core.groups.Tuple.tuple("create-alerts", "output", true),
                        org.assertj.core.groups.Tuple.tuple("create-dlq", "deadLetter", true));
        assertThat(condition(deploying, "TopicsReady").getStatus()).isEqualTo("True");
        assertThat(condition(deploying, "JobReady").getStatus()).isEqualTo("False");
        assertThat(condition(deploying, "Ready").getStatus()).isEqualTo("False");

        FlinkDeployment deployment = harness.flinkDeployment("airline", "create");
        // Exactly what the golden-file-tested renderer makes of this pipeline and its owner.
        OperatorConfig config =
                OperatorConfig.fromEnvironment(OperatorHarness.environment(stack.broker));
        FlinkDeployment expected =
                new FlinkDeploymentRenderer(config.jobDefaults())
                        .render(
                                new PipelineResolver(config, new PipelineValidator())
                                        .resolve(applied),
                                deployment.getMetadata().getOwnerReferences().get(0));
        assertThat(Serialization.asYaml(deployment.getSpec()))
                .isEqualTo(Serialization.asYaml(expected.getSpec()));
        assertThat(deployment.getMetadata().getLabels())
                .isEqualTo(expected.getMetadata().getLabels());
        assertThat(deployment.getMetadata().getOwnerReferences())
                .singleElement()
                .satisfies(
                        owner -> {
                            assertThat(owner.getUid()).isEqualTo(applied.getMetadata().getUid());
                            assertThat(owner.getController()).isTrue();
                        });
        assertThat(
                        CrdSchema.fromResource(
                                        "/META-INF/fabric8/flinkdeployments.flink.apache.org-v1.yml",
                                        "v1beta1")
                                .problems(deployment))
                .isEmpty();
        assertThat(deployment.getSpec().getJob().getState()).isEqualTo(JobState.RUNNING);

        harness.reportJob("airline", "create", JobStatus.RUNNING);
        EventPipeline running = harness.awaitPhase("airline", "create", Phase.Running);
        assertThat(condition(running, "Ready").getStatus()).isEqualTo("True");
        assertThat(condition(running, "JobReady").getStatus()).isEqualTo("True");
        assertThat(running.getStatus().getJob().getJobState()).isEqualTo("RUNNING");
        assertThat(running.getStatus().getJob().getFlinkDeployment()).isEqualTo("create");
        assertThat(running.getStatus().getObservedGeneration())
                .isEqualTo(running.getMetadata().getGeneration());
        assertThat(eventReasons(harness.client(), "airline", "create"))
                .contains("PhaseDeploying", "PhaseRunning");
        assertThat(
                        harness.registry()
                                .get("eventpipeline.pipeline.ready")
                                .tags("namespace", "airline", "name", "create")
                                .gauge()
                                .value())
                .isEqualTo(1.0);
        // JOSDK's own reconciliation metrics land in the same registry /metrics serves.
        assertThat(harness.registry().getMeters())
                .anySatisfy(m -> assertThat(m.getId().getName()).startsWith("operator.sdk"));
    }

    @Test
    void partitionsAreRaisedButNeverLowered() throws Exception {
        String yaml = Pipelines.flightDelays("airline", "grow");
        harness.applyRunning(yaml, "airline", "grow");

        harness.apply(yaml.replace("partitions: 6", "partitions: 8"));
        await().atMost(OperatorHarness.WAIT).until(() -> kafka.partitions("grow-events") == 8);
        EventPipeline grown = harness.awaitPhase("airline", "grow", Phase.Running);
        assertThat(grown.getStatus().getTopics().get(0).getPartitions()).isEqualTo(8);

        harness.apply(yaml.replace("partitions: 6", "partitions: 4"));
        EventPipeline lowered =
                await().atMost(OperatorHarness.WAIT)
                        .until(
                                () -> harness.get("airline", "grow"),
                                p ->
                                        p.getStatus().getObservedGeneration()
                                                        == p.getMetadata().getGeneration()
                                                && p.getStatus().getTopics().get(0).getMessage()
                                                        != null);
        assertThat(lowered.getStatus().getTopics().get(0).getMessage())
                .contains("has 8 partitions, more than the 4 asked: partitions are never lowered");
        assertThat(kafka.partitions("grow-events")).isEqualTo(8);
        assertThat(lowered.getStatus().getPhase()).isEqualTo(Phase.Running);
    }

    @Test
    void anInputWithFewerPartitionsThanTheAutoscalersMaximumIsPointedOut() throws Exception {
        String yaml =
                Pipelines.flightDelays("airline", "narrow")
                        .replace("    parallelism: 2\n", "    autoscaler: {maxParallelism: 8}\n");
        EventPipeline narrow = harness.applyRunning(yaml, "airline", "narrow");

        TopicStatus input = narrow.getStatus().getTopics().get(0);
        assertThat(input.getRole()).isEqualTo("input");
        assertThat(input.getReady()).isTrue();
        assertThat(input.getMessage())
                .isEqualTo(
                        "6 partitions for up to 8 parallel readers: 2 would idle; raise"
                                + " spec.input.partitions to at least 8, or lower the job's"
                                + " parallelism (spec.flink.autoscaler.maxParallelism with the"
                                + " autoscaler)");
        assertThat(condition(narrow, "TopicsReady").getMessage())
                .startsWith("topic narrow-events: 6 partitions for up to 8");
        assertThat(narrow.getStatus().getPhase()).isEqualTo(Phase.Running);

        harness.apply(yaml.replace("partitions: 6", "partitions: 8"));
        EventPipeline widened =
                await().atMost(OperatorHarness.WAIT)
                        .until(
                                () -> harness.get("airline", "narrow"),
                                p -> p.getStatus().getTopics().get(0).getMessage() == null);
        assertThat(condition(widened, "TopicsReady").getMessage()).isEmpty();
    }

    @Test
    void configDriftOnACreatedTopicIsReverted() throws Exception {
        harness.apply(Pipelines.flightDelays("airline", "drift"));
        harness.awaitPhase("airline", "drift", Phase.Deploying);
        kafka.setConfig("drift-events", "retention.ms", "1000");
        await().atMost(OperatorHarness.WAIT)
                .until(() -> kafka.config("drift-events", "retention.ms").equals("86400000"));
    }

    @Test
    void aPatternChangeRewritesTheFlinkDeployment() {
        String yaml = Pipelines.flightDelays("airline", "pattern");
        harness.applyRunning(yaml, "airline", "pattern");
        String[] before =
                harness.flinkDeployment("airline", "pattern").getSpec().getJob().getArgs();

        harness.apply(yaml.replace("event.minutes >= 30", "event.minutes >= 45"));
        await().atMost(OperatorHarness.WAIT)
                .until(
                        () ->
                                !Arrays.equals(
                                        before,
                                        harness.flinkDeployment("airline", "pattern")
                                                .getSpec()
                                                .getJob()
                                                .getArgs()));
        String args = harness.flinkDeployment("airline", "pattern").getSpec().getJob().getArgs()[2];
        assertThat(args).contains("event.minutes >= 45").doesNotContain(">= 30");
        // The status and an Event say what the upgrade does to the running job's state.
        await().atMost(OperatorHarness.WAIT)
                .until(
                        () ->
                                harness.get("airline", "pattern").getStatus().getLastUpgrade()
                                        != null);
        UpgradeSummary upgrade = harness.get("airline", "pattern").getStatus().getLastUpgrade();
        assertThat(upgrade.getGeneration()).isEqualTo(2L);
        assertThat(upgrade.getPatterns())
                .singleElement()
                .satisfies(
                        p -> {
                            assertThat(p.getName()).isEqualTo("delay-then-gate-change");
                            assertThat(p.getState()).isEqualTo("StartsFresh");
                            assertThat(p.getReason()).isEqualTo("its steps changed");
                        });
        assertThat(upgrade.getInputOffsets()).isEqualTo("Kept");
        assertThat(eventReasons(harness.client(), "airline", "pattern"))
                .containsOnlyOnce("Upgrading");
        // Not Ready until the Flink operator has rolled out the new spec.
        EventPipeline upgrading = harness.get("airline", "pattern");
        assertThat(upgrading.getStatus().getPhase()).isEqualTo(Phase.Deploying);
        assertThat(condition(upgrading, "Ready").getReason()).isEqualTo("Upgrading");
        assertThat(condition(upgrading, "Reconciling").getStatus()).isEqualTo("True");
        harness.reportJob("airline", "pattern", JobStatus.RUNNING);
        EventPipeline running = harness.awaitPhase("airline", "pattern", Phase.Running);
        assertThat(running.getStatus().getConditions())
                .extracting(StatusCondition::getType)
                .doesNotContain("Reconciling", "Stalled");
    }

    @Test
    void anUnchangedSpecOrALabelChangeWritesNothing() throws Exception {
        String yaml = Pipelines.flightDelays("airline", "still");
        harness.applyRunning(yaml, "airline", "still");
        var deploymentSpec = harness.flinkDeployment("airline", "still").getSpec();
        long deploymentWrites = harness.kube().writesTo("/flinkdeployments/still");
        long statusWrites = harness.kube().writesTo("/eventpipelines/still/status");

        harness.apply(
                yaml.replace(
                        "  namespace: airline\n", "  namespace: airline\n  labels: {team: ops}\n"));
        // Several resyncs (every 2 s in tests) and a FlinkDeployment event all reconcile it again.
        harness.reportJob("airline", "still", JobStatus.RUNNING);
        Thread.sleep(Duration.ofSeconds(5).toMillis());

        assertThat(harness.get("airline", "still").getMetadata().getLabels())
                .containsEntry("team", "ops");
        // Only our own status write to the FlinkDeployment (as the Flink operator) happened.
        assertThat(harness.kube().writesTo("/flinkdeployments/still"))
                .isEqualTo(deploymentWrites + 1);
        assertThat(harness.kube().writesTo("/eventpipelines/still/status")).isEqualTo(statusWrites);
        assertThat(harness.flinkDeployment("airline", "still").getSpec()).isEqualTo(deploymentSpec);
    }

    @Test
    void suspendSuspendsTheJobAndKeepsTheTopics() throws Exception {
        String yaml = Pipelines.flightDelays("airline", "pause");
        harness.applyRunning(yaml, "airline", "pause");

        harness.apply(yaml.replace("suspend: false", "suspend: true"));
        await().atMost(OperatorHarness.WAIT)
                .until(
                        () ->
                                harness.flinkDeployment("airline", "pause")
                                                .getSpec()
                                                .getJob()
                                                .getState()
                                        == JobState.SUSPENDED);
        harness.reportJob("airline", "pause", JobStatus.SUSPENDED);
        EventPipeline suspended = harness.awaitPhase("airline", "pause", Phase.Suspended);
        assertThat(condition(suspended, "JobReady").getReason()).isEqualTo("Suspended");
        assertThat(kafka.names()).contains("pause-events", "pause-alerts", "pause-dlq");

        harness.apply(yaml);
        await().atMost(OperatorHarness.WAIT)
                .until(
                        () ->
                                harness.flinkDeployment("airline", "pause")
                                                .getSpec()
                                                .getJob()
                                                .getState()
                                        == JobState.RUNNING);
        harness.reportJob("airline", "pause", JobStatus.RUNNING);
        harness.awaitPhase("airline", "pause", Phase.Running);
    }

    @Test
    void topicsNotCreatedByTheOperatorAreNeverAltered() throws Exception {
        kafka.create("owned-by-others", 2, Map.of("retention.ms", "5000"));
        String yaml =
                Pipelines.flightDelays("airline", "foreign")
                        .replace("topic: foreign-events", "topic: owned-by-others");
        harness.apply(yaml);
        EventPipeline deploying = harness.awaitPhase("airline", "foreign", Phase.Deploying);
        TopicStatus input = deploying.getStatus().getTopics().get(0);
        assertThat(input.getName()).isEqualTo("owned-by-others");
        assertThat(input.getCreated()).isNull();
        assertThat(input.getReady()).isTrue();
        Thread.sleep(3000); // a resync or two
        assertThat(kafka.partitions("owned-by-others")).isEqualTo(2);
        assertThat(kafka.config("owned-by-others", "retention.ms")).isEqualTo("5000");
    }

    @Test
    void aMissingTopicThatMustExistIsAClearConditionAndDeploysNothing() throws Exception {
        String yaml =
                Pipelines.flightDelays("airline", "external")
                        .replace(
                                "    topic: external-events\n"
                                        + "    partitions: 6\n"
                                        + "    replicationFactor: 1\n"
                                        + "    config:\n"
                                        + "      retention.ms: \"86400000\"\n",
                                "    topic: external-events\n    create: false\n");
        harness.apply(yaml);
        EventPipeline degraded = harness.awaitPhase("airline", "external", Phase.Degraded);
        StatusCondition topicsReady = condition(degraded, "TopicsReady");
        assertThat(topicsReady.getStatus()).isEqualTo("False");
        assertThat(topicsReady.getReason()).isEqualTo("TopicNotFound");
        assertThat(topicsReady.getMessage())
                .contains("external-events")
                .contains("spec.input.create is false");
        assertThat(harness.flinkDeployment("airline", "external")).isNull();
        assertThat(kafka.names()).doesNotContain("external-events");

        kafka.create("external-events", 1, Map.of());
        harness.awaitPhase("airline", "external", Phase.Deploying);
        assertThat(harness.flinkDeployment("airline", "external")).isNotNull();
    }

    @Test
    void deleteRetainsTopicsByDefaultWithoutAFinalizer() throws Exception {
        harness.apply(Pipelines.flightDelays("airline", "keep"));
        EventPipeline deploying = harness.awaitPhase("airline", "keep", Phase.Deploying);
        assertThat(deploying.getMetadata().getFinalizers()).isEmpty();
        // Kubernetes' garbage collector deletes the FlinkDeployment with its owner; the mock API
        // server has none, so the owner reference is what is checked here.
        assertThat(harness.flinkDeployment("airline", "keep").getMetadata().getOwnerReferences())
                .singleElement()
                .satisfies(
                        owner -> {
                            assertThat(owner.getUid()).isEqualTo(deploying.getMetadata().getUid());
                            assertThat(owner.getController()).isTrue();
                        });
        assertThat(readyGauges("keep")).isNotEmpty();

        pipelines().withName("keep").delete();

        await().atMost(OperatorHarness.WAIT).until(() -> harness.get("airline", "keep") == null);
        assertThat(kafka.names()).contains("keep-events", "keep-alerts", "keep-dlq");
        // The delete event reaches the operator, which forgets the pipeline's metrics.
        await().atMost(OperatorHarness.WAIT).until(() -> readyGauges("keep").isEmpty());
    }

    @Test
    void theFinalizerFollowsTheTopicDeletionPolicy() throws Exception {
        harness.apply(Pipelines.flightDelays("airline", "policy"));
        harness.awaitPhase("airline", "policy", Phase.Deploying);
        assertThat(harness.get("airline", "policy").getMetadata().getFinalizers()).isEmpty();

        setPolicy("policy", TopicDeletionPolicy.DELETE);
        await().atMost(OperatorHarness.WAIT)
                .until(
                        () -> harness.get("airline", "policy").getMetadata().getFinalizers(),
                        f -> f.equals(List.of(PipelineDeletion.FINALIZER)));

        setPolicy("policy", TopicDeletionPolicy.RETAIN);
        await().atMost(OperatorHarness.WAIT)
                .until(
                        () -> harness.get("airline", "policy").getMetadata().getFinalizers(),
                        List::isEmpty);
        pipelines().withName("policy").delete();
        await().atMost(OperatorHarness.WAIT).until(() -> harness.get("airline", "policy") == null);
        assertThat(kafka.names()).contains("policy-events", "policy-alerts", "policy-dlq");
    }

    /** Edits the policy, trying again when the operator's status write raced the edit (409). */
    private void setPolicy(String name, TopicDeletionPolicy policy) {
        await().atMost(OperatorHarness.WAIT)
                .ignoreExceptions()
                .until(
                        () -> {
                            pipelines().withName(name).edit(p -> withPolicy(p, policy));
                            return true;
                        });
    }

    private static EventPipeline withPolicy(EventPipeline pipeline, TopicDeletionPolicy policy) {
        pipeline.getSpec().setTopicDeletionPolicy(policy);
        return pipeline;
    }

    private static NonNamespaceOperation<
                    EventPipeline, KubernetesResourceList<EventPipeline>, Resource<EventPipeline>>
            pipelines() {
        return harness.client().resources(EventPipeline.class).inNamespace("airline");
    }

    private static List<Meter> readyGauges(String name) {
        return harness
                .registry()
                .find("eventpipeline.pipeline.ready")
                .tags("namespace", "airline", "name", name)
                .meters()
                .stream()
                .toList();
    }

    @Test
    void deleteWithPolicyDeleteRemovesOnlyTheTopicsItCreated() throws Exception {
        kafka.create("shared-alerts", 1, Map.of());
        String yaml =
                Pipelines.flightDelays("airline", "purge")
                        .replace("topicDeletionPolicy: Retain", "topicDeletionPolicy: Delete")
                        .replace("topic: purge-alerts", "topic: shared-alerts");
        harness.apply(yaml);
        EventPipeline deploying = harness.awaitPhase("airline", "purge", Phase.Deploying);
        assertThat(deploying.getMetadata().getFinalizers())
                .containsExactly(PipelineDeletion.FINALIZER);
        pipelines().withName("purge").delete();
        await().atMost(OperatorHarness.WAIT).until(() -> harness.get("airline", "purge") == null);
        assertThat(harness.flinkDeployment("airline", "purge")).isNull();
        await().atMost(OperatorHarness.WAIT)
                .untilAsserted(
                        () ->
                                assertThat(kafka.names())
                                        .doesNotContain("purge-events", "purge-dlq")
                                        .contains("shared-alerts"));
    }
}
