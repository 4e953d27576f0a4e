package io.eventpipeline.spec.resolved;

import io.eventpipeline.spec.model.Contiguity;
import io.eventpipeline.spec.model.StepSpec;
import java.util.EnumSet;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One step of a pattern, flags as booleans and nothing null.
 *
 * @param index its position in the pattern
 * @param path where it is written, e.g. {@code spec.patterns[0].steps[1]}
 * @param name the step's name
 * @param after how it follows the previous step; empty on the first step, which follows nothing
 * @param where its CEL condition
 * @param times how often it repeats, when given as times
 * @param oneOrMore whether it repeats one or more times
 * @param until the CEL condition that ends its repetition
 */
public record ResolvedStep(
        int index,
        String path,
        String name,
        Optional<Contiguity> after,
        String where,
        Optional<Times> times,
        boolean oneOrMore,
        boolean optional,
        boolean greedy,
        boolean consecutive,
        boolean allowCombinations,
        Optional<String> until) {

    /**
     * How many events a repeating step takes.
     *
     * @param min at least this many
     * @param max at most this many; empty: no upper bound
     */
    public record Times(int min, OptionalInt max) {}

    /** The options this step sets: how it repeats and how. */
    public EnumSet<StepOption> options() {
        EnumSet<StepOption> options = EnumSet.noneOf(StepOption.class);
        for (StepOption option : StepOption.values()) {
            boolean set =
                    switch (option) {
                        case TIMES -> times.isPresent();
                        case ONE_OR_MORE -> oneOrMore;
                        case OPTIONAL -> optional;
                        case CONSECUTIVE -> consecutive;
                        case GREEDY -> greedy;
                        case ALLOW_COMBINATIONS -> allowCombinations;
                        case UNTIL -> until.isPresent();
                    };
            if (set) {
                options.add(option);
            }
        }
        return options;
    }

    /** Whether this step is a negation (notNext, notFollowedBy). */
    public boolean isNegation() {
        return after.map(Contiguity::isNegation).orElse(false);
    }

    static ResolvedStep of(StepSpec step, int index, String patternPath) {
        return new ResolvedStep(
                index,
                patternPath + ".steps[" + index + "]",
                step.getName(),
                index == 0
                        ? Optional.empty()
                        : Optional.of(
                                step.getAfter() == null ? Contiguity.FOLLOWED_BY : step.getAfter()),
                step.getWhere(),
                Optional.ofNullable(step.getTimes())
                        .map(
                                t ->
                                        new Times(
                                                t.getMin(),
                                                t.getMax() == null
                                                        ? OptionalInt.empty()
                                                        : OptionalInt.of(t.getMax()))),
                isSet(step.getOneOrMore()),
                isSet(step.getOptional()),
                isSet(step.getGreedy()),
                isSet(step.getConsecutive()),
                isSet(step.getAllowCombinations()),
                Optional.ofNullable(step.getUntil()));
    }

    private static boolean isSet(Boolean flag) {
        return Boolean.TRUE.equals(flag);
    }
}
