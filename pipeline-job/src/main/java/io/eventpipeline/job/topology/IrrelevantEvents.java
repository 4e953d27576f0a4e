package io.eventpipeline.job.topology;

import io.eventpipeline.spec.cel.CompiledPattern;
import io.eventpipeline.spec.model.PatternSpec;
import io.eventpipeline.spec.state.PatternShape;
import java.util.List;
import java.util.Optional;

/**
 * Decides whether events that no step's {@code where} or {@code until} holds for can be dropped
 * before the keyBy without changing any match: when every pattern's {@link PatternShape} allows it
 * (the reasoning is there, next to the choice of engine). {@code EventFilterEquivalenceIT} runs
 * random patterns of the allowed kinds with and without dropping.
 */
public final class IrrelevantEvents {
    private IrrelevantEvents() {}

    /**
     * Why irrelevant events must reach the pattern operators, or empty when they can be dropped.
     */
    public static Optional<String> whyNotDroppable(
            List<PatternSpec> patterns, List<CompiledPattern> compiled) {
        for (int p = 0; p < patterns.size(); p++) {
            Optional<String> why =
                    PatternShape.of(patterns.get(p), compiled.get(p))
                            .whyEventsMatter(CompiledPipeline.patternPath(p));
            if (why.isPresent()) {
                return why;
            }
        }
        return Optional.empty();
    }
}
