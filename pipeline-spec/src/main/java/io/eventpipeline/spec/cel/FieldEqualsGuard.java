package io.eventpipeline.spec.cel;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.ast.CelConstant;
import dev.cel.common.ast.CelExpr;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A shortcut for the most common shape of condition, {@code event.type == 'DELAY' && ...}: a
 * top-level conjunct comparing a field of the event with a string literal, checked in plain Java
 * before the CEL program runs. When the field holds a different string, the whole condition is
 * false, as CEL would say ({@code false && x} is false whatever x is, even an error), provided
 * every conjunct is a bool by type: CEL fails on a conjunct that evaluates to another value, so a
 * condition with such a conjunct has no guard. When the field holds that string and the comparison
 * is the whole condition, it is true. In every other case (field absent, not a string, equal with
 * more to check) the CEL program decides, so the outcome is always CEL's own; most events of a
 * typical stream are decided without it.
 *
 * @param field the event's top-level field
 * @param value the string it must equal
 * @param whole whether the comparison is the whole condition
 */
record FieldEqualsGuard(String field, String value, boolean whole) {
    private static final String EQUALS = "_==_";

    /** What the guard decides, if anything. */
    enum Verdict {
        FALSE,
        TRUE,
        EVALUATE
    }

    /** The guard of a type-checked condition, if it has one. */
    static Optional<FieldEqualsGuard> of(CelAbstractSyntaxTree ast) {
        List<CelExpr> conjuncts = CelShapes.conjuncts(ast.getExpr());
        // A conjunct that is not a bool by type could turn the guard's false into CEL's error.
        if (!CelShapes.allBool(ast, conjuncts)) {
            return Optional.empty();
        }
        for (CelExpr conjunct : conjuncts) {
            Optional<FieldEqualsGuard> guard = fieldEquals(conjunct, conjuncts.size() == 1);
            if (guard.isPresent()) {
                return guard;
            }
        }
        return Optional.empty();
    }

    Verdict check(Map<String, Object> event) {
        if (event != null && event.get(field) instanceof String actual) {
            if (!actual.equals(value)) {
                return Verdict.FALSE;
            }
            return whole ? Verdict.TRUE : Verdict.EVALUATE;
        }
        return Verdict.EVALUATE;
    }

    private static Optional<FieldEqualsGuard> fieldEquals(CelExpr expr, boolean whole) {
        if (!CelShapes.isGlobalCall(expr, EQUALS, 2)) {
            return Optional.empty();
        }
        CelExpr left = expr.call().args().get(0);
        CelExpr right = expr.call().args().get(1);
        Optional<String> field = eventField(left);
        Optional<String> literal = stringLiteral(right);
        if (field.isEmpty() || literal.isEmpty()) {
            field = eventField(right);
            literal = stringLiteral(left);
        }
        if (field.isEmpty() || literal.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new FieldEqualsGuard(field.get(), literal.get(), whole));
    }

    /** {@code event.name}: a plain select (not {@code has()}) on the event variable. */
    private static Optional<String> eventField(CelExpr expr) {
        if (expr.getKind() != CelExpr.ExprKind.Kind.SELECT || expr.select().testOnly()) {
            return Optional.empty();
        }
        CelExpr operand = expr.select().operand();
        if (operand.getKind() != CelExpr.ExprKind.Kind.IDENT
                || !operand.ident().name().equals(CelNames.EVENT)) {
            return Optional.empty();
        }
        return Optional.of(expr.select().field());
    }

    private static Optional<String> stringLiteral(CelExpr expr) {
        if (expr.getKind() == CelExpr.ExprKind.Kind.CONSTANT
                && expr.constant().getKind() == CelConstant.Kind.STRING_VALUE) {
            return Optional.of(expr.constant().stringValue());
        }
        return Optional.empty();
    }
}
