package io.eventpipeline.spec.cel;

import dev.cel.checker.CelStandardDeclarations;
import dev.cel.checker.CelStandardDeclarations.StandardFunction;
import dev.cel.checker.CelStandardDeclarations.StandardFunction.Overload.Comparison;
import dev.cel.checker.CelStandardDeclarations.StandardFunction.Overload.Conversions;
import dev.cel.checker.CelStandardDeclarations.StandardOverload;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelOptions;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.navigation.CelNavigableAst;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The standard declarations a parsed expression needs: only the standard functions it calls, each
 * with every overload the full standard environment would give it under the same options.
 *
 * <p>Why: cel-java's checker adds every declaration it is given to a fresh environment for each
 * check, and the full standard library is a few hundred overloads, which made type-checking most of
 * the cost of validating a pipeline. Overload resolution only ever looks at the functions an
 * expression calls (macros are already expanded into calls when it is parsed), so declaring those
 * alone gives the same checked expression and the same errors.
 */
final class CalledStandardFunctions {
    private static final Map<String, List<StandardFunction>> BY_NAME = byName();
    // Few distinct sets occur (one per mix of operators and functions); the bound only keeps a
    // stream of unusual expressions from growing it without end.
    private static final int MAX_CACHED = 256;
    private static final Map<Set<StandardFunction>, CelStandardDeclarations> DECLARATIONS =
            new ConcurrentHashMap<>();

    private CalledStandardFunctions() {}

    static CelStandardDeclarations declarationsFor(
            CelAbstractSyntaxTree parsed, CelOptions options) {
        Set<StandardFunction> called = EnumSet.noneOf(StandardFunction.class);
        CelNavigableAst.fromAst(parsed)
                .getRoot()
                .allNodes()
                .filter(node -> node.getKind() == CelExpr.ExprKind.Kind.CALL)
                .forEach(
                        node ->
                                called.addAll(
                                        BY_NAME.getOrDefault(
                                                node.expr().call().function(), List.of())));
        if (DECLARATIONS.size() > MAX_CACHED) {
            DECLARATIONS.clear();
        }
        // The options are the same for every expression this project compiles.
        return DECLARATIONS.computeIfAbsent(
                called,
                functions ->
                        CelStandardDeclarations.newBuilder()
                                .filterFunctions(
                                        (function, overload) ->
                                                functions.contains(function)
                                                        && allowed(overload, options))
                                .build());
    }

    /**
     * The overloads the standard environment leaves out under these options (cel-java's checker
     * makes the same choice when it builds its full standard environment).
     */
    private static boolean allowed(StandardOverload overload, CelOptions options) {
        if (overload == Conversions.INT64_TO_INT64) {
            return options.enableUnsignedLongs();
        }
        if (overload == Conversions.INT64_TO_TIMESTAMP) {
            return options.enableTimestampEpoch();
        }
        if (overload instanceof Comparison comparison && comparison.isHeterogeneousComparison()) {
            return options.enableHeterogeneousNumericComparisons();
        }
        return true;
    }

    private static Map<String, List<StandardFunction>> byName() {
        Map<String, List<StandardFunction>> byName = new TreeMap<>();
        for (StandardFunction function : StandardFunction.values()) {
            byName.computeIfAbsent(function.functionName(), k -> new ArrayList<>()).add(function);
        }
        return byName;
    }
}
