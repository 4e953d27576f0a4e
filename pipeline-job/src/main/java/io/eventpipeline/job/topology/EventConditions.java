package io.eventpipeline.job.topology;

import io.eventpipeline.spec.cel.CompiledCondition;
import io.eventpipeline.spec.cel.CompiledPattern;
import io.eventpipeline.spec.cel.ExpressionEvaluationException;
import io.eventpipeline.spec.resolved.ResolvedPattern;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Every {@code where} and {@code until} of every pattern, evaluated once per event by the router,
 * before the event reaches the pattern operators. Each condition has a slot; the event carries the
 * outcome of each slot to the pattern operators, which then need not evaluate a condition that
 * depends on the event alone again (for each partial match the event meets). The evaluation also:
 *
 * <ul>
 *   <li>finds events that cannot be evaluated: a condition fails for a reason other than a missing
 *       field (a string where a number is compared, ...). Inside CEP the failure could only be
 *       swallowed, so such an event is a dead letter. Missing fields are not failures. A condition
 *       cut off at its evaluation budget (an event whose data makes it iterate or build too much)
 *       is such a failure too: the event is a dead letter with that reason, and the job goes on.
 *   <li>finds events no step can match, which the router drops when {@link IrrelevantEvents} says
 *       the patterns allow it.
 * </ul>
 *
 * <p>A condition that uses earlier steps' events is evaluated here with none (to find failures),
 * but its outcome is not used: the pattern operator evaluates it for each partial match. For
 * dropping, such a condition may hold for every event but those its event-only part rules out
 * ({@link CompiledCondition#falseForAnyStepEvents}): for those it is false in every partial match,
 * never a failure, so dropping them hides neither a match nor a failure the operator would meet.
 *
 * <p>The router's slots number every pattern's conditions together; that numbering never leaves the
 * running job. Each pattern operator receives the outcomes renumbered for its pattern alone ({@link
 * #forPattern}), which is what its state keeps.
 */
public final class EventConditions implements Serializable {
    private static final long serialVersionUID = 1L;

    private final ArrayList<CompiledCondition> conditions = new ArrayList<>();
    private final ArrayList<String> paths = new ArrayList<>();

    /** By pattern, by step: the slot of the step's where and until (-1: none). */
    private final int[][] whereSlots;

    private final int[][] untilSlots;
    private final boolean dropIrrelevant;
    private final int layout;

    /**
     * @param dropIrrelevant whether events no condition holds for may be dropped; see {@link
     *     IrrelevantEvents#whyNotDroppable}
     */
    public EventConditions(List<ResolvedPattern> patterns, boolean dropIrrelevant) {
        whereSlots = new int[patterns.size()][];
        untilSlots = new int[patterns.size()][];
        for (int p = 0; p < patterns.size(); p++) {
            CompiledPattern pattern = patterns.get(p).compiled();
            whereSlots[p] = new int[pattern.stepCount()];
            untilSlots[p] = new int[pattern.stepCount()];
            for (int s = 0; s < pattern.stepCount(); s++) {
                String stepPath = patterns.get(p).step(s).path();
                whereSlots[p][s] = add(pattern.where(s), stepPath + ".where");
                untilSlots[p][s] =
                        pattern.until(s).map(until -> add(until, stepPath + ".until")).orElse(-1);
            }
        }
        this.dropIrrelevant = dropIrrelevant;
        List<String> described = new ArrayList<>();
        for (int i = 0; i < conditions.size(); i++) {
            described.add(paths.get(i) + ": " + conditions.get(i).expression());
        }
        this.layout = ConditionLayout.of(described);
    }

    private int add(CompiledCondition condition, String path) {
        conditions.add(condition);
        paths.add(path);
        return conditions.size() - 1;
    }

    /**
     * The slot whose outcome the pattern operator may use for a step's {@code where}, or -1 when it
     * must evaluate the condition itself (it uses earlier steps' events).
     */
    public int whereSlot(int pattern, int step) {
        return usableSlot(whereSlots[pattern][step]);
    }

    /** As {@link #whereSlot}, for the step's {@code until}; -1 also when it has none. */
    public int untilSlot(int pattern, int step) {
        return usableSlot(untilSlots[pattern][step]);
    }

    private int usableSlot(int slot) {
        return slot < 0 || conditions.get(slot).usesStepEvents() ? -1 : slot;
    }

    /**
     * Pattern {@code pattern}'s usable conditions, numbered by that pattern alone: its steps' where
     * then until, in step order. Its layout depends on the pattern's conditions only.
     */
    public PatternConditions forPattern(int pattern) {
        int steps = whereSlots[pattern].length;
        int[] localWhere = new int[steps];
        int[] localUntil = new int[steps];
        List<Integer> routerSlots = new ArrayList<>();
        List<String> described = new ArrayList<>();
        for (int s = 0; s < steps; s++) {
            localWhere[s] = local(whereSlot(pattern, s), s, ".where", routerSlots, described);
            localUntil[s] = local(untilSlot(pattern, s), s, ".until", routerSlots, described);
        }
        return new PatternConditions(
                layout,
                ConditionLayout.of(described),
                routerSlots.stream().mapToInt(Integer::intValue).toArray(),
                localWhere,
                localUntil);
    }

    private int local(
            int routerSlot,
            int step,
            String kind,
            List<Integer> routerSlots,
            List<String> described) {
        if (routerSlot < 0) {
            return -1;
        }
        routerSlots.add(routerSlot);
        described.add(
                "steps[" + step + "]" + kind + ": " + conditions.get(routerSlot).expression());
        return routerSlots.size() - 1;
    }

    /**
     * The outcome for one event.
     *
     * @param results bit {@code i} is slot {@code i}'s outcome; null when {@code problem} is set
     * @param problem why the event cannot be evaluated, or null
     * @param relevant whether the event goes on to the pattern operators
     * @param overBudget whether {@code problem} is a condition cut off at its evaluation budget
     */
    public record Outcome(long[] results, String problem, boolean relevant, boolean overBudget) {}

    public Outcome evaluate(Map<String, Object> event) {
        long[] results = new long[(conditions.size() + 63) >>> 6];
        boolean any = false;
        for (int i = 0; i < conditions.size(); i++) {
            CompiledCondition condition = conditions.get(i);
            try {
                boolean holds = condition.test(event, Map.of());
                if (holds) {
                    results[i >>> 6] |= 1L << i;
                }
                if (!any && dropIrrelevant) {
                    any =
                            condition.usesStepEvents()
                                    ? !condition.falseForAnyStepEvents(event)
                                    : holds;
                }
            } catch (ExpressionEvaluationException e) {
                return new Outcome(
                        null, paths.get(i) + ": " + e.getMessage(), false, e.overBudget());
            }
        }
        return new Outcome(results, null, any || !dropIrrelevant, false);
    }

    /** The layout of {@link Outcome#results}. */
    public int layout() {
        return layout;
    }
}
