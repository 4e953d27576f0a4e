package io.eventpipeline.job.bench;

import io.eventpipeline.spec.PipelineDefinition;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The job in the benchmark's JVM: a collection stops the broker and the producer with it, and the
 * apparatus's garbage adds to the job's collections.
 */
final class SharedJvmJob implements LatencyJob {
    private final Configuration flink;
    private final int parallelism;
    private JobClient job;
    private JvmActivity gc;

    SharedJvmJob(Configuration flink, int parallelism) {
        this.flink = flink;
        this.parallelism = parallelism;
    }

    @Override
    public Settings start(PipelineDefinition pipeline) throws Exception {
        StreamExecutionEnvironment env = DeployedJob.environment(flink, parallelism);
        job = DeployedJob.start(env, pipeline);
        gc = JvmActivity.start();
        return DeployedJob.settings(env);
    }

    @Override
    public String cancel() throws Exception {
        job.cancel().get();
        return gc.since();
    }

    @Override
    public String where() {
        return "the benchmark's JVM (broker, producer and job)";
    }

    @Override
    public void close() {}
}
