package io.eventpipeline.spec.cel;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.types.SimpleType;
import java.util.ArrayList;
import java.util.List;

/** Shapes of checked CEL expressions that the plain-Java shortcuts recognise. */
final class CelShapes {
    private static final String AND = "_&&_";

    private CelShapes() {}

    /** A call of a global function (an operator such as {@code _==_}) with this many arguments. */
    static boolean isGlobalCall(CelExpr expr, String function, int arguments) {
        return expr.getKind() == CelExpr.ExprKind.Kind.CALL
                && expr.call().function().equals(function)
                && expr.call().target().isEmpty()
                && expr.call().args().size() == arguments;
    }

    /** The leaves of the top-level {@code &&} of an expression, however parenthesised, in order. */
    static List<CelExpr> conjuncts(CelExpr expr) {
        List<CelExpr> leaves = new ArrayList<>();
        collectConjuncts(expr, leaves);
        return leaves;
    }

    /**
     * Whether every conjunct is a bool by its checked type. CEL's {@code &&} fails on any other
     * value, even beside a false one ({@code 'x' && false} is an error), so a false conjunct
     * decides the whole only when every conjunct is a bool or an error.
     */
    static boolean allBool(CelAbstractSyntaxTree ast, List<CelExpr> conjuncts) {
        for (CelExpr conjunct : conjuncts) {
            if (!ast.getType(conjunct.id()).map(SimpleType.BOOL::equals).orElse(false)) {
                return false;
            }
        }
        return true;
    }

    private static void collectConjuncts(CelExpr expr, List<CelExpr> into) {
        if (isGlobalCall(expr, AND, 2)) {
            collectConjuncts(expr.call().args().get(0), into);
            collectConjuncts(expr.call().args().get(1), into);
        } else {
            into.add(expr);
        }
    }
}
