package io.eventpipeline.spec.cel;

import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelVariableResolver;

/**
 * What one evaluation may build: the characters of strings (and bytes) that concatenation, {@code
 * replace}, {@code join} and {@code quote} produce, summed over the evaluation. Iterations are
 * bounded by CEL itself ({@link CelLimits#MAX_COMPREHENSION_ITERATIONS}); this bounds the memory
 * that iterations cannot see: {@code s.replace('a', 'aaaaaaaaaa')} chained ten times is one line of
 * CEL and ten billion characters.
 *
 * <p>Each function charges the size of its result before building it, so an evaluation past the
 * budget fails without allocating it. The evaluation runs on the calling thread (the legacy CEL
 * runtime), so the budget of the evaluation under way is kept per thread.
 */
final class EvaluationBudget {
    /** The message an evaluation past the budget fails with starts with this. */
    static final String EXCEEDED = "exceeds its evaluation budget";

    /** What is left of the budget of the evaluation under way on this thread, or {@link #NONE}. */
    private static final ThreadLocal<long[]> REMAINING = new ThreadLocal<>();

    private static final long NONE = -1;

    private EvaluationBudget() {}

    /**
     * Runs one evaluation with the whole budget; a nested evaluation gets its own. (Written out
     * rather than taking a lambda: this runs for every event and condition.)
     */
    static Object evaluate(CelRuntime.Program program, CelVariableResolver variables)
            throws CelEvaluationException {
        long[] remaining = REMAINING.get();
        if (remaining == null) {
            remaining = new long[] {NONE};
            REMAINING.set(remaining);
        }
        long outer = remaining[0];
        remaining[0] = CelLimits.MAX_BUILT_CHARACTERS;
        try {
            return program.eval(variables);
        } finally {
            remaining[0] = outer;
        }
    }

    /**
     * Takes {@code size} characters from the budget of the evaluation under way (outside one, from
     * a whole budget of its own).
     *
     * @throws CelEvaluationException when the budget does not hold them
     */
    static void charge(String function, long size) throws CelEvaluationException {
        long[] remaining = REMAINING.get();
        boolean open = remaining != null && remaining[0] != NONE;
        long left = open ? remaining[0] : CelLimits.MAX_BUILT_CHARACTERS;
        if (size > left) {
            throw new CelEvaluationException(
                    EXCEEDED
                            + ": "
                            + function
                            + " would build "
                            + size
                            + " characters with "
                            + Math.max(left, 0)
                            + " of "
                            + CelLimits.MAX_BUILT_CHARACTERS
                            + " left");
        }
        if (open) {
            remaining[0] = left - size;
        }
    }

    /**
     * True when an evaluation failed for going past a budget: this one, or CEL's own on iterations
     * and regular-expression size.
     */
    static boolean isExceeded(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String message = t.getMessage();
            if (message != null
                    && (message.contains(EXCEEDED)
                            || message.contains("Iteration budget")
                            || message.contains("exceeds allowed program size"))) {
                return true;
            }
        }
        return false;
    }
}
