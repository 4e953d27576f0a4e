package io.eventpipeline.sandbox;

import io.eventpipeline.job.kafka.RunCommand;
import io.eventpipeline.spec.resolved.ResolvedPipeline;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.kubernetes.operator.api.spec.FlinkDeploymentSpec;
import org.apache.flink.kubernetes.operator.api.spec.JobSpec;
import org.apache.flink.runtime.jobgraph.JobGraph;
import org.apache.flink.runtime.jobgraph.SavepointRestoreSettings;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Turns a FlinkDeployment's spec into the job graph its JobManager would run: the job's own
 * arguments ({@code run --pipeline-json ...}) decoded and built by the job's own code, with the
 * deployment's Flink configuration and parallelism and the main container's environment, optionally
 * restored from a savepoint.
 */
final class DeploymentJobs {
    /** Cluster-sizing keys that mean nothing to one shared MiniCluster. */
    private static final List<String> CLUSTER_ONLY_KEYS =
            List.of("taskmanager.numberOfTaskSlots", "high-availability.type");

    private DeploymentJobs() {}

    /**
     * @param environment the main container's environment variables, where the job reads its Kafka
     *     credentials (KAFKA_AUTH_*)
     */
    static JobGraph graph(
            FlinkDeploymentSpec spec, String savepoint, Map<String, String> environment)
            throws Exception {
        JobSpec job = spec.getJob();
        Map<String, String> flinkConf = new TreeMap<>();
        if (spec.getFlinkConfiguration() != null) {
            flinkConf.putAll(spec.getFlinkConfiguration());
        }
        CLUSTER_ONLY_KEYS.forEach(flinkConf::remove);
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.getExecutionEnvironment(
                        Configuration.fromMap(flinkConf));
        if (job.getParallelism() > 0) {
            env.setParallelism(job.getParallelism());
        }
        // The deployed image's own wiring, from the FlinkDeployment's job arguments.
        ResolvedPipeline pipeline = RunCommand.build(env, List.of(job.getArgs()), environment);
        var streamGraph = env.getStreamGraph();
        streamGraph.setJobName("eventpipeline " + pipeline.id());
        JobGraph graph = streamGraph.getJobGraph();
        if (savepoint != null) {
            graph.setSavepointRestoreSettings(
                    SavepointRestoreSettings.forPath(
                            savepoint, Boolean.TRUE.equals(job.getAllowNonRestoredState())));
        }
        return graph;
    }
}
