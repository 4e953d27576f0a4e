package io.eventpipeline.job.cep;

import io.eventpipeline.job.event.PipelineEvent;
import io.eventpipeline.spec.cel.CompiledPattern;
import io.eventpipeline.spec.model.Contiguity;
import io.eventpipeline.spec.resolved.ResolvedPattern;
import io.eventpipeline.spec.resolved.ResolvedStep;
import org.apache.flink.cep.nfa.aftermatch.AfterMatchSkipStrategy;
import org.apache.flink.cep.pattern.Pattern;

/**
 * Builds the Flink CEP {@link Pattern} of one resolved pattern. Each step becomes a CEP pattern
 * named like the step: {@code after} picks next / followedBy / followedByAny / notNext /
 * notFollowedBy; {@code times {min, max}} is {@code times(n)} when min = max, {@code times(min,
 * max)} otherwise, and {@code timesOrMore(min)} without max; then consecutive, allowCombinations,
 * optional, greedy and until, in the order CEP checks them.
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
     * @param pattern a resolved pattern
     * @param slots where routed events carry the outcome of the pattern's conditions
     */
    public static Pattern<PipelineEvent, PipelineEvent> create(
            ResolvedPattern pattern, ConditionSlots slots) {
        CompiledPattern compiled = pattern.compiled();
        Pattern<PipelineEvent, PipelineEvent> cep = null;
        for (ResolvedStep step : pattern.steps()) {
            int i = step.index();
            cep =
                    step.after().isEmpty()
                            ? Pattern.begin(step.name(), skipStrategy(pattern))
                            : follow(cep, step.name(), step.after().get());
            cep =
                    cep.where(
                            new StepCondition(
                                    compiled.where(i),
                                    step.path() + ".where",
                                    slots.where(i),
                                    slots.layout()));
            cep = quantify(cep, step);
            if (compiled.until(i).isPresent()) {
                cep =
                        cep.until(
                                new StepCondition(
                                        compiled.until(i).get(),
                                        step.path() + ".until",
                                        slots.until(i),
                                        slots.layout()));
            }
        }
        if (pattern.within().isPresent()) {
            cep = cep.within(pattern.within().get());
        }
        return cep;
    }

    private static Pattern<PipelineEvent, PipelineEvent> follow(
            Pattern<PipelineEvent, PipelineEvent> previous, String name, Contiguity after) {
        return switch (after) {
            case NEXT -> previous.next(name);
            case FOLLOWED_BY -> previous.followedBy(name);
            case FOLLOWED_BY_ANY -> previous.followedByAny(name);
            case NOT_NEXT -> previous.notNext(name);
            case NOT_FOLLOWED_BY -> previous.notFollowedBy(name);
        };
    }

    private static Pattern<PipelineEvent, PipelineEvent> quantify(
            Pattern<PipelineEvent, PipelineEvent> pattern, ResolvedStep step) {
        if (step.times().isPresent()) {
            ResolvedStep.Times times = step.times().get();
            int min = times.min();
            if (times.max().isEmpty()) {
                pattern = pattern.timesOrMore(min);
            } else if (times.max().getAsInt() == min) {
                pattern = pattern.times(min);
            } else {
                pattern = pattern.times(min, times.max().getAsInt());
            }
        } else if (step.oneOrMore()) {
            pattern = pattern.oneOrMore();
        }
        if (step.consecutive()) {
            pattern = pattern.consecutive();
        }
        if (step.allowCombinations()) {
            pattern = pattern.allowCombinations();
        }
        if (step.optional()) {
            pattern = pattern.optional();
        }
        if (step.greedy()) {
            pattern = pattern.greedy();
        }
        return pattern;
    }

    /** The after-match skip strategy of a pattern. */
    public static AfterMatchSkipStrategy skipStrategy(ResolvedPattern pattern) {
        String step = pattern.afterMatchStep().orElse(null);
        return switch (pattern.afterMatch()) {
            case NO_SKIP -> AfterMatchSkipStrategy.noSkip();
            case SKIP_TO_NEXT -> AfterMatchSkipStrategy.skipToNext();
            case SKIP_PAST_LAST_EVENT -> AfterMatchSkipStrategy.skipPastLastEvent();
            case SKIP_TO_FIRST -> AfterMatchSkipStrategy.skipToFirst(step);
            case SKIP_TO_LAST -> AfterMatchSkipStrategy.skipToLast(step);
        };
    }
}
