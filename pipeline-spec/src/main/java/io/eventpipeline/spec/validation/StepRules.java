package io.eventpipeline.spec.validation;

import static io.eventpipeline.spec.validation.Problems.isSet;

import io.eventpipeline.spec.cel.CelNames;
import io.eventpipeline.spec.cel.ExpressionScope;
import io.eventpipeline.spec.model.Contiguity;
import io.eventpipeline.spec.model.PatternSpec;
import io.eventpipeline.spec.model.StepSpec;
import io.eventpipeline.spec.model.TimesSpec;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The steps of one pattern: names, how each follows the previous one, and the restrictions Flink
 * CEP 1.20 puts on sequences ({@code Pattern}, {@code NFACompiler}). Quantifier options are in
 * {@link QuantifierRules}.
 */
final class StepRules {
    private StepRules() {}

    static void check(PatternSpec pattern, String path, Problems problems) {
        List<StepSpec> steps = pattern.getSteps();
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < steps.size(); i++) {
            StepSpec step = steps.get(i);
            String at = path + ".steps[" + i + "]";
            if (step == null) {
                problems.add(at, "is empty: a step needs a name and a where condition");
                continue;
            }
            checkName(step.getName(), i, seen, at + ".name", problems);
            checkAfter(steps, i, at, problems);
            QuantifierRules.check(steps, i, at, problems);
        }
        checkSequence(pattern, path, problems);
    }

    private static void checkName(
            String name, int index, Map<String, Integer> seen, String at, Problems problems) {
        if (Problems.isBlank(name)) {
            problems.add(at, "is required: later steps and emit refer to the step by its name");
            return;
        }
        CelNames.whyNotVariable(name).ifPresent(why -> problems.add(at, "'" + name + "' " + why));
        Integer first = seen.putIfAbsent(name, index);
        if (first != null) {
            problems.add(
                    at,
                    "'"
                            + name
                            + "' is also the name of steps["
                            + first
                            + "]: step names must be"
                            + " unique in a pattern");
        }
    }

    private static void checkAfter(List<StepSpec> steps, int i, String at, Problems problems) {
        Contiguity after = steps.get(i).getAfter();
        if (after == null) {
            return;
        }
        if (i == 0) {
            problems.add(
                    at + ".after",
                    after.isNegation()
                            ? "a pattern cannot start with a negation ("
                                    + after.yamlName()
                                    + "): there is nothing yet whose follower it could forbid;"
                                    + " start with the event that begins the pattern"
                            : "must not be set on the first step: 'after' says how a step follows"
                                    + " the one before it, and the first step has none");
            return;
        }
        StepSpec previous = steps.get(i - 1);
        // Pattern.notNext / notFollowedBy: "Specifying a pattern with an optional path to NOT
        // condition is not supported yet".
        if (after.isNegation() && previous != null && isSet(previous.getOptional())) {
            problems.add(
                    at + ".after",
                    after.yamlName()
                            + " cannot follow an optional step (steps["
                            + (i - 1)
                            + "]): Flink CEP does not support it; write two patterns, one with"
                            + " and one without the optional step");
        }
    }

    private static void checkSequence(PatternSpec pattern, String path, Problems problems) {
        List<StepSpec> steps = pattern.getSteps();
        StepSpec last = steps.get(steps.size() - 1);
        // NFACompiler.compileFactory: "NotFollowedBy is not supported without windowTime as a last
        // part of a Pattern!"
        if (last != null
                && last.getAfter() == Contiguity.NOT_FOLLOWED_BY
                && pattern.getWithin() == null) {
            problems.add(
                    path + ".within",
                    "is required when the last step is notFollowedBy (steps["
                            + (steps.size() - 1)
                            + "]): the absence of an event is only certain once the time limit"
                            + " has passed");
        }
    }

    /** True when the step is notNext or notFollowedBy. */
    static boolean isNegation(StepSpec step) {
        return step.getAfter() != null && step.getAfter().isNegation();
    }

    /** True for times or oneOrMore. */
    static boolean repeats(StepSpec step) {
        return ExpressionScope.repeats(step);
    }

    /** True for a step that loops without an upper bound: oneOrMore, or times without max. */
    static boolean loops(StepSpec step) {
        TimesSpec times = step.getTimes();
        return isSet(step.getOneOrMore()) || (times != null && times.getMax() == null);
    }
}
