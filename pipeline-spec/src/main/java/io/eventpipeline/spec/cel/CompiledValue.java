package io.eventpipeline.spec.cel;

import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import java.io.InvalidObjectException;
import java.io.ObjectStreamException;
import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One {@code emit} value, compiled once: a CEL expression over the events of a match's steps.
 * Thread-safe; serializable like {@link CompiledCondition}.
 *
 * <p>A value that needs missing data (a field the events lack, an optional step that took no event)
 * is null, so that the match is still emitted.
 */
public final class CompiledValue implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String expression;
    private final ExpressionScope scope;
    private final transient Set<String> steps;
    private final transient CelRuntime.Program program;
    private final transient StepFieldPath path;

    /**
     * @param path the expression as a plain field path, or null
     */
    CompiledValue(
            String expression,
            ExpressionScope scope,
            CelRuntime.Program program,
            StepFieldPath path) {
        this.expression = expression;
        this.scope = scope;
        this.steps = Set.copyOf(scope.steps());
        this.program = program;
        this.path = path;
    }

    /**
     * Evaluates the value for a match.
     *
     * @param stepEvents the match's events by step name
     * @return a plain JSON-ready value (null, Boolean, Long, Double, String, BigInteger, List, Map)
     * @throws ExpressionEvaluationException on an evaluation error other than missing data
     */
    public Object evaluate(Map<String, ? extends List<?>> stepEvents)
            throws ExpressionEvaluationException {
        Object read = path == null ? null : path.read(stepEvents);
        return read != null ? read : evaluateWithCel(stepEvents);
    }

    /** The value as the CEL program alone gives it (tests compare the shortcut with it). */
    Object evaluateWithCel(Map<String, ? extends List<?>> stepEvents)
            throws ExpressionEvaluationException {
        try {
            return CelValues.toPlain(
                    CelEnvironment.evaluate(program, new StepVariables(null, stepEvents, steps)));
        } catch (CelEvaluationException e) {
            if (StepVariables.isMissingData(e)) {
                return null;
            }
            throw new ExpressionEvaluationException(expression, e.getMessage(), e);
        }
    }

    /** The CEL source. */
    public String expression() {
        return expression;
    }

    @Override
    public String toString() {
        return expression;
    }

    private Object readResolve() throws ObjectStreamException {
        try {
            return ExpressionCompiler.compileValue(expression, scope);
        } catch (ExpressionCompileException e) {
            throw new InvalidObjectException("value no longer compiles: " + e.getMessage());
        }
    }
}
