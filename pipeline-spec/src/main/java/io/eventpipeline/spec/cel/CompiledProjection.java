package io.eventpipeline.spec.cel;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A pattern's {@code emit}: the fields of its match records, each a {@link CompiledValue}.
 * Thread-safe and serializable.
 */
public final class CompiledProjection implements Serializable {
    private static final long serialVersionUID = 1L;

    private static final CompiledProjection EMPTY = new CompiledProjection(Map.of());

    // Sorted: the same match always gives the same field order, hence the same bytes.
    private final TreeMap<String, CompiledValue> fields;

    public CompiledProjection(Map<String, CompiledValue> fields) {
        this.fields = new TreeMap<>(fields);
    }

    /** No fields: a pattern without emit. */
    public static CompiledProjection empty() {
        return EMPTY;
    }

    /**
     * The fields of one match, in name order.
     *
     * @param stepEvents the match's events by step name
     * @throws ExpressionEvaluationException naming the field whose value failed
     */
    public Map<String, Object> evaluate(Map<String, ? extends List<?>> stepEvents)
            throws ExpressionEvaluationException {
        Map<String, Object> values = new LinkedHashMap<>(fields.size() * 2);
        for (Map.Entry<String, CompiledValue> field : fields.entrySet()) {
            try {
                values.put(field.getKey(), field.getValue().evaluate(stepEvents));
            } catch (ExpressionEvaluationException e) {
                throw new ExpressionEvaluationException(
                        e.expression(),
                        "emit field '" + field.getKey() + "': " + e.getMessage(),
                        e);
            }
        }
        return values;
    }

    /** The field names, in order. */
    public List<String> fieldNames() {
        return List.copyOf(fields.keySet());
    }

    public boolean isEmpty() {
        return fields.isEmpty();
    }
}
