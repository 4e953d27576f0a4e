package io.eventpipeline.spec.state;

import io.eventpipeline.spec.cel.CompiledPattern;
import io.eventpipeline.spec.model.AfterMatchStrategy;
import io.eventpipeline.spec.model.Contiguity;
import io.eventpipeline.spec.model.PatternSpec;
import io.eventpipeline.spec.model.StepSpec;
import java.util.List;
import java.util.Optional;

/**
 * Decides whether a pattern is a simple sequence, which the job's sequence matcher matches instead
 * of Flink CEP: one event per step, each step after the first {@code followedBy}, every condition
 * on the event alone, after a match {@code noSkip}, {@code skipToNext} or {@code
 * skipPastLastEvent}, and no timed-out matches emitted. {@code within} is allowed.
 *
 * <p>For such a pattern a partial match is just the events it has taken, and an older partial match
 * is never behind a younger one (both test each event against their own step's condition), which is
 * what lets the sequence matcher reproduce CEP's results without its NFA. {@code
 * SequenceEquivalenceIT} runs random patterns of this shape through both and compares the records.
 */
public final class SimpleSequences {
    private SimpleSequences() {}

    /** Why the pattern needs Flink CEP, or empty when it is a simple sequence. */
    public static Optional<String> whyNotSimple(PatternSpec pattern, CompiledPattern compiled) {
        if (Boolean.TRUE.equals(pattern.getEmitTimeouts())) {
            return Optional.of("it emits timeouts");
        }
        AfterMatchStrategy afterMatch = pattern.getAfterMatch();
        if (afterMatch == AfterMatchStrategy.SKIP_TO_FIRST
                || afterMatch == AfterMatchStrategy.SKIP_TO_LAST) {
            return Optional.of("afterMatch is " + afterMatch.yamlName());
        }
        List<StepSpec> steps = pattern.getSteps();
        for (int s = 0; s < steps.size(); s++) {
            StepSpec step = steps.get(s);
            String name = "step " + step.getName();
            if (s > 0 && step.getAfter() != null && step.getAfter() != Contiguity.FOLLOWED_BY) {
                return Optional.of(name + " uses " + step.getAfter().yamlName());
            }
            if (step.getTimes() != null
                    || isSet(step.getOneOrMore())
                    || isSet(step.getOptional())
                    || isSet(step.getGreedy())
                    || isSet(step.getConsecutive())
                    || isSet(step.getAllowCombinations())
                    || step.getUntil() != null) {
                return Optional.of(name + " is quantified");
            }
            if (compiled.where(s).usesStepEvents()) {
                return Optional.of(name + " has a condition on earlier steps' events");
            }
        }
        return Optional.empty();
    }

    private static boolean isSet(Boolean flag) {
        return Boolean.TRUE.equals(flag);
    }
}
