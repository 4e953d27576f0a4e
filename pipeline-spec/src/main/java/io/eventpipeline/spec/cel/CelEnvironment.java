package io.eventpipeline.spec.cel;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelIssue;
import dev.cel.common.CelOptions;
import dev.cel.common.CelSourceLocation;
import dev.cel.common.CelValidationException;
import dev.cel.common.CelValidationResult;
import dev.cel.common.types.CelType;
import dev.cel.common.types.ListType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerBuilder;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.extensions.CelExtensions;
import dev.cel.extensions.CelOptionalLibrary;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import dev.cel.runtime.CelStandardFunctions;
import dev.cel.runtime.standard.IntFunction.IntOverload;
import dev.cel.runtime.standard.TimestampFunction.TimestampOverload;
import dev.cel.validator.CelValidator;
import dev.cel.validator.CelValidatorFactory;
import dev.cel.validator.validators.AstDepthLimitValidator;
import dev.cel.validator.validators.DurationLiteralValidator;
import dev.cel.validator.validators.RegexLiteralValidator;
import dev.cel.validator.validators.TimestampLiteralValidator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one CEL environment of all pipelines: the same options, macros and libraries when the
 * operator validates a spec and when the job evaluates it, so that what validates also runs.
 */
final class CelEnvironment {
    /** An event, as {@link EventJson} reads it: a JSON object. */
    static final CelType EVENT_TYPE = MapType.create(SimpleType.STRING, SimpleType.DYN);

    /** A step's events so far. */
    static final CelType STEP_EVENTS_TYPE = ListType.create(EVENT_TYPE);

    private static final CelOptions OPTIONS =
            CelOptions.current()
                    // Events carry longs and doubles side by side: 45 >= 30.5 must just work.
                    .enableHeterogeneousNumericComparisons(true)
                    .maxExpressionCodePointSize(CelLimits.MAX_EXPRESSION_LENGTH)
                    .maxParseRecursionDepth(CelLimits.MAX_PARSE_RECURSION_DEPTH)
                    .maxParseExpressionNodeCount(CelLimits.MAX_AST_NODES)
                    .comprehensionMaxIterations(CelLimits.MAX_COMPREHENSION_ITERATIONS)
                    .maxRegexProgramSize(CelLimits.MAX_REGEX_PROGRAM_SIZE)
                    .build();

    // The legacy runtime: on cel-java 0.14 it evaluates these conditions about twice as fast as
    // the planner runtime.
    // Functions that build strings charge the evaluation's budget (BoundedBuilders): the standard
    // library goes in without its own string and bytes '+'.
    private static final CelRuntime RUNTIME =
            CelRuntimeFactory.legacyCelRuntimeBuilder()
                    .setOptions(OPTIONS)
                    .setStandardEnvironmentEnabled(false)
                    .setStandardFunctions(standardFunctionsButReplaced())
                    .addFunctionBindings(BoundedBuilders.bindings(CelExtensions.strings(), OPTIONS))
                    .addLibraries(CelExtensions.strings(), CelOptionalLibrary.INSTANCE)
                    .build();

    private static final CelCompiler BASE_COMPILER =
            CelCompilerFactory.standardCelCompilerBuilder()
                    .setOptions(OPTIONS)
                    .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
                    .addLibraries(CelExtensions.strings(), CelOptionalLibrary.INSTANCE)
                    .build();

    private static final CelValidator VALIDATOR =
            CelValidatorFactory.standardCelValidatorBuilder(BASE_COMPILER, RUNTIME)
                    .addAstValidators(
                            AstDepthLimitValidator.newInstance(CelLimits.MAX_AST_DEPTH),
                            // Bad literals fail at compile time instead of on every event.
                            RegexLiteralValidator.INSTANCE,
                            DurationLiteralValidator.INSTANCE,
                            TimestampLiteralValidator.INSTANCE)
                    .build();

    private static final Pattern UNDECLARED =
            Pattern.compile("undeclared reference to '([^']*)'.*");

    private CelEnvironment() {}

    /**
     * The standard functions the default runtime has with these options (cel-java's
     * CelRuntimeLegacyImpl keeps int(int) only with unsigned longs and timestamp(int) only with
     * epoch timestamps), less the ones {@link BoundedBuilders} replaces.
     */
    private static CelStandardFunctions standardFunctionsButReplaced() {
        return CelStandardFunctions.newBuilder()
                .filterFunctions(
                        (function, overload) -> {
                            if (overload == IntOverload.INT64_TO_INT64) {
                                return OPTIONS.enableUnsignedLongs();
                            }
                            if (overload == TimestampOverload.INT64_TO_TIMESTAMP) {
                                return OPTIONS.enableTimestampEpoch();
                            }
                            return !BoundedBuilders.isReplaced(overload);
                        })
                .build();
    }

    /**
     * Parses and type-checks an expression.
     *
     * @param withEvent declare {@code event} (conditions) or not (emit)
     * @param resultType the type the expression must have, or null for any
     */
    static CelAbstractSyntaxTree compile(
            String expression, ExpressionScope scope, boolean withEvent, CelType resultType)
            throws ExpressionCompileException {
        if (expression == null || expression.isBlank()) {
            throw single("is empty: expected a CEL expression");
        }
        int length = expression.codePointCount(0, expression.length());
        if (length > CelLimits.MAX_EXPRESSION_LENGTH) {
            throw single(
                    "is "
                            + length
                            + " characters long; the limit is "
                            + CelLimits.MAX_EXPRESSION_LENGTH);
        }
        CelAbstractSyntaxTree ast;
        try {
            ast = parseAndCheck(expression, scope, withEvent, resultType);
        } catch (CelValidationException e) {
            throw new ExpressionCompileException(describe(e.getErrors(), scope, withEvent));
        }
        CelValidationResult checked = VALIDATOR.validate(ast);
        if (checked.hasError()) {
            throw new ExpressionCompileException(describe(checked.getErrors(), scope, withEvent));
        }
        return ast;
    }

