package io.eventpipeline.spec.cel;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.ast.CelConstant;
import dev.cel.common.ast.CelExpr;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The top-level fields of {@code event} an expression reads, found in its checked AST: {@code
 * event.f}, {@code has(event.f)}, {@code event['f']} and {@code event.?f} read {@code f} (and
 * whatever lies below it). Any other use of {@code event} (passed whole to a function, compared,
 * iterated, indexed by a computed key) reads the whole event. A comprehension variable named {@code
 * event} counts as the event: that can only read more, never less.
 */
final class EventFieldReads {
    // Index, optional select and optional index: each takes the event and a field name.
    private static final Set<String> FIELD_ACCESS = Set.of("_[_]", "_?._", "_[?_]");

    private EventFieldReads() {}

    /** The fields read, in name order; empty when the expression uses the event whole. */
    static Optional<Set<String>> of(CelAbstractSyntaxTree ast) {
        Set<String> fields = new TreeSet<>();
        return collect(ast.getExpr(), fields) ? Optional.of(fields) : Optional.empty();
    }

    /** Adds the fields {@code expr} reads; false when it uses the event whole. */
    private static boolean collect(CelExpr expr, Set<String> fields) {
        switch (expr.getKind()) {
            case IDENT:
                return !isEvent(expr);
            case SELECT:
                if (isEvent(expr.select().operand())) {
                    fields.add(expr.select().field());
                    return true;
                }
                return collect(expr.select().operand(), fields);
            case CALL:
                Optional<String> field = fieldAccess(expr);
                if (field.isPresent()) {
                    fields.add(field.get());
                    return true;
                }
                boolean partial =
                        expr.call().target().map(target -> collect(target, fields)).orElse(true);
                return collectAll(expr.call().args(), fields) && partial;
            case LIST:
                return collectAll(expr.list().elements(), fields);
            case MAP:
                boolean mapPartial = true;
                for (CelExpr.CelMap.Entry entry : expr.map().entries()) {
                    mapPartial &= collect(entry.key(), fields);
                    mapPartial &= collect(entry.value(), fields);
                }
                return mapPartial;
            case STRUCT:
                boolean structPartial = true;
                for (CelExpr.CelStruct.Entry entry : expr.struct().entries()) {
                    structPartial &= collect(entry.value(), fields);
                }
                return structPartial;
            case COMPREHENSION:
                CelExpr.CelComprehension loop = expr.comprehension();
                return collectAll(
                        List.of(
                                loop.iterRange(),
                                loop.accuInit(),
                                loop.loopCondition(),
                                loop.loopStep(),
                                loop.result()),
                        fields);
            default:
                return true;
        }
    }

    private static boolean collectAll(List<CelExpr> exprs, Set<String> fields) {
        boolean partial = true;
        for (CelExpr expr : exprs) {
            partial &= collect(expr, fields);
        }
        return partial;
    }

    private static Optional<String> fieldAccess(CelExpr expr) {
        List<CelExpr> args = expr.call().args();
        if (!FIELD_ACCESS.contains(expr.call().function())
                || expr.call().target().isPresent()
                || args.size() != 2
                || !isEvent(args.get(0))
                || args.get(1).getKind() != CelExpr.ExprKind.Kind.CONSTANT
                || args.get(1).constant().getKind() != CelConstant.Kind.STRING_VALUE) {
            return Optional.empty();
        }
        return Optional.of(args.get(1).constant().stringValue());
    }

    private static boolean isEvent(CelExpr expr) {
        return expr.getKind() == CelExpr.ExprKind.Kind.IDENT
                && expr.ident().name().equals(CelNames.EVENT);
    }
}
