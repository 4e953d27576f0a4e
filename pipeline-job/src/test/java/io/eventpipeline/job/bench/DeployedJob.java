package io.eventpipeline.job.bench;

import io.eventpipeline.job.kafka.RunCommand;
import io.eventpipeline.spec.PipelineDefinition;
import io.eventpipeline.spec.PipelineJobArgs;
import java.time.Duration;
import java.util.Map;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** The deployed job on a local MiniCluster, in whichever JVM runs it ({@link LatencyJob}). */
final class DeployedJob {
    private DeployedJob() {}

    static StreamExecutionEnvironment environment(Configuration flink, int parallelism) {
        return StreamExecutionEnvironment.createLocalEnvironment(parallelism, flink);
    }

    /** The deployed job, unbounded, with the job's own defaults for what it is not given. */
    static JobClient start(StreamExecutionEnvironment env, PipelineDefinition pipeline)
            throws Exception {
        RunCommand.build(env, PipelineJobArgs.encode(pipeline), Map.of());
        JobClient job = env.executeAsync("latency");
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (job.getJobStatus().get() != JobStatus.RUNNING) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the job did not start");
            }
            Thread.sleep(100);
        }
        return job;
    }

    /** The settings as the job resolved them, once {@link #start} built it. */
    static LatencyJob.Settings settings(StreamExecutionEnvironment env) {
        return new LatencyJob.Settings(
                env.getConfig().getAutoWatermarkInterval(),
                env.getBufferTimeout(),
                env.getCheckpointConfig().getCheckpointInterval());
    }
}
