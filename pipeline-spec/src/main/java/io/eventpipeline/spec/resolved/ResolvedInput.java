package io.eventpipeline.spec.resolved;

import io.eventpipeline.spec.Durations;
import io.eventpipeline.spec.FieldPath;
import io.eventpipeline.spec.SpecDefaults;
import io.eventpipeline.spec.model.InputSpec;
import io.eventpipeline.spec.model.StartFrom;
import io.eventpipeline.spec.model.TimestampSpec;
import java.time.Duration;
import java.util.Optional;

/**
 * The input topic, and how its events are keyed and timed.
 *
 * @param topic the topic
 * @param key the event field that keys matching
 * @param timestamp where event time comes from; empty: the Kafka record timestamp
 * @param startFrom where a new job starts reading
 */
public record ResolvedInput(
        ResolvedTopic topic, FieldPath key, Optional<EventTime> timestamp, StartFrom startFrom) {

    /** The input's key path as written, e.g. {@code flight.id}. */
    public String keyPath() {
        return key.toString();
    }

    /** How long event time may lag: the timestamp's maxOutOfOrderness, else 0. */
    public Duration maxOutOfOrderness() {
        return timestamp.map(EventTime::maxOutOfOrderness).orElse(Duration.ZERO);
    }

    /**
     * Event time read from a field of the event.
     *
     * @param field the event field holding the time
     * @param maxOutOfOrderness how far events may arrive out of order
     * @param idleTimeout after how long without events a partition stops holding back the
     *     watermark; empty: never
     */
    public record EventTime(
            FieldPath field, Duration maxOutOfOrderness, Optional<Duration> idleTimeout) {

        static EventTime of(TimestampSpec timestamp) {
            return new EventTime(
                    FieldPath.of(timestamp.getField()),
                    Durations.parse(
                            timestamp.getMaxOutOfOrderness() == null
                                    ? SpecDefaults.MAX_OUT_OF_ORDERNESS
                                    : timestamp.getMaxOutOfOrderness()),
                    Optional.ofNullable(timestamp.getIdleTimeout()).map(Durations::parse));
        }
    }

    static ResolvedInput of(InputSpec input) {
        return new ResolvedInput(
                ResolvedTopic.of(input, "spec.input"),
                FieldPath.of(input.getKey()),
                Optional.ofNullable(input.getTimestamp()).map(EventTime::of),
                input.getStartFrom() == null ? StartFrom.LATEST : input.getStartFrom());
    }
}
