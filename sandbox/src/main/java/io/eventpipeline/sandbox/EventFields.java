package io.eventpipeline.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eventpipeline.spec.model.InputSpec;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.OptionalLong;

/**
 * Reads and writes the two fields the sandbox cares about in a sample event: the key (records are
 * keyed by it, as a real producer would, so a key's events share a partition) and the event time.
 * Paths are dotted, as in {@code spec.input.key}.
 */
final class EventFields {
    private final String keyPath;
    private final String timestampPath;

    EventFields(InputSpec input) {
        this.keyPath = input.getKey();
        this.timestampPath = input.getTimestamp() == null ? null : input.getTimestamp().getField();
    }

    String key(JsonNode event) {
        JsonNode value = find(event, keyPath);
        return value == null || value.isNull() || value.isContainerNode() ? null : value.asText();
    }

    /** Event time in epoch milliseconds, when the event has a readable one. */
    OptionalLong timestamp(JsonNode event) {
        JsonNode value = find(event, timestampPath);
        if (value == null) {
            return OptionalLong.empty();
        }
        if (value.isNumber()) {
            return OptionalLong.of(value.asLong());
        }
        try {
            return OptionalLong.of(Instant.parse(value.asText()).toEpochMilli());
        } catch (RuntimeException notInstant) {
            try {
                return OptionalLong.of(
                        OffsetDateTime.parse(value.asText()).toInstant().toEpochMilli());
            } catch (RuntimeException notOffset) {
                return OptionalLong.empty();
            }
        }
    }

    boolean hasEventTime() {
        return timestampPath != null;
    }

    void setKey(ObjectNode event, String key) {
        set(event, keyPath, key, 0);
    }

    void setTimestamp(ObjectNode event, long millis) {
        if (timestampPath != null) {
            set(event, timestampPath, null, millis);
        }
    }

    private static JsonNode find(JsonNode event, String path) {
        if (path == null || event == null || !event.isObject()) {
            return null;
        }
        JsonNode node = event;
        for (String part : path.split("\\.")) {
            node = node.get(part);
            if (node == null) {
                return null;
            }
        }
        return node;
    }

    private static void set(ObjectNode event, String path, String text, long number) {
        String[] parts = path.split("\\.");
        ObjectNode node = event;
        for (int i = 0; i < parts.length - 1; i++) {
            node =
                    node.get(parts[i]) instanceof ObjectNode child
                            ? child
                            : node.putObject(parts[i]);
        }
        if (text != null) {
            node.put(parts[parts.length - 1], text);
        } else {
            node.put(parts[parts.length - 1], number);
        }
    }
}
