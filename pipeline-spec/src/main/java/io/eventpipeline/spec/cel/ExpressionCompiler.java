package io.eventpipeline.spec.cel;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.ast.CelReference;
import dev.cel.common.types.SimpleType;
import java.util.Set;
import java.util.TreeSet;

/**
 * Compiles the CEL of a pipeline. A condition ({@code where}, {@code until}) is a bool expression
 * over {@code event}, a {@code map(string, dyn)} holding the current event, and the step names of
 * its {@link ExpressionScope}, each a {@code list(map(string, dyn))} of that step's events so far.
 * An {@code emit} value is an expression of any type over the step names alone.
 *
 * <p>The environment has CEL's standard functions and macros ({@code has}, {@code all}, {@code
 * exists}, {@code exists_one}, {@code map}, {@code filter}), the strings extension ({@code
 * lowerAscii}, {@code split}, ...) and optional values ({@code event.?gate.orValue('')}). Ints and
 * doubles compare with each other. Limits are in {@link CelLimits}.
 */
public final class ExpressionCompiler {
    // About 5 KiB an entry (a condition over two steps: its checked tree and program), so a full
    // cache holds some 10 MiB.
    static final int KEPT_COMPILATIONS = 2048;

    private static final RecentCompilations<CompiledCondition> CONDITIONS =
            new RecentCompilations<>(KEPT_COMPILATIONS);
    private static final RecentCompilations<CompiledValue> VALUES =
            new RecentCompilations<>(KEPT_COMPILATIONS);

    private ExpressionCompiler() {}

    /** Compiles a {@code where} or {@code until} condition. */
    public static CompiledCondition compileCondition(String expression, ExpressionScope scope)
            throws ExpressionCompileException {
        return CONDITIONS.get(
                new RecentCompilations.Key("condition", expression, scope),
                () -> conditionOf(expression, scope));
    }

    private static CompiledCondition conditionOf(String expression, ExpressionScope scope)
            throws ExpressionCompileException {
        CelAbstractSyntaxTree ast =
                CelEnvironment.compile(expression, scope, true, SimpleType.BOOL);
        Set<String> referencedSteps = referencedSteps(ast, scope);
        // Only a condition on earlier steps' events needs it: the others are decided per event.
        EventOnlyPart eventOnly =
                referencedSteps.isEmpty()
                        ? EventOnlyPart.NONE
                        : EventOnlyPart.of(ast, Set.copyOf(scope.steps()));
        return new CompiledCondition(
                expression,
                scope,
                referencedSteps,
                EventFieldReads.of(ast).orElse(null),
                FieldEqualsGuard.of(ast).orElse(null),
                eventOnly,
                CelEnvironment.program(ast, scope, true));
    }

    /**
     * The step names the expression refers to: the checker resolves each to its declaration, so
     * comprehension variables and field names never count.
     */
    private static Set<String> referencedSteps(CelAbstractSyntaxTree ast, ExpressionScope scope) {
        Set<String> referenced = new TreeSet<>();
        for (CelReference reference : ast.getReferenceMap().values()) {
            if (scope.steps().contains(reference.name())) {
                referenced.add(reference.name());
            }
        }
        return referenced;
    }

    /** Compiles one {@code emit} value. */
    public static CompiledValue compileValue(String expression, ExpressionScope scope)
            throws ExpressionCompileException {
        return VALUES.get(
                new RecentCompilations.Key("value", expression, scope),
                () -> valueOf(expression, scope));
    }

    private static CompiledValue valueOf(String expression, ExpressionScope scope)
            throws ExpressionCompileException {
        CelAbstractSyntaxTree ast = CelEnvironment.compile(expression, scope, false, null);
        return new CompiledValue(
                expression,
                scope,
                CelEnvironment.program(ast, scope, false),
                StepFieldPath.of(ast, Set.copyOf(scope.steps())).orElse(null));
    }
}
