package io.eventpipeline.job.topology;

/**
 * Why a record became a dead letter, as a metric label (the dead letter's own reason header has the
 * details). Parser rejections are told apart by the start of their message, which {@link
 * io.eventpipeline.job.event.RecordParser} and its extractors write.
 */
public enum DeadLetterReason {
    NOT_JSON("not-json"),
    KEY("key"),
    TIMESTAMP("timestamp"),
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

    /** The category of a parser rejection: no key, no usable timestamp, or not a JSON object. */
    public static DeadLetterReason ofRejection(String rejection) {
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
