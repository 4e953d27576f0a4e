package io.eventpipeline.job.topology;

import io.eventpipeline.job.event.EventOrigin;
import io.eventpipeline.job.event.PipelineEvent;
import java.util.Arrays;
import java.util.Objects;

/**
 * An input record the job could not match: its original bytes, where it was read and why. A Flink
 * POJO (public fields, no-argument constructor).
 */
public class DeadLetter {
    public String reason;

    /** The reason's category ({@link DeadLetterReason#label()}), as the metrics count it. */
    public String kind;

    /** Input topic, or {@link EventOrigin#EVENTS_FILE}. */
    public String source;

    public int partition;

    /** Kafka offset, or line number. */
    public long offset;

    /** The record's event time when known, else its record time. */
    public long timestamp;

    /** The original bytes, unchanged. */
    public byte[] value;

    public DeadLetter() {}

    public DeadLetter(String reason, EventOrigin origin, long timestamp, byte[] value) {
        this.reason = reason;
        this.source = origin.source();
        this.partition = origin.partition();
        this.offset = origin.offset();
        this.timestamp = timestamp;
        this.value = value;
    }

    /** A rejected or unusable event as a dead letter. */
    public static DeadLetter of(PipelineEvent event, String reason) {
        byte[] bytes = event.raw() == null ? new byte[0] : event.raw();
        return new DeadLetter(reason, event.origin(), event.timestamp(), bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DeadLetter that
                && partition == that.partition
                && offset == that.offset
                && timestamp == that.timestamp
                && Objects.equals(reason, that.reason)
                && Objects.equals(source, that.source)
                && Arrays.equals(value, that.value);
    }

    @Override
    public int hashCode() {
        return Objects.hash(source, partition, offset);
    }

    @Override
    public String toString() {
        return source + "/" + partition + "@" + offset + ": " + reason;
    }
}
