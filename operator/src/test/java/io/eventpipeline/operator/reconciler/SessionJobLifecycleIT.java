package io.eventpipeline.operator.reconciler;

import static io.eventpipeline.operator.testing.PipelineStatus.condition;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.eventpipeline.operator.api.EventPipeline;
import io.eventpipeline.operator.api.JobSummary;
import io.eventpipeline.operator.api.Phase;
import io.eventpipeline.operator.api.StatusCondition;
import io.eventpipeline.operator.config.OperatorConfig;
import io.eventpipeline.operator.flink.FlinkDeploymentRenderer;
import io.eventpipeline.operator.flink.FlinkSessionJobRenderer;
import io.eventpipeline.operator.testing.OperatorHarness;
import io.eventpipeline.operator.testing.OperatorStack;
import io.eventpipeline.operator.testing.Pipelines;
import io.eventpipeline.operator.testing.SessionClusters;
import io.eventpipeline.spec.validation.PipelineValidator;
import io.eventpipeline.testsupport.kafka.KafkaTopics;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.kubernetes.operator.api.FlinkDeployment;
import org.apache.flink.kubernetes.operator.api.FlinkSessionJob;
import org.apache.flink.kubernetes.operator.api.spec.JobState;
import org.apache.flink.kubernetes.operator.api.spec.UpgradeMode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A pipeline on a shared session cluster (spec.flink.sessionCluster), through the running operator
 * against the mock API server and a real broker, the test playing the Flink operator.
 */
class SessionJobLifecycleIT {
    static final String NAMESPACE = "analytics";
    static final String CLUSTER = "shared";

    static OperatorStack stack;
    static OperatorHarness harness;
    static KubernetesClient client;
    static KafkaTopics kafka;

