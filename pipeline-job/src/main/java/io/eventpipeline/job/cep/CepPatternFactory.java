package io.eventpipeline.job.cep;

import io.eventpipeline.job.event.PipelineEvent;
import io.eventpipeline.spec.Durations;
import io.eventpipeline.spec.cel.CompiledPattern;
import io.eventpipeline.spec.model.AfterMatchStrategy;
import io.eventpipeline.spec.model.Contiguity;
import io.eventpipeline.spec.model.PatternSpec;
import io.eventpipeline.spec.model.StepSpec;
import io.eventpipeline.spec.model.TimesSpec;
import java.util.List;
import org.apache.flink.cep.nfa.aftermatch.AfterMatchSkipStrategy;
import org.apache.flink.cep.pattern.Pattern;

/**
 * Builds the Flink CEP {@link Pattern} of one validated pattern spec (defaults applied). Each step
 * becomes a CEP pattern named like the step: {@code after} picks next / followedBy / followedByAny
 * / notNext / notFollowedBy; {@code times {min, max}} is {@code times(n)} when min = max, {@code
 * times(min, max)} otherwise, and {@code timesOrMore(min)} without max; then consecutive,
 * allowCombinations, optional, greedy and until, in the order CEP checks them.
 */
public final class CepPatternFactory {
    private CepPatternFactory() {}

    /**
     * Conditions where the event's routed outcome may be used: slot by step index, or -1, in the
     * pattern's own layout.
     */
    public interface ConditionSlots {
        /** Always evaluate: events that were not routed. */
        ConditionSlots NONE =
                new ConditionSlots() {
                    @Override
                    public int where(int step) {
                        return -1;
                    }

                    @Override
                    public int until(int step) {
                        return -1;
                    }

                    @Override
                    public int layout() {
                        return PipelineEvent.NO_LAYOUT;
                    }
                };

        int where(int step);

        int until(int step);

        /** The layout an event's outcomes must be in to be used. */
        int layout();
    }

    /**
     * @param spec a pattern the validator accepted, with spec defaults applied
     * @param compiled its CEL, from {@link io.eventpipeline.spec.cel.PatternCompiler}
     * @param patternPath the pattern's field path, for log messages (e.g. spec.patterns[0])
     * @param slots where routed events carry the outcome of the pattern's conditions
     */
    public static Pattern<PipelineEvent, PipelineEvent> create(
            PatternSpec spec, CompiledPattern compiled, String patternPath, ConditionSlots slots) {
        List<StepSpec> steps = spec.getSteps();
        Pattern<PipelineEvent, PipelineEvent> pattern = null;
        for (int i = 0; i < steps.size(); i++) {
            StepSpec step = steps.get(i);
            String stepPath = patternPath + ".steps[" + i + "]";
            pattern =
                    i == 0
                            ? Pattern.begin(step.getName(), skipStrategy(spec))
                            : follow(pattern, step);
            pattern =
                    pattern.where(
                            new StepCondition(
                                    compiled.where(i),
                                    stepPath + ".where",
                                    slots.where(i),
                                    slots.layout()));
            pattern = quantify(pattern, step);
            if (compiled.until(i).isPresent()) {
                pattern =
                        pattern.until(
                                new StepCondition(
                                        compiled.until(i).get(),
                                        stepPath + ".until",
                                        slots.until(i),
                                        slots.layout()));
            }
        }
        if (spec.getWithin() != null) {
            pattern = pattern.within(Durations.parse(spec.getWithin()));
        }
        return pattern;
    }

    private static Pattern<PipelineEvent, PipelineEvent> follow(
            Pattern<PipelineEvent, PipelineEvent> previous, StepSpec step) {
        Contiguity after = step.getAfter() == null ? Contiguity.FOLLOWED_BY : step.getAfter();
        String name = step.getName();
        return switch (after) {
            case NEXT -> previous.next(name);
            case FOLLOWED_BY -> previous.followedBy(name);
            case FOLLOWED_BY_ANY -> previous.followedByAny(name);
            case NOT_NEXT -> previous.notNext(name);
            case NOT_FOLLOWED_BY -> previous.notFollowedBy(name);
        };
    }

    private static Pattern<PipelineEvent, PipelineEvent> quantify(
            Pattern<PipelineEvent, PipelineEvent> pattern, StepSpec step) {
        TimesSpec times = step.getTimes();
        if (times != null) {
            int min = times.getMin();
            if (times.getMax() == null) {
                pattern = pattern.timesOrMore(min);
            } else if (times.getMax() == min) {
                pattern = pattern.times(min);
            } else {
                pattern = pattern.times(min, times.getMax());
            }
        } else if (isSet(step.getOneOrMore())) {
            pattern = pattern.oneOrMore();
        }
        if (isSet(step.getConsecutive())) {
            pattern = pattern.consecutive();
        }
        if (isSet(step.getAllowCombinations())) {
            pattern = pattern.allowCombinations();
        }
        if (isSet(step.getOptional())) {
            pattern = pattern.optional();
        }
        if (isSet(step.getGreedy())) {
            pattern = pattern.greedy();
        }
        return pattern;
    }

    /** The after-match skip strategy of a pattern; noSkip when absent. */
    public static AfterMatchSkipStrategy skipStrategy(PatternSpec spec) {
        AfterMatchStrategy strategy =
                spec.getAfterMatch() == null ? AfterMatchStrategy.NO_SKIP : spec.getAfterMatch();
        return switch (strategy) {
            case NO_SKIP -> AfterMatchSkipStrategy.noSkip();
            case SKIP_TO_NEXT -> AfterMatchSkipStrategy.skipToNext();
            case SKIP_PAST_LAST_EVENT -> AfterMatchSkipStrategy.skipPastLastEvent();
            case SKIP_TO_FIRST -> AfterMatchSkipStrategy.skipToFirst(spec.getAfterMatchStep());
            case SKIP_TO_LAST -> AfterMatchSkipStrategy.skipToLast(spec.getAfterMatchStep());
        };
    }

    private static boolean isSet(Boolean flag) {
        return Boolean.TRUE.equals(flag);
    }
}
