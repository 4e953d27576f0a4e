package io.eventpipeline.job.topology;

/**
 * Operator uids: what savepoint state is matched by. Source and sinks keep fixed uids, so offsets
 * and transactions carry over any change of patterns. Each pattern's operator has a uid derived
 * from its own matching definition and the key path ({@link
 * io.eventpipeline.spec.state.PatternState}), so a changed pattern (or key) starts with fresh state
 * and the state of an unchanged one is restored; the job runs with allowNonRestoredState so that
 * the old uid's state is dropped.
 */
public final class OperatorUids {
    public static final String KAFKA_SOURCE = "kafka-source";
    public static final String EVENT_ROUTER = "event-router";
    public static final String MATCH_SINK = "match-sink";
    public static final String DEAD_LETTER_SINK = "dead-letter-sink";

    private OperatorUids() {}
}
