package io.eventpipeline.spec.cel;

import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import java.io.InvalidObjectException;
import java.io.ObjectStreamException;
import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A step's {@code where} or {@code until}, compiled once and evaluated for each event. Thread-safe.
 * Serializable for Flink: only the source and scope travel; the program is compiled again when
 * read.
 *
 * <p><b>Missing data makes a condition false.</b> When the outcome depends on a field the event
 * lacks ({@code event.gate} with no gate) or on an event a step did not take ({@code delay[0]}
 * while delay is empty), the condition is false: the event does not match this step and is not a
 * dead letter. This holds under negation too ({@code !(event.gate == 'A1')} is false without a
 * gate); test presence with {@code has(event.gate)} or use {@code event.?gate.orValue('')}. As in
 * CEL, {@code ||} and {@code &&} still decide when one side alone does ({@code event.x == 1 ||
 * true} is true). Any other failure is an {@link ExpressionEvaluationException}.
 */
public final class CompiledCondition implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String expression;
    private final ExpressionScope scope;
    private final transient Set<String> steps;
    private final transient Set<String> referencedSteps;
    private final transient CelRuntime.Program program;
    private final transient FieldEqualsGuard guard;
    private final transient EventOnlyPart eventOnly;
    private final transient Set<String> eventFields;

    /**
     * @param eventFields the event's top-level fields the expression reads, or null: all of them
     */
    CompiledCondition(
            String expression,
            ExpressionScope scope,
            Set<String> referencedSteps,
            Set<String> eventFields,
            FieldEqualsGuard guard,
            EventOnlyPart eventOnly,
            CelRuntime.Program program) {
        this.guard = guard;
        this.eventOnly = eventOnly;
        this.eventFields = eventFields == null ? null : Set.copyOf(eventFields);
        this.expression = expression;
        this.scope = scope;
        this.steps = Set.copyOf(scope.steps());
        this.referencedSteps = Set.copyOf(referencedSteps);
        this.program = program;
    }

    /**
     * Evaluates the condition.
     *
     * @param event the current event, as {@link EventJson#parse} gives it
     * @param stepEvents events taken so far by the steps of this partial match, by step name (Flink
     *     CEP's {@code ctx.getEventsForPattern}); a step absent from the map has taken none
     * @return whether the event satisfies the condition; false when it needs a missing field
     * @throws ExpressionEvaluationException on any other evaluation error, or a non-bool result
     */
    public boolean test(Map<String, Object> event, Map<String, ? extends List<?>> stepEvents)
            throws ExpressionEvaluationException {
        if (guard != null) {
            switch (guard.check(event)) {
                case FALSE:
                    return false;
                case TRUE:
                    return true;
                default:
                    break;
            }
        }
        Object result;
        try {
            result = CelEnvironment.evaluate(program, new StepVariables(event, stepEvents, steps));
        } catch (CelEvaluationException e) {
            if (StepVariables.isMissingData(e)) {
                return false;
            }
            throw new ExpressionEvaluationException(expression, e.getMessage(), e);
        }
        if (result instanceof Boolean matched) {
            return matched;
        }
        throw new ExpressionEvaluationException(
                expression,
                "expected true or false, got "
                        + (result == null ? "null" : result.getClass().getSimpleName()),
                null);
    }

    /**
     * True only when the condition is false for this event whatever events earlier steps took, and
     * never an error: {@link #test} would return false for it with any {@code stepEvents}. So it
     * holds when the shortcut {@link #test} takes first says false, or when a top-level conjunct
     * that reads the event alone is false ({@link EventOnlyPart} says why that suffices). False
     * tells nothing: the condition may hold, fail, or be false anyway. Found only for a condition
     * that {@link #usesStepEvents()}; evaluate the others with {@link #test}.
     */
    public boolean falseForAnyStepEvents(Map<String, Object> event) {
        if (guard != null && guard.check(event) == FieldEqualsGuard.Verdict.FALSE) {
            return true;
        }
        return eventOnly.isFalseFor(event);
    }

    /** The event-only part, for tests. */
    EventOnlyPart eventOnlyPart() {
        return eventOnly;
    }

    /** The CEL source. */
    public String expression() {
        return expression;
    }

    /**
     * Whether the outcome depends on events earlier steps took (an iterative condition). When not,
     * it depends on the current event alone and can be decided once per event, before matching.
     */
    public boolean usesStepEvents() {
        return !referencedSteps.isEmpty();
    }

    /**
     * The top-level fields of the event this condition reads (what lies below them included); empty
     * when it may read any field. An event without the other fields gives the same outcome.
     */
    public Optional<Set<String>> eventFields() {
        return Optional.ofNullable(eventFields);
    }

    /** The step names this condition can use. */
    public ExpressionScope scope() {
        return scope;
    }

    @Override
    public String toString() {
        return expression;
    }

    private Object readResolve() throws ObjectStreamException {
        try {
            return ExpressionCompiler.compileCondition(expression, scope);
        } catch (ExpressionCompileException e) {
            throw new InvalidObjectException("condition no longer compiles: " + e.getMessage());
        }
    }
}
