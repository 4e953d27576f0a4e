package io.eventpipeline.spec.cel;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.ast.CelReference;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The part of a condition that the event alone decides: the conjuncts of its top-level {@code &&}
 * ({@code a && b && c}, however parenthesised) that read nothing but {@code event}. When one of
 * them is false for an event, the whole condition is false for it, never an error, whatever events
 * earlier steps took.
 *
 * <p>Why, on the runtime {@link CelEnvironment} builds (cel-java's legacy interpreter): {@code a &&
 * b} evaluates each side non-strictly (an error thrown inside a side becomes a value) and returns
 * false as soon as either side is false, in either order and whatever the other side holds, an
 * error included. So a tree of {@code &&} is false when any of its leaves is false. A leaf that is
 * false alone could still fail to be false inside the condition in three ways, each excluded here:
 *
 * <ul>
 *   <li>A leaf that is not a bool makes the {@code &&} beside it throw ("expected boolean value"),
 *       and nothing absorbs that at the top. A condition with a leaf whose checked type is not bool
 *       ({@code event.flag && ...}, {@code a[0].flag && ...}: dyn) has no event-only part; a leaf
 *       of type bool evaluates to a bool or an error.
 *   <li>A leaf that reads a step's events depends on the partial match. A name bound by a
 *       comprehension inside the leaf is that comprehension's variable, not the step.
 *   <li>Budgets are shared by one evaluation: the comprehension iterations ({@link
 *       CelLimits#MAX_COMPREHENSION_ITERATIONS}) and the characters built ({@link
 *       EvaluationBudget}). A leaf that iterates or builds strings may go past a budget inside the
 *       condition, after other leaves spent some of it, and not alone. Such a leaf is taken only
 *       when it is the one leaf of the condition that draws on a budget: then it starts with the
 *       whole budget either way.
 * </ul>
 *
 * A leaf that passes all three reads the same event and budget inside the condition as alone, and
 * CEL expressions have no side effects, so it evaluates to the same. Each leaf is its own program:
 * the part is false when one of them evaluates to false (an error in one proves nothing).
 */
final class EventOnlyPart {
    /** No conjunct is known per event: the part is never false. */
    static final EventOnlyPart NONE = new EventOnlyPart(List.of(), List.of());

    private final List<CelAbstractSyntaxTree> conjuncts;
    private final List<CelRuntime.Program> programs;

    private EventOnlyPart(
            List<CelAbstractSyntaxTree> conjuncts, List<CelRuntime.Program> programs) {
        this.conjuncts = List.copyOf(conjuncts);
        this.programs = List.copyOf(programs);
    }

    /**
     * The event-only part of a type-checked condition.
     *
     * @param steps the step names in the condition's scope, each a variable holding events
     */
    static EventOnlyPart of(CelAbstractSyntaxTree ast, Set<String> steps) {
        List<CelExpr> leaves = CelShapes.conjuncts(ast.getExpr());
        if (!CelShapes.allBool(ast, leaves)) {
            return NONE;
        }
        int budgetLeaves = 0;
        for (CelExpr leaf : leaves) {
            if (drawsOnBudget(ast, leaf)) {
                budgetLeaves++;
            }
        }
        List<CelAbstractSyntaxTree> conjuncts = new ArrayList<>();
        List<CelRuntime.Program> programs = new ArrayList<>();
        for (CelExpr leaf : leaves) {
            if (readsStep(leaf, steps, Set.of())
                    || (budgetLeaves > 1 && drawsOnBudget(ast, leaf))) {
                continue;
            }
            CelAbstractSyntaxTree conjunct =
                    CelAbstractSyntaxTree.newCheckedAst(
                            leaf, ast.getSource(), ast.getReferenceMap(), ast.getTypeMap());
            try {
                programs.add(CelEnvironment.plan(conjunct));
                conjuncts.add(conjunct);
            } catch (ExpressionCompileException e) {
                // Not taken: a part that cannot run proves nothing, and the whole condition did.
            }
        }
        return conjuncts.isEmpty() ? NONE : new EventOnlyPart(conjuncts, programs);
    }

    /** True when a conjunct is false for the event: then so is the whole condition. */
    boolean isFalseFor(Map<String, Object> event) {
        StepVariables eventAlone = new StepVariables(event, Map.of(), Set.of());
        for (CelRuntime.Program program : programs) {
            try {
                Object result = CelEnvironment.evaluate(program, eventAlone);
                if (Boolean.FALSE.equals(result)) {
                    return true;
                }
            } catch (CelEvaluationException e) {
                // Not known false: the condition may still be false, or an error to report.
            }
        }
        return false;
    }

