package io.eventpipeline.job.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.eventpipeline.spec.FieldPath;
import io.eventpipeline.spec.cel.EventJson;
import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * Reads an event's key ({@code spec.input.key}). Matches are per key; the key is compared as text,
 * so {@code "A1"} and {@code 42} key as {@code A1} and {@code 42}; objects and lists key as their
 * JSON.
 */
public final class KeyExtractor implements Serializable {
    private static final long serialVersionUID = 1L;

    private final FieldPath path;

    public KeyExtractor(String path) {
        this.path = FieldPath.of(path);
    }

    /** The top-level field the path starts at. */
    String root() {
        return path.root();
    }

    /**
     * @throws InvalidEventException when the event has no such field or it is null
     */
    public String keyOf(Map<String, Object> event) throws InvalidEventException {
        Object value = path.get(event);
        if (value == null) {
            throw new InvalidEventException("missing key field '" + path + "'");
        }
        if (value instanceof String text) {
            return text;
        }
        if (value instanceof Map<?, ?> || value instanceof List<?>) {
            try {
                return EventJson.mapper().writeValueAsString(value);
            } catch (JsonProcessingException e) {
                throw new InvalidEventException("key field '" + path + "': " + e.getMessage());
            }
        }
        return String.valueOf(value);
    }
}
