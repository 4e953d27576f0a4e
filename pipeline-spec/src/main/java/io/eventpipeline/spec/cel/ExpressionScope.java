package io.eventpipeline.spec.cel;

import io.eventpipeline.spec.model.PatternSpec;
import io.eventpipeline.spec.model.StepSpec;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The step names one expression may use, each a variable holding the list of events that step has
 * taken, and for the pattern's other steps the reason they are out of reach (used to explain an
 * "undeclared reference").
 *
 * <p>A {@code where} or {@code until} condition sees the earlier steps that take events (not
 * notNext / notFollowedBy, which never hold any). A repeating step (times or oneOrMore) also sees
 * its own name: the events it has taken so far in this partial match, empty for its first event,
 * e.g. {@code size(readings) == 0 || event.value > readings[size(readings) - 1].value} for rising
 * values. {@code emit} sees every step that takes events.
 *
 * @param steps visible step names, in pattern order
 * @param unavailable pattern step names not visible here, each with why
 */
public record ExpressionScope(List<String> steps, Map<String, String> unavailable)
        implements Serializable {

    public ExpressionScope {
        steps = List.copyOf(steps);
        unavailable = Map.copyOf(unavailable);
    }

    /** The scope of step {@code stepIndex}'s {@code where} and {@code until}. */
    public static ExpressionScope forCondition(PatternSpec pattern, int stepIndex) {
        List<StepSpec> all = stepsOf(pattern);
        StepSpec self = all.get(stepIndex);
        boolean selfRepeats = self != null && repeats(self);
        List<String> visible = new ArrayList<>();
        Map<String, String> unavailable = new LinkedHashMap<>();
        for (int i = 0; i < all.size(); i++) {
            StepSpec step = all.get(i);
            String name = step == null ? null : step.getName();
            if (!CelNames.isVariable(name)
                    || visible.contains(name)
                    || unavailable.containsKey(name)) {
                continue; // the step rules report bad and duplicate names
            }
            if (isNegation(step)) {
                unavailable.put(name, negationReason(name, step));
            } else if (i < stepIndex) {
                visible.add(name);
            } else if (i > stepIndex) {
                unavailable.put(
                        name,
                        "'"
                                + name
                                + "' is a later step (steps["
                                + i
                                + "]): a condition can only use the events of earlier steps");
            } else if (selfRepeats) {
                visible.add(name);
            } else {
                unavailable.put(
                        name,
                        "'"
                                + name
                                + "' is this step itself: only a repeating step (times or"
                                + " oneOrMore) can use its own events taken so far");
            }
        }
        return new ExpressionScope(visible, unavailable);
    }

    /** The scope of the pattern's {@code emit} expressions: every step that takes events. */
    public static ExpressionScope forEmit(PatternSpec pattern) {
        List<String> visible = new ArrayList<>();
        Map<String, String> unavailable = new LinkedHashMap<>();
        for (StepSpec step : stepsOf(pattern)) {
            String name = step == null ? null : step.getName();
            if (!CelNames.isVariable(name)
                    || visible.contains(name)
                    || unavailable.containsKey(name)) {
                continue;
            }
            if (isNegation(step)) {
                unavailable.put(name, negationReason(name, step));
            } else {
                visible.add(name);
            }
        }
        return new ExpressionScope(visible, unavailable);
    }

    /** True when a step takes several events: times or oneOrMore. */
    public static boolean repeats(StepSpec step) {
        return step.getTimes() != null || Boolean.TRUE.equals(step.getOneOrMore());
    }

    private static boolean isNegation(StepSpec step) {
        return step.getAfter() != null && step.getAfter().isNegation();
    }

    private static String negationReason(String name, StepSpec step) {
        return "'"
                + name
                + "' is a "
                + step.getAfter().yamlName()
                + " step: it forbids events and never holds any";
    }

    private static List<StepSpec> stepsOf(PatternSpec pattern) {
        return pattern.getSteps() == null ? List.of() : pattern.getSteps();
    }
}
