package io.eventpipeline.operator.reconciler;

import static io.eventpipeline.operator.testing.PipelineStatus.condition;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.eventpipeline.operator.api.EventPipeline;
import io.eventpipeline.operator.api.JobSummary;
import io.eventpipeline.operator.api.Phase;
import io.eventpipeline.operator.api.StatusCondition;
import io.eventpipeline.operator.testing.OperatorHarness;
import io.eventpipeline.operator.testing.OperatorStack;
import io.eventpipeline.operator.testing.Pipelines;
import io.eventpipeline.operator.testing.SessionClusters;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Map;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.kubernetes.operator.api.FlinkDeployment;
import org.apache.flink.kubernetes.operator.api.FlinkSessionJob;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The operator's default session cluster (EP_DEFAULT_SESSION_CLUSTER): a new pipeline that names
 * none and asks for nothing a session job cannot have runs on it; one that asks for its own
 * resources, or already runs in a cluster of its own, gets or keeps its own. Through the running
 * operator against the mock API server and a real broker, the test playing the Flink operator.
 */
class DefaultSessionClusterIT {
    static final String NAMESPACE = "shop";
    static final String CLUSTER = "eventpipeline-session";

    static OperatorStack stack;
    static OperatorHarness harness;
    static KubernetesClient client;

    @BeforeAll
    static void start() {
        // No periodic resync: only the default cluster's appearance can deploy a waiting pipeline.
        stack =
                OperatorStack.with(
                        Map.of("EP_DEFAULT_SESSION_CLUSTER", CLUSTER, "EP_RESYNC_INTERVAL", "10m"));
        harness = stack.harness;
        client = harness.client();
        SessionClusters.create(client, NAMESPACE, CLUSTER);
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    /** The example pipeline without resources of its own: it fits a session cluster. */
    static String fitsASession(String namespace, String name) {
        return SessionClusters.withoutOwnResources(Pipelines.flightDelays(namespace, name));
    }

    @Test
    void aNewPipelineNamingNoClusterRunsOnTheDefault() {
        harness.apply(fitsASession(NAMESPACE, "on-default"));

        harness.awaitPhase(NAMESPACE, "on-default", Phase.Deploying);
        FlinkSessionJob job = SessionClusters.sessionJob(client, NAMESPACE, "on-default");
        assertThat(job.getSpec().getDeploymentName()).isEqualTo(CLUSTER);
        assertThat(harness.flinkDeployment(NAMESPACE, "on-default")).isNull();
        // The spec stays as written: the default is the operator's, not the pipeline's.
        assertThat(harness.get(NAMESPACE, "on-default").getSpec().getFlink().getSessionCluster())
                .isNull();

        SessionClusters.reportJob(client, NAMESPACE, "on-default", JobStatus.RUNNING);
        EventPipeline running = harness.awaitPhase(NAMESPACE, "on-default", Phase.Running);
        assertThat(running.getStatus().getJob().getMode()).isEqualTo(JobSummary.SESSION);
        assertThat(running.getStatus().getJob().getSessionCluster()).isEqualTo(CLUSTER);
    }

    @Test
    void aPipelineAskingForItsOwnResourcesGetsAClusterOfItsOwnAndKeepsIt() {
        String own = Pipelines.flightDelays(NAMESPACE, "own-cluster");
        harness.applyRunning(own, NAMESPACE, "own-cluster");
        FlinkDeployment deployment = harness.flinkDeployment(NAMESPACE, "own-cluster");
        assertThat(SessionClusters.sessionJob(client, NAMESPACE, "own-cluster")).isNull();

        // Without them it would fit a session cluster now; a running job is never moved.
        harness.apply(fitsASession(NAMESPACE, "own-cluster"));
        // Its resources were the operator's defaults: the same FlinkDeployment, still running.
        EventPipeline after = harness.awaitPhase(NAMESPACE, "own-cluster", Phase.Running);
        assertThat(after.getStatus().getJob().getMode()).isEqualTo(JobSummary.APPLICATION);
        assertThat(SessionClusters.sessionJob(client, NAMESPACE, "own-cluster")).isNull();
        assertThat(harness.flinkDeployment(NAMESPACE, "own-cluster").getMetadata().getUid())
                .isEqualTo(deployment.getMetadata().getUid());
    }

    @Test
    void aJobOnTheDefaultThatNowNeedsItsOwnClusterIsRefusedAndKeepsRunning() {
        harness.apply(fitsASession(NAMESPACE, "outgrown"));
        harness.awaitPhase(NAMESPACE, "outgrown", Phase.Deploying);
        SessionClusters.reportJob(client, NAMESPACE, "outgrown", JobStatus.RUNNING);
        harness.awaitPhase(NAMESPACE, "outgrown", Phase.Running);
        FlinkSessionJob job = SessionClusters.sessionJob(client, NAMESPACE, "outgrown");

        harness.apply(Pipelines.flightDelays(NAMESPACE, "outgrown"));
        EventPipeline refused = harness.awaitPhase(NAMESPACE, "outgrown", Phase.Failed);
        StatusCondition jobReady = condition(refused, "JobReady");
        assertThat(jobReady.getReason()).isEqualTo(JobModeRefusals.MODE_SWITCH);
        assertThat(jobReady.getMessage())
                .startsWith(
                        "the job runs as FlinkSessionJob outgrown on session cluster " + CLUSTER)
                .contains("name " + CLUSTER + " in spec.flink.sessionCluster");
        assertThat(harness.flinkDeployment(NAMESPACE, "outgrown")).isNull();
        assertThat(SessionClusters.sessionJob(client, NAMESPACE, "outgrown").getSpec())
                .isEqualTo(job.getSpec());
    }

    @Test
    void aNamespaceWithoutTheDefaultClusterIsToldWhichSettingNamesItAndDeploysOnceItExists() {
        harness.apply(fitsASession("no-session", "waits"));

        EventPipeline refused = harness.awaitPhase("no-session", "waits", Phase.Failed);
        StatusCondition jobReady = condition(refused, "JobReady");
        assertThat(jobReady.getReason()).isEqualTo(JobModeRefusals.NOT_FOUND);
        assertThat(jobReady.getMessage())
                .startsWith(
                        "the operator's default session cluster (EP_DEFAULT_SESSION_CLUSTER;"
                                + " spec.flink.sessionCluster is unset): no FlinkDeployment "
                                + CLUSTER
                                + " in namespace no-session");
        assertThat(harness.flinkDeployment("no-session", "waits")).isNull();

        // Only the default cluster's appearance: the pipeline itself is not touched.
        SessionClusters.create(client, "no-session", CLUSTER);
        await().atMost(OperatorHarness.WAIT)
                .until(() -> SessionClusters.sessionJob(client, "no-session", "waits") != null);
        harness.awaitPhase("no-session", "waits", Phase.Deploying);
        assertThat(harness.flinkDeployment("no-session", "waits")).isNull();
    }
}
