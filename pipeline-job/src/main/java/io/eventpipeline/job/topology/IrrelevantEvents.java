package io.eventpipeline.job.topology;

import io.eventpipeline.spec.cel.CompiledPattern;
import io.eventpipeline.spec.model.Contiguity;
import io.eventpipeline.spec.model.PatternSpec;
import io.eventpipeline.spec.model.StepSpec;
import java.util.List;
import java.util.Optional;

/**
 * Decides whether events that no step's {@code where} or {@code until} holds for can be dropped
 * before the keyBy without changing any match. They can when every step of every pattern skips over
 * such events anyway, which Flink CEP does under relaxed contiguity only:
 *
 * <ul>
 *   <li>every step after the first is {@code followedBy} or {@code followedByAny} ({@code next}
 *       fails on any event in between; notNext and notFollowedBy depend on which events come);
 *   <li>no repeating step is {@code consecutive} (strict contiguity inside the loop);
 *   <li>no condition uses earlier steps' events (whether it holds is not known per event).
 * </ul>
 *
 * {@code within} and timeouts depend on event time, which the watermarks carry, not on events.
 * {@code EventFilterEquivalenceIT} runs random patterns of these kinds with and without dropping.
 */
public final class IrrelevantEvents {
    private IrrelevantEvents() {}

    /**
     * Why irrelevant events must reach the pattern operators, or empty when they can be dropped.
     */
    public static Optional<String> whyNotDroppable(
            List<PatternSpec> patterns, List<CompiledPattern> compiled) {
        for (int p = 0; p < patterns.size(); p++) {
            if (Boolean.TRUE.equals(patterns.get(p).getEmitTimeouts())) {
                return Optional.of("spec.patterns[" + p + "] emits timeouts");
            }
            List<StepSpec> steps = patterns.get(p).getSteps();
            for (int s = 0; s < steps.size(); s++) {
                StepSpec step = steps.get(s);
                String path = "spec.patterns[" + p + "].steps[" + s + "]";
                Contiguity after = step.getAfter();
                if (s > 0
                        && after != null
                        && after != Contiguity.FOLLOWED_BY
                        && after != Contiguity.FOLLOWED_BY_ANY) {
                    return Optional.of(path + " uses " + after.yamlName());
                }
                if (Boolean.TRUE.equals(step.getConsecutive())) {
                    return Optional.of(path + " is consecutive");
                }
                if (Boolean.TRUE.equals(step.getGreedy())) {
                    return Optional.of(path + " is greedy");
                }
                if (compiled.get(p).where(s).usesStepEvents()
                        || compiled.get(p).until(s).map(c -> c.usesStepEvents()).orElse(false)) {
                    return Optional.of(path + " has a condition on earlier steps' events");
                }
            }
        }
        return Optional.empty();
    }
}
