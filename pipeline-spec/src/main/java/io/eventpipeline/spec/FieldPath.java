package io.eventpipeline.spec;

import dev.cel.common.values.NullValue;
import java.io.Serializable;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A dotted path to a field of an event, such as {@code flightId} or {@code flight.id}: how {@code
 * input.key} and {@code input.timestamp.field} name a field. Each segment is a letter or '_' then
 * letters, digits or '_'.
 */
public final class FieldPath implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The accepted syntax, also fit for a CRD pattern. */
    public static final String SYNTAX = "^[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*$";

    private static final Pattern VALID = Pattern.compile(SYNTAX);

    private final String path;
    private final String[] segments;

    private FieldPath(String path) {
        this.path = path;
        this.segments = path.split("\\.");
    }

    public static boolean isValid(String path) {
        return path != null && VALID.matcher(path).matches();
    }

    /**
     * @throws IllegalArgumentException when the path is not valid
     */
    public static FieldPath of(String path) {
        if (!isValid(path)) {
            throw new IllegalArgumentException("'" + path + "' is not a dotted field path");
        }
        return new FieldPath(path);
    }

    /** The top-level field the path starts at. */
    public String root() {
        return segments[0];
    }

    /**
     * The field's value in an event, or null when the event lacks it, holds JSON null there, or has
     * a non-object on the way.
     */
    public Object get(Map<String, ?> event) {
        Object current = event;
        for (String segment : segments) {
            if (!(current instanceof Map<?, ?> object)) {
                return null;
            }
            current = object.get(segment);
        }
        return current instanceof NullValue ? null : current;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof FieldPath that && path.equals(that.path);
    }

    @Override
    public int hashCode() {
        return path.hashCode();
    }

    @Override
    public String toString() {
        return path;
    }
}
