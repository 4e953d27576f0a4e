package io.eventpipeline.spec.validation;

import static io.eventpipeline.spec.validation.Problems.isSet;

import io.eventpipeline.spec.model.StepSpec;
import io.eventpipeline.spec.model.TimesSpec;
import java.util.List;

/**
 * How often a step repeats and its options, as Flink CEP 1.20 allows them: {@code Pattern} (times,
 * oneOrMore, optional, greedy, until), {@code Quantifier} (consecutive, allowCombinations, greedy)
 * and {@code NFACompiler} (where greedy takes effect). The job maps times {min, max} to {@code
 * times(min, max)} and times {min} to {@code timesOrMore(min)}.
 */
final class QuantifierRules {
    private static final String NEEDS_REPEATING =
            "needs a repeating step (times or oneOrMore): it is about the step's own events";

    private QuantifierRules() {}

    static void check(List<StepSpec> steps, int i, String at, Problems problems) {
        StepSpec step = steps.get(i);
        if (StepRules.isNegation(step)) {
            checkNegation(step, at, problems);
            return;
        }
        checkTimes(step, at, problems);
        boolean repeats = StepRules.repeats(step);
        if (isSet(step.getConsecutive()) && isSet(step.getAllowCombinations())) {
            problems.add(
                    at + ".allowCombinations",
                    "cannot be combined with consecutive: a repeating step's events are either"
                            + " strictly one after another (consecutive) or any combination"
                            + " (allowCombinations)");
        }
        if (isSet(step.getConsecutive()) && !repeats) {
            problems.add(at + ".consecutive", NEEDS_REPEATING);
        }
        if (isSet(step.getAllowCombinations()) && !repeats) {
            problems.add(at + ".allowCombinations", NEEDS_REPEATING);
        }
        if (isSet(step.getGreedy())) {
            checkGreedy(steps, i, at, problems);
        }
        StepSpec previous = i > 0 ? steps.get(i - 1) : null;
        // Pattern.optional(): "Optional pattern cannot be preceded by greedy pattern".
        if (isSet(step.getOptional()) && previous != null && isSet(previous.getGreedy())) {
            problems.add(
                    at + ".optional",
                    "an optional step cannot follow a greedy one (steps["
                            + (i - 1)
                            + "]): Flink CEP rejects it");
        }
        // Pattern.until(): "The until condition is only applicable to looping states."
        if (step.getUntil() != null && !StepRules.loops(step)) {
            problems.add(
                    at + ".until",
                    "needs a step that repeats without an upper bound: oneOrMore, or times with"
                            + " min and no max");
        }
    }

    private static void checkNegation(StepSpec step, String at, Problems problems) {
        String why =
                "cannot be used on a "
                        + step.getAfter().yamlName()
                        + " step: a negation forbids events and never takes any, so it neither"
                        + " repeats nor has options (Flink CEP rejects them on NOT patterns)";
        if (step.getTimes() != null) {
            problems.add(at + ".times", why);
        }
        if (isSet(step.getOneOrMore())) {
            problems.add(at + ".oneOrMore", why);
        }
        if (isSet(step.getOptional())) {
            problems.add(at + ".optional", why);
        }
        if (isSet(step.getGreedy())) {
            problems.add(at + ".greedy", why);
        }
        if (isSet(step.getConsecutive())) {
            problems.add(at + ".consecutive", why);
        }
        if (isSet(step.getAllowCombinations())) {
            problems.add(at + ".allowCombinations", why);
        }
        if (step.getUntil() != null) {
            problems.add(at + ".until", why);
        }
    }

    private static void checkTimes(StepSpec step, String at, Problems problems) {
        TimesSpec times = step.getTimes();
        if (times == null) {
            return;
        }
        if (isSet(step.getOneOrMore())) {
            problems.add(
                    at + ".oneOrMore",
                    "cannot be combined with times: for 'N or more' write times: {min: N}");
        }
        String tooMany =
                "must be at most "
                        + TimesSpec.MAX_TIMES
                        + " (Flink CEP keeps a state per count; use fewer, or oneOrMore)";
        if (times.getMax() != null && times.getMax() > TimesSpec.MAX_TIMES) {
            problems.add(at + ".times.max", tooMany);
        }
        if (times.getMin() == null) {
            problems.add(at + ".times.min", "is required (at least 1)");
        } else if (times.getMin() > TimesSpec.MAX_TIMES) {
            problems.add(at + ".times.min", tooMany);
        } else if (times.getMin() < 1) {
            problems.add(
                    at + ".times.min",
                    "must be at least 1 (for 'maybe none', add optional: true to the step)");
        } else if (times.getMax() != null && times.getMax() < times.getMin()) {
            problems.add(at + ".times.max", "must be at least times.min (" + times.getMin() + ")");
        }
    }

    private static void checkGreedy(List<StepSpec> steps, int i, String at, Problems problems) {
        StepSpec step = steps.get(i);
        TimesSpec times = step.getTimes();
        if (!StepRules.repeats(step)) {
            // Quantifier.greedy(): "Option not applicable to singleton quantifier".
            problems.add(at + ".greedy", NEEDS_REPEATING);
        } else if (isSet(step.getAllowCombinations())) {
            // Quantifier.greedy(): "Option not applicable to FollowedByAny pattern".
            problems.add(
                    at + ".greedy",
                    "cannot be combined with allowCombinations: Flink CEP rejects it");
        } else if (times != null
                && times.getMin() != null
                && times.getMin().equals(times.getMax())) {
            // NFACompiler.createTimesState applies greedy only when min != max.
            problems.add(
                    at + ".greedy",
                    "has no effect with a fixed count (times.min = times.max): the step always"
                            + " takes exactly that many events");
        } else if (i == steps.size() - 1) {
            // NFACompiler makes a step greedy by guarding the transitions of the state after it;
            // after the last step comes only the final state, which has none.
            problems.add(
                    at + ".greedy",
                    "has no effect on the last step: Flink CEP makes a step greedy by holding"
                            + " back the step after it, and a match ends as soon as the last step"
                            + " matches; add a step after it or remove greedy");
        }
    }
}