    @BeforeAll
    static void start() {
        stack = OperatorStack.start();
        harness = stack.harness;
        client = harness.client();
        kafka = stack.kafka;
        SessionClusters.create(client, NAMESPACE, CLUSTER);
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    static String onSession(String name) {
        return SessionClusters.onSessionCluster(Pipelines.flightDelays(NAMESPACE, name), CLUSTER);
    }

    @Test
    void runsAsAFlinkSessionJobAndIsReadyOnceTheSessionJobRuns() throws Exception {
        EventPipeline applied = harness.apply(onSession("session-run"));

        harness.awaitPhase(NAMESPACE, "session-run", Phase.Deploying);
        FlinkSessionJob job = SessionClusters.sessionJob(client, NAMESPACE, "session-run");
        // Exactly what the renderer makes of this pipeline and its owner.
        OperatorConfig config =
                OperatorConfig.fromEnvironment(OperatorHarness.environment(stack.broker));
        FlinkSessionJob expected =
                new FlinkSessionJobRenderer(
                                new FlinkDeploymentRenderer(config.jobDefaults()),
                                OperatorHarness.SESSION_JOB_JAR_URI)
                        .render(
                                new PipelineResolver(config, new PipelineValidator())
                                        .resolve(harness.get(NAMESPACE, "session-run")),
                                FlinkDeployments.ownerReference(
                                        harness.get(NAMESPACE, "session-run")));
        assertThat(Serialization.asJson(job.getSpec()))
                .isEqualTo(Serialization.asJson(expected.getSpec()));
        assertThat(job.getSpec().getDeploymentName()).isEqualTo(CLUSTER);
        assertThat(job.getSpec().getJob().getJarURI())
                .isEqualTo(OperatorHarness.SESSION_JOB_JAR_URI);
        assertThat(job.getMetadata().getOwnerReferences())
                .singleElement()
                .satisfies(
                        o -> {
                            assertThat(o.getUid()).isEqualTo(applied.getMetadata().getUid());
                            assertThat(o.getController()).isTrue();
                            assertThat(o.getBlockOwnerDeletion()).isTrue();
                        });
        assertThat(harness.flinkDeployment(NAMESPACE, "session-run"))
                .as("no cluster of its own")
                .isNull();
        assertThat(kafka.names()).contains("session-run-events", "session-run-alerts");

        SessionClusters.reportJob(client, NAMESPACE, "session-run", JobStatus.RUNNING);
        EventPipeline running = harness.awaitPhase(NAMESPACE, "session-run", Phase.Running);

        assertThat(condition(running, "Ready").getStatus()).isEqualTo("True");
        JobSummary summary = running.getStatus().getJob();
        assertThat(summary.getMode()).isEqualTo(JobSummary.SESSION);
        assertThat(summary.getSessionCluster()).isEqualTo(CLUSTER);
        assertThat(summary.getFlinkSessionJob()).isEqualTo("session-run");
        assertThat(summary.getFlinkDeployment()).isNull();
        assertThat(summary.getJobState()).isEqualTo("RUNNING");
    }

    @Test
    void aMissingSessionClusterIsNamedNothingIsCreatedAndItProceedsOnceTheClusterExists()
            throws Exception {
        String yaml =
                SessionClusters.onSessionCluster(
                        Pipelines.flightDelays(NAMESPACE, "session-later"), "later");
        harness.apply(yaml);

        EventPipeline refused = harness.awaitPhase(NAMESPACE, "session-later", Phase.Failed);
        StatusCondition jobReady = condition(refused, "JobReady");
        assertThat(jobReady.getReason()).isEqualTo(JobModeRefusals.NOT_FOUND);
        assertThat(jobReady.getMessage())
                .startsWith(
                        "spec.flink.sessionCluster: no FlinkDeployment later in namespace "
                                + NAMESPACE);
        assertThat(condition(refused, "Stalled").getStatus()).isEqualTo("True");
        assertThat(SessionClusters.sessionJob(client, NAMESPACE, "session-later")).isNull();
        assertThat(kafka.names()).doesNotContain("session-later-events", "session-later-alerts");

        // Only the session cluster's appearance: the pipeline itself is not touched.
        SessionClusters.create(client, NAMESPACE, "later");
        await().atMost(OperatorHarness.WAIT)
                .until(
                        () ->
                                SessionClusters.sessionJob(client, NAMESPACE, "session-later")
                                        != null);
        harness.awaitPhase(NAMESPACE, "session-later", Phase.Deploying);
        assertThat(kafka.names()).contains("session-later-events");
    }

    @Test
    void anApplicationClusterTakesNoSessionJobs() {
        client.resource(SessionClusters.applicationCluster(NAMESPACE, "someones-app")).create();
        harness.apply(
                SessionClusters.onSessionCluster(
                        Pipelines.flightDelays(NAMESPACE, "session-app"), "someones-app"));

        EventPipeline refused = harness.awaitPhase(NAMESPACE, "session-app", Phase.Failed);
        StatusCondition jobReady = condition(refused, "JobReady");
        assertThat(jobReady.getReason()).isEqualTo(JobModeRefusals.NOT_A_SESSION_CLUSTER);
        assertThat(jobReady.getMessage())
                .contains("spec.flink.sessionCluster")
                .contains("FlinkDeployment without spec.job");
        assertThat(SessionClusters.sessionJob(client, NAMESPACE, "session-app")).isNull();
    }

    @Test
    void anUpgradeGoesThroughASavepointAndSuspendSuspendsTheSessionJob() {
        String yaml = onSession("session-upgrade");
        harness.apply(yaml);
        SessionClusters.reportJob(client, NAMESPACE, "session-upgrade", JobStatus.RUNNING);
        harness.awaitPhase(NAMESPACE, "session-upgrade", Phase.Running);
        FlinkSessionJob before = SessionClusters.sessionJob(client, NAMESPACE, "session-upgrade");

        String changed = yaml.replace("event.minutes >= 30", "event.minutes >= 45");
        harness.apply(changed);
        FlinkSessionJob after =
                await().atMost(OperatorHarness.WAIT)
                        .until(
                                () ->
                                        SessionClusters.sessionJob(
                                                client, NAMESPACE, "session-upgrade"),
                                j ->
                                        !j.getSpec()
                                                .getJob()
                                                .getArgs()[2]
                                                .equals(before.getSpec().getJob().getArgs()[2]));
        assertThat(after.getSpec().getJob().getUpgradeMode()).isEqualTo(UpgradeMode.SAVEPOINT);
        assertThat(after.getSpec().getJob().getAllowNonRestoredState()).isTrue();
        assertThat(after.getSpec().getFlinkConfiguration())
                .containsEntry("state.savepoints.dir", OperatorHarness.SAVEPOINT_DIR);
        EventPipeline upgrading =
                await().atMost(OperatorHarness.WAIT)
                        .until(
                                () -> harness.get(NAMESPACE, "session-upgrade"),
                                p -> p.getStatus().getLastUpgrade() != null);
        assertThat(upgrading.getStatus().getLastUpgrade().getReason()).isEqualTo("spec changed");
        assertThat(upgrading.getStatus().getLastUpgrade().getInputOffsets()).isEqualTo("Kept");
        assertThat(upgrading.getStatus().getLastUpgrade().getPatterns())
                .extracting(p -> p.getState())
                .containsExactly("StartsFresh");

        harness.apply(changed.replace("suspend: false", "suspend: true"));
        await().atMost(OperatorHarness.WAIT)
                .until(
                        () ->
                                SessionClusters.sessionJob(client, NAMESPACE, "session-upgrade")
                                                .getSpec()
                                                .getJob()
                                                .getState()
                                        == JobState.SUSPENDED);
        SessionClusters.reportJob(client, NAMESPACE, "session-upgrade", JobStatus.SUSPENDED);
        harness.awaitPhase(NAMESPACE, "session-upgrade", Phase.Suspended);
    }

    @Test
    void deletingAPipelineThatDeletesItsTopicsStopsTheSessionJobFirst() throws Exception {
        harness.apply(
                onSession("session-purge")
                        .replace("topicDeletionPolicy: Retain", "topicDeletionPolicy: Delete"));
        harness.awaitPhase(NAMESPACE, "session-purge", Phase.Deploying);
        assertThat(SessionClusters.sessionJob(client, NAMESPACE, "session-purge")).isNotNull();

        client.resources(EventPipeline.class)
                .inNamespace(NAMESPACE)
                .withName("session-purge")
                .delete();

        await().atMost(OperatorHarness.WAIT)
                .until(() -> harness.get(NAMESPACE, "session-purge") == null);
        assertThat(SessionClusters.sessionJob(client, NAMESPACE, "session-purge")).isNull();
        assertThat(kafka.names()).doesNotContain("session-purge-events");
        assertThat(
                        client.resources(FlinkDeployment.class)
                                .inNamespace(NAMESPACE)
                                .withName(CLUSTER)
                                .get())
                .as("the session cluster is not the pipeline's")
                .isNotNull();
    }

    @Test
    void aRetainedPipelinesSessionJobGoesWithItByGarbageCollection() {
        EventPipeline applied = harness.apply(onSession("session-retain"));
        harness.awaitPhase(NAMESPACE, "session-retain", Phase.Deploying);

        OwnerReference owner =
                SessionClusters.sessionJob(client, NAMESPACE, "session-retain")
                        .getMetadata()
                        .getOwnerReferences()
                        .get(0);
        assertThat(owner.getKind()).isEqualTo("EventPipeline");
        assertThat(owner.getUid()).isEqualTo(applied.getMetadata().getUid());
        assertThat(harness.get(NAMESPACE, "session-retain").getMetadata().getFinalizers())
                .as("no finalizer: nothing to finish first")
                .isEmpty();
    }

    @Test
    void switchingARunningPipelineBetweenModesIsRefusedAndChangesNothing() {
        String own = Pipelines.flightDelays(NAMESPACE, "switcher");
        harness.applyRunning(own, NAMESPACE, "switcher");
        FlinkDeployment deployment = harness.flinkDeployment(NAMESPACE, "switcher");

        harness.apply(SessionClusters.onSessionCluster(own, CLUSTER));
        EventPipeline refused = harness.awaitPhase(NAMESPACE, "switcher", Phase.Failed);
        StatusCondition jobReady = condition(refused, "JobReady");
        assertThat(jobReady.getReason()).isEqualTo(JobModeRefusals.MODE_SWITCH);
        assertThat(jobReady.getMessage())
                .startsWith(
                        "spec.flink.sessionCluster was set, but the job runs in FlinkDeployment")
                .contains("remove spec.flink.sessionCluster, or delete and recreate the pipeline");
        assertThat(SessionClusters.sessionJob(client, NAMESPACE, "switcher")).isNull();
        assertThat(harness.flinkDeployment(NAMESPACE, "switcher").getSpec())
                .isEqualTo(deployment.getSpec());

        // Back to where it runs: it runs on.
        harness.apply(own);
        harness.awaitPhase(NAMESPACE, "switcher", Phase.Running);

        String session = onSession("switcher-back");
        harness.apply(session);
        harness.awaitPhase(NAMESPACE, "switcher-back", Phase.Deploying);
        harness.apply(Pipelines.flightDelays(NAMESPACE, "switcher-back"));
        EventPipeline back = harness.awaitPhase(NAMESPACE, "switcher-back", Phase.Failed);
        assertThat(condition(back, "JobReady").getMessage())
                .startsWith("spec.flink.sessionCluster was removed, but the job runs as")
                .contains("on session cluster " + CLUSTER);
        assertThat(harness.flinkDeployment(NAMESPACE, "switcher-back")).isNull();
    }
}
