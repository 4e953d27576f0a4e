package io.eventpipeline.job.topology;

import io.eventpipeline.spec.cel.CompiledCondition;
import io.eventpipeline.spec.cel.CompiledPattern;
import io.eventpipeline.spec.cel.ExpressionEvaluationException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Evaluates every condition of every pattern on an event once, with no earlier events, before the
 * event reaches the pattern operators. An event that makes a condition fail for a reason other than
 * a missing field (a string where a number is compared, ...) is a dead letter: it "cannot be
 * evaluated", and inside CEP the failure could only be swallowed. Missing fields are not failures.
 */
public final class ConditionPrecheck implements Serializable {
    private static final long serialVersionUID = 1L;

    private final ArrayList<CompiledCondition> conditions = new ArrayList<>();
    private final ArrayList<String> paths = new ArrayList<>();

    public ConditionPrecheck(List<CompiledPattern> patterns) {
        for (int p = 0; p < patterns.size(); p++) {
            CompiledPattern pattern = patterns.get(p);
            for (int s = 0; s < pattern.stepCount(); s++) {
                String stepPath = "spec.patterns[" + p + "].steps[" + s + "]";
                add(pattern.where(s), stepPath + ".where");
                pattern.until(s).ifPresent(until -> add(until, stepPath + ".until"));
            }
        }
    }

    private void add(CompiledCondition condition, String path) {
        conditions.add(condition);
        paths.add(path);
    }

    /** Why the event cannot be evaluated, or empty when every condition evaluates. */
    public Optional<String> problemWith(Map<String, Object> event) {
        for (int i = 0; i < conditions.size(); i++) {
            try {
                conditions.get(i).test(event, Map.of());
            } catch (ExpressionEvaluationException e) {
                return Optional.of(paths.get(i) + ": " + e.getMessage());
            }
        }
        return Optional.empty();
    }
}
