package io.eventpipeline.job.topology;

import io.eventpipeline.spec.resolved.PatternShape;
import io.eventpipeline.spec.resolved.ResolvedPattern;
import java.util.List;
import java.util.Optional;

/**
 * Decides whether events that no step's {@code where} or {@code until} can hold for can be dropped
 * before the keyBy without changing any match: when every pattern's {@link PatternShape} allows it
 * (the reasoning is there, next to the choice of engine). Which events those are, {@link
 * EventConditions} tells, conditions on earlier steps' events included. {@code
 * EventFilterEquivalenceIT} runs random patterns of the allowed kinds with and without dropping.
 */
public final class IrrelevantEvents {
    private IrrelevantEvents() {}

    /**
     * Why irrelevant events must reach the pattern operators, or empty when they can be dropped.
     */
    public static Optional<String> whyNotDroppable(List<ResolvedPattern> patterns) {
        for (ResolvedPattern pattern : patterns) {
            Optional<String> why = pattern.shape().whyEventsMatter(pattern.path());
            if (why.isPresent()) {
                return why;
            }
        }
        return Optional.empty();
    }
}
