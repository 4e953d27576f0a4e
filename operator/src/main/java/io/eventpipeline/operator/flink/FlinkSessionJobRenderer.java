package io.eventpipeline.operator.flink;

import io.eventpipeline.spec.model.FlinkSpec;
import io.eventpipeline.spec.resolved.ResolvedPipeline;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.kubernetes.operator.api.FlinkDeployment;
import org.apache.flink.kubernetes.operator.api.FlinkSessionJob;
import org.apache.flink.kubernetes.operator.api.spec.FlinkSessionJobSpec;
import org.apache.flink.kubernetes.operator.api.spec.JobSpec;

/**
 * Computes the FlinkSessionJob that runs a pipeline on a shared session cluster. It is cut from the
 * FlinkDeployment the same pipeline would get ({@link FlinkDeploymentRenderer}): the same job
 * arguments, parallelism, upgrade mode, state and job-level Flink keys, so the two modes cannot
 * drift apart. What a session job cannot carry (image, pod template, JobManager and TaskManager
 * resources, cluster-level keys) is the session cluster's. Pure: the same input gives the same
 * object, byte for byte.
 */
public final class FlinkSessionJobRenderer {
    /**
     * Keys that configure the session cluster's processes rather than one job: Flink reads them
     * when a JobManager or TaskManager starts, never from a job submission. Dropped from the
     * rendered configuration; {@link SessionJobRules} refuses a pipeline that sets one.
     */
    static final List<String> CLUSTER_KEY_PREFIXES =
            List.of(
                    "taskmanager.",
                    "jobmanager.",
                    // The JVM options of the cluster's processes.
                    "env.",
                    "metrics.",
                    FlinkConfiguration.HA_TYPE_DEPRECATED,
                    FlinkConfiguration.ROLLBACK_ENABLED);

    private final FlinkDeploymentRenderer deployments;
    private final String jarUri;

    /**
     * @param jarUri where the Flink Kubernetes Operator fetches the job jar from
     */
    public FlinkSessionJobRenderer(FlinkDeploymentRenderer deployments, String jarUri) {
        this.deployments = deployments;
        this.jarUri = jarUri;
    }

    /** The session cluster a pipeline names, or {@code null} when it runs in its own cluster. */
    public static String sessionCluster(ResolvedPipeline pipeline) {
        FlinkSpec flink = pipeline.spec().getFlink();
        return flink == null ? null : flink.getSessionCluster();
    }

    /**
     * @param owner the EventPipeline's owner reference, or {@code null} when rendering without a
     *     cluster
     */
    public FlinkSessionJob render(ResolvedPipeline pipeline, OwnerReference owner) {
        FlinkDeployment own = deployments.render(pipeline, owner);

        JobSpec job = own.getSpec().getJob();
        job.setJarURI(jarUri);

        FlinkSessionJobSpec spec = new FlinkSessionJobSpec();
        spec.setDeploymentName(sessionCluster(pipeline));
        spec.setJob(job);
        spec.setFlinkConfiguration(jobLevel(own.getSpec().getFlinkConfiguration()));

        FlinkSessionJob rendered = new FlinkSessionJob();
        rendered.setMetadata(new ObjectMetaBuilder(own.getMetadata()).build());
        rendered.setSpec(spec);
        // Status belongs to the Flink operator; a fresh object carries an empty default one.
        rendered.setStatus(null);
        return rendered;
    }

    /** Whether a Flink key configures the cluster's processes, not a job. */
    public static boolean clusterLevel(String key) {
        return CLUSTER_KEY_PREFIXES.stream().anyMatch(key::startsWith);
    }

    private static Map<String, String> jobLevel(Map<String, String> configuration) {
        Map<String, String> job = new TreeMap<>();
        configuration.forEach(
                (key, value) -> {
                    if (!clusterLevel(key)) {
                        job.put(key, value);
                    }
                });
        return job;
    }
}
