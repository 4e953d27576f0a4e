package io.eventpipeline.operator.testing;

import static org.awaitility.Awaitility.await;

import io.eventpipeline.testsupport.flink.FlinkStatusWriter;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.Map;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.kubernetes.operator.api.FlinkDeployment;
import org.apache.flink.kubernetes.operator.api.FlinkSessionJob;
import org.apache.flink.kubernetes.operator.api.spec.FlinkDeploymentSpec;
import org.apache.flink.kubernetes.operator.api.spec.FlinkVersion;
import org.apache.flink.kubernetes.operator.api.spec.JobSpec;
import org.apache.flink.kubernetes.operator.api.spec.UpgradeMode;
import org.apache.flink.kubernetes.operator.api.status.FlinkSessionJobStatus;
import org.apache.flink.kubernetes.operator.api.status.ReconciliationState;

/**
 * Session clusters and session jobs for tests: a pipeline turned into one that runs on a session
 * cluster, the session cluster (a FlinkDeployment without a job, as a platform team or the chart
 * makes it), and the Flink operator's part: a FlinkSessionJob's status.
 */
public final class SessionClusters {
    private static final int ATTEMPTS = 5;

    private SessionClusters() {}

    /** The example pipeline's YAML on session cluster {@code cluster}: no resources of its own. */
    public static String onSessionCluster(String pipelineYaml, String cluster) {
        return withoutOwnResources(pipelineYaml, "sessionCluster: " + cluster);
    }

    /**
     * The example pipeline's YAML without the JobManager and TaskManager resources only a cluster
     * of its own has, its {@code spec.flink} being {@code settings} (lines under it, e.g. {@code
     * image: x}) and its parallelism of 2.
     */
    public static String withoutOwnResources(String pipelineYaml, String... settings) {
        String own =
                "  flink:\n"
                        + "    parallelism: 2\n"
                        + "    jobManager:\n"
                        + "      resources: {cpu: 0.5, memory: 1Gi}\n"
                        + "    taskManager:\n"
                        + "      resources: {cpu: 1, memory: 2Gi}\n";
        if (!pipelineYaml.contains(own)) {
            throw new IllegalArgumentException("not the example's flink settings");
        }
        StringBuilder flink = new StringBuilder("  flink:\n");
        for (String setting : settings) {
            flink.append("    ").append(setting).append('\n');
        }
        return pipelineYaml.replace(own, flink.append("    parallelism: 2\n").toString());
    }

    /** Creates a session cluster: a FlinkDeployment without a job. */
    public static FlinkDeployment create(KubernetesClient client, String namespace, String name) {
        return client.resource(sessionCluster(namespace, name)).create();
    }

    /** A FlinkDeployment without a job, or with one when {@code application}. */
    public static FlinkDeployment sessionCluster(String namespace, String name) {
        FlinkDeploymentSpec spec = new FlinkDeploymentSpec();
        spec.setImage("flink:1.20");
        spec.setFlinkVersion(FlinkVersion.v1_20);
        spec.setServiceAccount("flink");
        spec.setFlinkConfiguration(Map.of("taskmanager.numberOfTaskSlots", "8"));
        FlinkDeployment deployment = new FlinkDeployment();
        deployment.setMetadata(
                new ObjectMetaBuilder().withName(name).withNamespace(namespace).build());
        deployment.setSpec(spec);
        deployment.setStatus(null);
        return deployment;
    }

    /** An application cluster of that name: it runs a job of its own. */
    public static FlinkDeployment applicationCluster(String namespace, String name) {
        FlinkDeployment deployment = sessionCluster(namespace, name);
        JobSpec job = new JobSpec();
        job.setJarURI("local:///opt/flink/examples/streaming/StateMachineExample.jar");
        job.setParallelism(1);
        job.setUpgradeMode(UpgradeMode.STATELESS);
        deployment.getSpec().setJob(job);
        return deployment;
    }

    public static FlinkSessionJob sessionJob(
            KubernetesClient client, String namespace, String name) {
        return client.resources(FlinkSessionJob.class).inNamespace(namespace).withName(name).get();
    }

    /** Waits for the session job, then writes the status the Flink operator would report. */
    public static void reportJob(
            KubernetesClient client, String namespace, String name, JobStatus state) {
        for (int attempt = 1; ; attempt++) {
            FlinkSessionJob job =
                    await().atMost(OperatorHarness.WAIT)
                            .until(() -> sessionJob(client, namespace, name), j -> j != null);
            FlinkSessionJobStatus status = new FlinkSessionJobStatus();
            status.getJobStatus().setState(state);
            status.getJobStatus().setJobId(FlinkStatusWriter.JOB_ID);
            status.getReconciliationStatus().setState(ReconciliationState.DEPLOYED);
            status.setObservedGeneration(job.getMetadata().getGeneration());
            job.setStatus(status);
            try {
                client.resource(job).updateStatus();
                return;
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409 || attempt == ATTEMPTS) {
                    throw e;
                }
            }
        }
    }
}
