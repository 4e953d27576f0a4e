package io.eventpipeline.job.topology;

import io.eventpipeline.job.event.EventSizeLimit;
import io.eventpipeline.job.event.EventTimeRange;
import io.eventpipeline.job.event.Utf8;

/**
 * Why a record became a dead letter, as a metric label (the dead letter's own reason header has the
 * details). Parser rejections are told apart by the start of their message, which {@link
 * io.eventpipeline.job.event.RecordParser} and its extractors write.
 */
public enum DeadLetterReason {
    /** Over {@link EventSizeLimit#MAX_EVENT_BYTES}. */
    TOO_LARGE("too-large"),
    /** Not well-formed UTF-8 ({@link Utf8}). */
    NOT_UTF8("not-utf8"),
    NOT_JSON("not-json"),
    KEY("key"),
    TIMESTAMP("timestamp"),
    /** Outside {@link EventTimeRange}, or beyond any time in epoch milliseconds. */
    TIMESTAMP_RANGE("timestamp-range"),
    LATE("late"),
    NOT_EVALUABLE("not-evaluable"),
    /** A condition went past its evaluation budget on this event (CelLimits). */
    OVER_BUDGET("over-budget");

    private final String label;

    DeadLetterReason(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /**
     * The category of a parser rejection: too large, not UTF-8, no key, no usable timestamp, a
     * timestamp out of range, or (anything else) not a JSON object.
     */
    public static DeadLetterReason ofRejection(String rejection) {
        if (rejection.startsWith(EventSizeLimit.REJECTION_PREFIX)) {
            return TOO_LARGE;
        }
        if (rejection.startsWith(Utf8.REJECTION_PREFIX)) {
            return NOT_UTF8;
        }
        if (rejection.startsWith(EventTimeRange.REJECTION_PREFIX)) {
            return TIMESTAMP_RANGE;
        }
        if (rejection.startsWith("missing key field") || rejection.startsWith("key field")) {
            return KEY;
        }
        if (rejection.startsWith("missing timestamp field")
                || rejection.startsWith("timestamp field")) {
            return TIMESTAMP;
        }
        return NOT_JSON;
    }
}