    /** The conjuncts taken, each a checked tree of its own, in the condition's order. */
    List<CelAbstractSyntaxTree> conjuncts() {
        return conjuncts;
    }

    /** Whether {@code expr} reads a step's events; {@code bound} are comprehension variables. */
    private static boolean readsStep(CelExpr expr, Set<String> steps, Set<String> bound) {
        switch (expr.getKind()) {
            case IDENT:
                String name = expr.ident().name();
                return steps.contains(name) && !bound.contains(name);
            case SELECT:
                return readsStep(expr.select().operand(), steps, bound);
            case CALL:
                if (expr.call().target().isPresent()
                        && readsStep(expr.call().target().get(), steps, bound)) {
                    return true;
                }
                return anyReadsStep(expr.call().args(), steps, bound);
            case LIST:
                return anyReadsStep(expr.list().elements(), steps, bound);
            case MAP:
                for (CelExpr.CelMap.Entry entry : expr.map().entries()) {
                    if (readsStep(entry.key(), steps, bound)
                            || readsStep(entry.value(), steps, bound)) {
                        return true;
                    }
                }
                return false;
            case STRUCT:
                for (CelExpr.CelStruct.Entry entry : expr.struct().entries()) {
                    if (readsStep(entry.value(), steps, bound)) {
                        return true;
                    }
                }
                return false;
            case COMPREHENSION:
                CelExpr.CelComprehension loop = expr.comprehension();
                Set<String> inLoop = new HashSet<>(bound);
                inLoop.add(loop.iterVar());
                if (!loop.iterVar2().isEmpty()) {
                    inLoop.add(loop.iterVar2());
                }
                inLoop.add(loop.accuVar());
                Set<String> inResult = new HashSet<>(bound);
                inResult.add(loop.accuVar());
                return readsStep(loop.iterRange(), steps, bound)
                        || readsStep(loop.accuInit(), steps, bound)
                        || readsStep(loop.loopCondition(), steps, inLoop)
                        || readsStep(loop.loopStep(), steps, inLoop)
                        || readsStep(loop.result(), steps, inResult);
            default:
                return false;
        }
    }

    private static boolean anyReadsStep(List<CelExpr> exprs, Set<String> steps, Set<String> bound) {
        for (CelExpr expr : exprs) {
            if (readsStep(expr, steps, bound)) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code expr} iterates or may call a function that charges the built characters. */
    private static boolean drawsOnBudget(CelAbstractSyntaxTree ast, CelExpr expr) {
        boolean[] draws = {false};
        visit(
                expr,
                node -> {
                    if (node.getKind() == CelExpr.ExprKind.Kind.COMPREHENSION) {
                        draws[0] = true;
                    } else if (node.getKind() == CelExpr.ExprKind.Kind.CALL) {
                        Optional<CelReference> reference = ast.getReference(node.id());
                        // Unresolved: assume the worst.
                        draws[0] |=
                                reference.isEmpty()
                                        || reference.get().overloadIds().isEmpty()
                                        || reference.get().overloadIds().stream()
                                                .anyMatch(BoundedBuilders::charges);
                    }
                });
        return draws[0];
    }

    private interface Visitor {
        void visit(CelExpr node);
    }

    private static void visit(CelExpr expr, Visitor visitor) {
        visitor.visit(expr);
        switch (expr.getKind()) {
            case SELECT -> visit(expr.select().operand(), visitor);
            case CALL -> {
                expr.call().target().ifPresent(target -> visit(target, visitor));
                expr.call().args().forEach(arg -> visit(arg, visitor));
            }
            case LIST -> expr.list().elements().forEach(element -> visit(element, visitor));
            case MAP ->
                    expr.map()
                            .entries()
                            .forEach(
                                    entry -> {
                                        visit(entry.key(), visitor);
                                        visit(entry.value(), visitor);
                                    });
            case STRUCT -> expr.struct().entries().forEach(entry -> visit(entry.value(), visitor));
            case COMPREHENSION -> {
                CelExpr.CelComprehension loop = expr.comprehension();
                for (CelExpr part :
                        List.of(
                                loop.iterRange(),
                                loop.accuInit(),
                                loop.loopCondition(),
                                loop.loopStep(),
                                loop.result())) {
                    visit(part, visitor);
                }
            }
            default -> {}
        }
    }
}
