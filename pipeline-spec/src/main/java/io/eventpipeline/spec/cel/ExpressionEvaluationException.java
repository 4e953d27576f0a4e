package io.eventpipeline.spec.cel;

/**
 * An expression that could not be evaluated for an event for a reason other than a missing field: a
 * type mismatch ({@code event.minutes > 30} where minutes is a string), a division by zero, a
 * non-bool condition result, the evaluation budget exhausted ({@link #overBudget}). The job sends
 * such an event to the dead-letter topic with this message.
 */
public class ExpressionEvaluationException extends Exception {
    private final String expression;
    private final boolean overBudget;

    public ExpressionEvaluationException(String expression, String reason, Throwable cause) {
        super("cannot evaluate '" + expression + "': " + reason, cause);
        this.expression = expression;
        this.overBudget = cause != null && EvaluationBudget.isExceeded(cause);
    }

    /**
     * Whether the evaluation was cut off for going past its budget ({@link CelLimits}: iterations,
     * characters built) rather than failing on the event's data.
     */
    public boolean overBudget() {
        return overBudget;
    }

    /** The CEL source that failed. */
    public String expression() {
        return expression;
    }
}