    /**
     * Parses, then type-checks with only the standard functions the expression calls declared (see
     * {@link CalledStandardFunctions}).
     */
    static CelAbstractSyntaxTree parseAndCheck(
            String expression, ExpressionScope scope, boolean withEvent, CelType resultType)
            throws CelValidationException {
        CelAbstractSyntaxTree parsed = BASE_COMPILER.parse(expression).getAst();
        return compiler(scope, withEvent, resultType)
                .setStandardEnvironmentEnabled(false)
                .setStandardDeclarations(CalledStandardFunctions.declarationsFor(parsed, OPTIONS))
                .build()
                .check(parsed)
                .getAst();
    }

    /**
     * The compiler for one expression, with the whole standard library declared. {@link
     * #parseAndCheck} narrows it to the standard functions the expression calls; tests compare the
     * two.
     */
    static CelCompilerBuilder compiler(
            ExpressionScope scope, boolean withEvent, CelType resultType) {
        CelCompilerBuilder builder = BASE_COMPILER.toCompilerBuilder();
        if (withEvent) {
            builder.addVar(CelNames.EVENT, EVENT_TYPE);
        }
        for (String step : scope.steps()) {
            builder.addVar(step, STEP_EVENTS_TYPE);
        }
        if (resultType != null) {
            builder.setResultType(resultType);
        }
        return builder;
    }

    /**
     * Evaluates a program under a fresh {@link EvaluationBudget}: what it builds and how often it
     * iterates are bounded.
     */
    static Object evaluate(
            CelRuntime.Program program, dev.cel.runtime.CelVariableResolver variables)
            throws CelEvaluationException {
        return EvaluationBudget.evaluate(program, variables);
    }

    /**
     * A program for a checked tree taken from one that {@link #program} accepted (a part of it),
     * without the trial evaluation: its budget was tried with the whole.
     */
    static CelRuntime.Program plan(CelAbstractSyntaxTree ast) throws ExpressionCompileException {
        try {
            return RUNTIME.createProgram(ast);
        } catch (CelEvaluationException e) {
            throw single("cannot be prepared for evaluation: " + e.getMessage());
        }
    }

    /**
     * A program ready to evaluate; thread-safe. It is evaluated once with no data (an empty event,
     * steps that took nothing): an expression that goes past its budget even so (a comprehension
     * over literal lists nested too deep, a string grown by chained replace) would go past it on
     * every event, and is refused here instead.
     */
    static CelRuntime.Program program(
            CelAbstractSyntaxTree ast, ExpressionScope scope, boolean withEvent)
            throws ExpressionCompileException {
        CelRuntime.Program program;
        try {
            program = RUNTIME.createProgram(ast);
        } catch (CelEvaluationException e) {
            throw single("cannot be prepared for evaluation: " + e.getMessage());
        }
        try {
            evaluate(
                    program,
                    new StepVariables(
                            withEvent ? Map.of() : null, Map.of(), Set.copyOf(scope.steps())));
        } catch (CelEvaluationException e) {
            if (EvaluationBudget.isExceeded(e)) {
                throw single(
                        "goes past its evaluation budget without reading any event ("
                                + firstLine(e.getMessage())
                                + "); a condition may iterate at most "
                                + CelLimits.MAX_COMPREHENSION_ITERATIONS
                                + " times and build at most "
                                + CelLimits.MAX_BUILT_CHARACTERS
                                + " characters");
            }
        }
        return program;
    }

    private static List<ExpressionError> describe(
            List<CelIssue> issues, ExpressionScope scope, boolean withEvent) {
        List<ExpressionError> errors = new ArrayList<>();
        for (CelIssue issue : issues) {
            CelSourceLocation at = issue.getSourceLocation();
            boolean known = !CelSourceLocation.NONE.equals(at) && at.getLine() > 0;
            errors.add(
                    new ExpressionError(
                            known ? at.getLine() : 0,
                            known ? at.getColumn() + 1 : 0,
                            explain(firstLine(issue.getMessage()), scope, withEvent)));
        }
        return errors;
    }

    // CEL says "undeclared reference to 'gate'"; when 'gate' is a step out of reach, say why.
    private static String explain(String message, ExpressionScope scope, boolean withEvent) {
        Matcher undeclared = UNDECLARED.matcher(message);
        if (!undeclared.matches()) {
            return message;
        }
        String name = undeclared.group(1);
        String reason = scope.unavailable().get(name);
        if (reason != null) {
            return reason;
        }
        if (!withEvent && CelNames.EVENT.equals(name)) {
            return "emit has no current 'event': use the events of a step, e.g. "
                    + (scope.steps().isEmpty() ? "first" : scope.steps().get(0))
                    + "[0].field";
        }
        List<String> available = new ArrayList<>();
        if (withEvent) {
            available.add(CelNames.EVENT);
        }
        available.addAll(scope.steps());
        return "unknown name '"
                + name
                + "'"
                + (available.isEmpty()
                        ? ": no step holds events here"
                        : "; available here: " + String.join(", ", available));
    }

    private static String firstLine(String message) {
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }

    private static ExpressionCompileException single(String message) {
        return new ExpressionCompileException(List.of(new ExpressionError(0, 0, message)));
    }
}
