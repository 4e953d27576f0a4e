package io.eventpipeline.job.topology;

import java.util.EnumMap;
import java.util.Map;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;

/**
 * The router's counters, under the operator's metric group: {@code eventpipeline.eventsAccepted}
 * and {@code eventpipeline.reason.<reason>.deadLetters} (a {@code reason} label in Prometheus).
 * Every input record is counted once in one of them: input = accepted + dead letters. {@code
 * eventpipeline.eventsSkipped} counts the accepted events no step can match that were dropped
 * before the pattern operators (see {@link IrrelevantEvents}). Counters start at zero with each
 * task attempt (Flink does not restore metrics after a failover).
 */
final class RouterMetrics {
    static final String GROUP = "eventpipeline";
    static final String ACCEPTED = "eventsAccepted";
    static final String SKIPPED = "eventsSkipped";
    static final String REASON = "reason";
    static final String DEAD_LETTERS = "deadLetters";

    private final Counter accepted;
    private final Counter skipped;
    private final Map<DeadLetterReason, Counter> deadLetters =
            new EnumMap<>(DeadLetterReason.class);

    RouterMetrics(MetricGroup operatorGroup) {
        MetricGroup group = operatorGroup.addGroup(GROUP);
        accepted = group.counter(ACCEPTED);
        skipped = group.counter(SKIPPED);
        // All reasons up front, so that a dashboard shows zeros rather than nothing.
        for (DeadLetterReason reason : DeadLetterReason.values()) {
            deadLetters.put(reason, group.addGroup(REASON, reason.label()).counter(DEAD_LETTERS));
        }
    }

    void accepted() {
        accepted.inc();
    }

    void skipped() {
        skipped.inc();
    }

    void deadLetter(DeadLetterReason reason) {
        deadLetters.get(reason).inc();
    }
}
