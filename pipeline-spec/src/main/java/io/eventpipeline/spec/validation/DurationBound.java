package io.eventpipeline.spec.validation;

import io.eventpipeline.spec.Durations;
import java.time.Duration;

/**
 * The longest value a duration field accepts, as written in the spec (e.g. {@code 365d}), and why.
 * Every duration the job or the Flink operator reads has one, so that no accepted value overflows
 * when it becomes milliseconds or is added to an event time.
 */
record DurationBound(String written, String why) {
    /** A pattern's time limit: partial matches are kept this long, per key. */
    static final DurationBound WITHIN =
            new DurationBound("365d", "a pattern's partial matches are kept at most a year");

    /** Flink's checkpoint interval. */
    static final DurationBound CHECKPOINT_INTERVAL =
            new DurationBound(
                    "7d", "a longer interval would leave the job without recovery points");

    /** How late events may be and how long a partition may be silent. */
    static final DurationBound EVENT_TIME =
            new DurationBound("7d", "event time would be held back longer than a week");

    /** The autoscaler's metrics window and quiet time. */
    static final DurationBound AUTOSCALER =
            new DurationBound("1d", "the autoscaler would react to load a day late, or not at all");

    Duration value() {
        return Durations.parse(written);
    }

    String describe() {
        return written + " (" + why + ")";
    }
}
