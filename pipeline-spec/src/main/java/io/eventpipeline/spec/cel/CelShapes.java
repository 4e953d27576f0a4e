package io.eventpipeline.spec.cel;

import dev.cel.common.ast.CelExpr;

/** Shapes of checked CEL expressions that the plain-Java shortcuts recognise. */
final class CelShapes {
    private CelShapes() {}

    /** A call of a global function (an operator such as {@code _==_}) with this many arguments. */
    static boolean isGlobalCall(CelExpr expr, String function, int arguments) {
        return expr.getKind() == CelExpr.ExprKind.Kind.CALL
                && expr.call().function().equals(function)
                && expr.call().target().isEmpty()
                && expr.call().args().size() == arguments;
    }
}
