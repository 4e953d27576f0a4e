package io.eventpipeline.spec.cel;

import io.eventpipeline.spec.model.PatternSpec;
import io.eventpipeline.spec.model.StepSpec;
import io.eventpipeline.spec.validation.InvalidPipelineException;
import io.eventpipeline.spec.validation.ValidationProblem;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Compiles all CEL of one pattern, reporting every error at its field path (e.g. {@code
 * spec.patterns[0].steps[1].where}). The validator uses {@link #check}; the job uses {@link
 * #compile} once per pattern at start-up.
 */
public final class PatternCompiler {
    private PatternCompiler() {}

    /**
     * Compiles the pattern's expressions.
     *
     * @param patternPath the pattern's path, e.g. {@code spec.patterns[0]}
     * @throws InvalidPipelineException with every expression problem
     */
    public static CompiledPattern compile(PatternSpec pattern, String patternPath)
            throws InvalidPipelineException {
        List<ValidationProblem> problems = new ArrayList<>();
        CompiledPattern compiled = compile(pattern, patternPath, problems);
        if (!problems.isEmpty()) {
            throw new InvalidPipelineException(problems);
        }
        return compiled;
    }

    /** Every expression problem of the pattern; empty when all compile. */
    public static List<ValidationProblem> check(PatternSpec pattern, String patternPath) {
        List<ValidationProblem> problems = new ArrayList<>();
        compile(pattern, patternPath, problems);
        return problems;
    }

    /**
     * Compiles what compiles and adds every expression problem to {@code problems}; the result is
     * usable only when none was added.
     */
    public static CompiledPattern compile(
            PatternSpec pattern, String path, List<ValidationProblem> problems) {
        List<StepSpec> steps = pattern.getSteps() == null ? List.of() : pattern.getSteps();
        List<CompiledCondition> where = new ArrayList<>();
        List<CompiledCondition> until = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            StepSpec step = steps.get(i);
            String stepPath = path + ".steps[" + i + "]";
            if (step == null) {
                where.add(null);
                until.add(null);
                continue;
            }
            ExpressionScope scope = ExpressionScope.forCondition(pattern, i);
            if (step.getWhere() == null) {
                problems.add(
                        new ValidationProblem(
                                stepPath + ".where",
                                "is required: a CEL condition on 'event', e.g. event.type =="
                                        + " 'DELAY'"));
                where.add(null);
            } else {
                where.add(condition(step.getWhere(), scope, stepPath + ".where", problems));
            }
            until.add(
                    step.getUntil() == null
                            ? null
                            : condition(step.getUntil(), scope, stepPath + ".until", problems));
        }
        return new CompiledPattern(
                pattern.getName(), where, until, projection(pattern, path, problems));
    }

    private static CompiledCondition condition(
            String expression,
            ExpressionScope scope,
            String path,
            List<ValidationProblem> problems) {
        try {
            return ExpressionCompiler.compileCondition(expression, scope);
        } catch (ExpressionCompileException e) {
            problems.addAll(e.toProblems(path));
            return null;
        }
    }

    private static CompiledProjection projection(
            PatternSpec pattern, String path, List<ValidationProblem> problems) {
        if (pattern.getEmit() == null || pattern.getEmit().isEmpty()) {
            return CompiledProjection.empty();
        }
        ExpressionScope scope = ExpressionScope.forEmit(pattern);
        Map<String, CompiledValue> fields = new TreeMap<>();
        Map<String, String> emit = new TreeMap<>();
        pattern.getEmit()
                .forEach(
                        (name, expression) -> {
                            if (name != null) {
                                emit.put(name, expression);
                            }
                        });
        for (Map.Entry<String, String> field : emit.entrySet()) {
            String fieldPath = path + ".emit." + field.getKey();
            try {
                fields.put(
                        field.getKey(), ExpressionCompiler.compileValue(field.getValue(), scope));
            } catch (ExpressionCompileException e) {
                problems.addAll(e.toProblems(fieldPath));
            }
        }
        return new CompiledProjection(fields);
    }
}
