package io.eventpipeline.job.topology;

import io.eventpipeline.job.event.PipelineEvent;
import io.eventpipeline.spec.resolved.ResolvedInput;
import java.time.Duration;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/**
 * Bounded out-of-orderness watermarks over accepted events only: a rejected record's time (often
 * the Kafka record time) must not move event time. The {@code test} command emits a watermark after
 * every event, so that which events are late depends only on the file's order, never on timing; the
 * deployed job emits them periodically.
 */
public final class EventTimeWatermarks implements WatermarkGenerator<PipelineEvent> {
    private final long outOfOrdernessMillis;
    private final boolean perEvent;
    private long maxTimestamp;

    EventTimeWatermarks(Duration outOfOrderness, boolean perEvent) {
        this.outOfOrdernessMillis = outOfOrderness.toMillis();
        this.perEvent = perEvent;
        this.maxTimestamp = Long.MIN_VALUE + outOfOrdernessMillis + 1;
    }

    /**
     * The deployed job's watermarks for an input: bounded out-of-orderness from {@code
     * timestamp.maxOutOfOrderness}, idleness from {@code timestamp.idleTimeout}; none of either
     * when event time is the Kafka record time.
     */
    public static WatermarkStrategy<PipelineEvent> forInput(ResolvedInput input) {
        return strategy(
                input.maxOutOfOrderness(),
                input.timestamp().flatMap(ResolvedInput.EventTime::idleTimeout).orElse(null),
                false);
    }

    /**
     * @param idleTimeout null: a quiet partition holds event time back forever
     */
    public static WatermarkStrategy<PipelineEvent> strategy(
            Duration outOfOrderness, Duration idleTimeout, boolean perEvent) {
        WatermarkStrategy<PipelineEvent> strategy =
                WatermarkStrategy.<PipelineEvent>forGenerator(
                                ctx -> new EventTimeWatermarks(outOfOrderness, perEvent))
                        .withTimestampAssigner((event, recordTime) -> event.timestamp());
        return idleTimeout == null ? strategy : strategy.withIdleness(idleTimeout);
    }

    @Override
    public void onEvent(PipelineEvent event, long timestamp, WatermarkOutput output) {
        if (event.isRejected()) {
            return;
        }
        maxTimestamp = Math.max(maxTimestamp, timestamp);
        if (perEvent) {
            output.emitWatermark(current());
        }
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
        if (!perEvent) {
            output.emitWatermark(current());
        }
    }

    private Watermark current() {
        return new Watermark(maxTimestamp - outOfOrdernessMillis - 1);
    }
}
