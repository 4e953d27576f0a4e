package io.eventpipeline.spec.cel;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.ast.CelConstant;
import dev.cel.common.ast.CelExpr;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A shortcut for the most common shape of emit value, {@code delay[0].flight}: a field (or a path
 * of fields) of one event of a step, read in plain Java instead of by the CEL interpreter. It
 * answers only when the path leads to a string, number or boolean, which CEL would return
 * unchanged; in every other case (the step took no such event, a field is absent, null or holds a
 * list or map) {@link #read} says so and the CEL program decides, so the value is always CEL's own.
 * Every match evaluates the emit values, and this shape is most of them.
 *
 * @param step the step variable
 * @param index which of its events
 * @param fields the fields selected, outermost first
 */
record StepFieldPath(String step, int index, List<String> fields) {
    private static final String INDEX = "_[_]";

    /** The path of a type-checked expression, if it is one. */
    static Optional<StepFieldPath> of(CelAbstractSyntaxTree ast, Set<String> steps) {
        List<String> fields = new ArrayList<>();
        CelExpr expr = ast.getExpr();
        while (expr.getKind() == CelExpr.ExprKind.Kind.SELECT && !expr.select().testOnly()) {
            fields.add(expr.select().field());
            expr = expr.select().operand();
        }
        if (fields.isEmpty() || !CelShapes.isGlobalCall(expr, INDEX, 2)) {
            return Optional.empty();
        }
        CelExpr list = expr.call().args().get(0);
        CelExpr position = expr.call().args().get(1);
        if (list.getKind() != CelExpr.ExprKind.Kind.IDENT
                || !steps.contains(list.ident().name())
                || position.getKind() != CelExpr.ExprKind.Kind.CONSTANT
                || position.constant().getKind() != CelConstant.Kind.INT64_VALUE
                || position.constant().int64Value() < 0
                || position.constant().int64Value() > Integer.MAX_VALUE) {
            return Optional.empty();
        }
        Collections.reverse(fields);
        return Optional.of(
                new StepFieldPath(
                        list.ident().name(),
                        (int) position.constant().int64Value(),
                        List.copyOf(fields)));
    }

    /**
     * The value at the path, or null when the CEL program must decide.
     *
     * @param stepEvents the match's events by step name
     */
    Object read(Map<String, ? extends List<?>> stepEvents) {
        List<?> events = stepEvents == null ? null : stepEvents.get(step);
        if (events == null || index >= events.size()) {
            return null;
        }
        Object value = events.get(index);
        for (String field : fields) {
            if (!(value instanceof Map<?, ?> map)) {
                return null;
            }
            value = map.get(field);
        }
        return value instanceof String
                        || value instanceof Long
                        || value instanceof Double
                        || value instanceof Boolean
                ? value
                : null;
    }
}
