package io.eventpipeline.job.kafka;

import io.eventpipeline.spec.PipelineJobArgs;
import io.eventpipeline.spec.resolved.ResolvedPipeline;
import io.eventpipeline.spec.validation.InvalidPipelineException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * {@code run --pipeline-json <...>}: the deployed job, as the operator renders it into the
 * FlinkDeployment. Flink's configuration (checkpointing, state backend, parallelism) comes from the
 * FlinkDeployment; when checkpointing is off, the pipeline's {@code flink.checkpointInterval} (or
 * 30s) turns it on, because offsets and exactly-once output are committed on checkpoints.
 */
public final class RunCommand {
    static final Duration DEFAULT_CHECKPOINT_INTERVAL = Duration.ofSeconds(30);

    private RunCommand() {}

    public static void run(List<String> args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        ResolvedPipeline pipeline;
        try {
            pipeline = build(env, args, System.getenv());
        } catch (InvalidPipelineException e) {
            // The operator validates first, so this means the image and operator disagree.
            throw new IllegalArgumentException("invalid pipeline: " + e.getMessage(), e);
        }
        env.execute("eventpipeline " + pipeline.id());
    }

    /**
     * Builds the deployed job into {@code env} from its arguments: what the image runs, and what a
     * local stand-in for the Flink operator runs.
     *
     * @param environment where the Kafka credentials (KAFKA_AUTH_* variables) are read from
     */
    public static ResolvedPipeline build(
            StreamExecutionEnvironment env, List<String> args, Map<String, String> environment)
            throws InvalidPipelineException {
        ResolvedPipeline pipeline = ResolvedPipeline.resolve(PipelineJobArgs.decode(args));
        if (!env.getCheckpointConfig().isCheckpointingEnabled()) {
            env.enableCheckpointing(
                    pipeline.flink()
                            .checkpointInterval()
                            .orElse(DEFAULT_CHECKPOINT_INTERVAL)
                            .toMillis());
        }
        KafkaPipelineJob.build(
                env, pipeline, KafkaJobSettings.forDeployment(pipeline.kafka(), environment));
        return pipeline;
    }
}
