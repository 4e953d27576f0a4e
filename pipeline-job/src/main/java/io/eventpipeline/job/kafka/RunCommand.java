package io.eventpipeline.job.kafka;

import io.eventpipeline.spec.PipelineJobArgs;
import io.eventpipeline.spec.resolved.ResolvedPipeline;
import io.eventpipeline.spec.validation.InvalidPipelineException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * {@code run --pipeline-json <...>}: the deployed job, as the operator renders it into the
 * FlinkDeployment. Flink's configuration (checkpointing, state backend, parallelism) comes from the
 * FlinkDeployment; when checkpointing is off, the pipeline's {@code flink.checkpointInterval} (or
 * 30s) turns it on, because offsets and exactly-once output are committed on checkpoints. When the
 * configuration does not set them, the watermark interval and the network buffer timeout are the
 * job's own, shorter than Flink's: see {@link #WATERMARK_INTERVAL}.
 */
public final class RunCommand {
    static final Duration DEFAULT_CHECKPOINT_INTERVAL = Duration.ofSeconds(30);

    /**
     * A match is emitted when a watermark passes its last event, and Flink emits watermarks every
     * 200 ms by default: up to 200 ms of detection latency beyond the input's maxOutOfOrderness,
     * the largest share of it (BENCHMARKS.md, detection latency). A watermark costs a comparison
     * per source reader and a timer check per operator, nothing per event.
     */
    static final Duration WATERMARK_INTERVAL = Duration.ofMillis(20);

    /**
     * Records and watermarks cross the keyBy in network buffers, sent when full or when this
     * timeout passes (Flink's default 100 ms): at rates that fill no buffer in that time, every
     * watermark waited up to 100 ms there.
     */
    static final Duration BUFFER_TIMEOUT = Duration.ofMillis(10);

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
        lowLatencyDefaults(env);
        KafkaPipelineJob.build(
                env, pipeline, KafkaJobSettings.forDeployment(pipeline.kafka(), environment));
        return pipeline;
    }

    /**
     * The job's watermark interval and buffer timeout, unless the configuration sets them; {@link
     * #build} applies them, and so may a benchmark that builds the job otherwise.
     */
    public static void lowLatencyDefaults(StreamExecutionEnvironment env) {
        ReadableConfig configuration = env.getConfiguration();
        if (configuration.getOptional(PipelineOptions.AUTO_WATERMARK_INTERVAL).isEmpty()) {
            env.getConfig().setAutoWatermarkInterval(WATERMARK_INTERVAL.toMillis());
        }
        if (configuration.getOptional(ExecutionOptions.BUFFER_TIMEOUT).isEmpty()
                && configuration.getOptional(ExecutionOptions.BUFFER_TIMEOUT_ENABLED).isEmpty()) {
            env.setBufferTimeout(BUFFER_TIMEOUT.toMillis());
        }
    }
}
