package io.eventpipeline.job.event;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.eventpipeline.spec.FieldPath;
import io.eventpipeline.spec.cel.EventJson;
import java.io.IOException;
import java.io.Serializable;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * Reads an event's key ({@code spec.input.key}). Matches are per key; the key is compared as text,
 * so {@code "A1"} and {@code 42} key as {@code A1} and {@code 42}; objects and lists key as their
 * JSON.
 *
 * <p>Two different numbers never share a key. Conditions see every number as a long or a double
 * ({@link EventJson}), and a double cannot tell {@code 12345678901234567891} from {@code
 * 12345678901234567892}, nor {@code 0.10000000000000000001} from {@code 0.1}. So an integer key
 * within 64 bits keys as its digits, another number keys as Java's shortest form of its double
 * ({@code 1.5}, {@code 100.0}) when that stands for exactly the written value, and otherwise as its
 * exact decimal value read from the record's bytes ({@link #exactNumberKey}).
 */
public final class KeyExtractor implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Reads numbers exactly: integers of any size, fractions as BigDecimal. */
    private static final ObjectMapper EXACT_NUMBERS =
            JsonMapper.builder()
                    .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                    .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
                    .build();

    /** Longest exact integer key written in plain digits (the parser's own number limit). */
    private static final int MAX_PLAIN_DIGITS = 1000;

    private final FieldPath path;
    private final String pointer;

    public KeyExtractor(String path) {
        this.path = FieldPath.of(path);
        // Path segments are identifiers, so they need no escaping in a JSON pointer.
        this.pointer = "/" + path.replace('.', '/');
    }

    /** The top-level field the path starts at. */
    String root() {
        return path.root();
    }

    /**
     * @param raw the record the event was parsed from: a number that no double holds exactly is
     *     keyed from its text there
     * @throws InvalidEventException when the event has no such field or it is null
     */
    public String keyOf(Map<String, Object> event, byte[] raw) throws InvalidEventException {
        Object value = path.get(event);
        if (value == null) {
            throw new InvalidEventException("missing key field '" + path + "'");
        }
        if (value instanceof String text) {
            return text;
        }
        if (value instanceof Double number) {
            return exactNumberKey(number, raw);
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

    /**
     * The key of a number read as {@code parsed}: its usual text ({@link Double#toString}) when
     * that has exactly the value written in {@code raw}, else the written value exactly (plain
     * digits for an integer, else the shortest scientific form of the decimal).
     */
    String exactNumberKey(double parsed, byte[] raw) throws InvalidEventException {
        String usual = Double.toString(parsed);
        BigDecimal written = writtenNumber(raw);
        if (written == null || written.compareTo(new BigDecimal(usual)) == 0) {
            return usual;
        }
        BigDecimal canonical = written.stripTrailingZeros();
        if (canonical.scale() <= 0
                && canonical.precision() - canonical.scale() <= MAX_PLAIN_DIGITS) {
            return canonical.toPlainString();
        }
        return canonical.toString();
    }

    private BigDecimal writtenNumber(byte[] raw) throws InvalidEventException {
        if (raw == null) {
            return null;
        }
        try {
            JsonNode node = EXACT_NUMBERS.readTree(raw).at(JsonPointer.compile(pointer));
            return node.isNumber() ? node.decimalValue() : null;
        } catch (IOException e) {
            throw new InvalidEventException("key field '" + path + "': " + e.getMessage());
        }
    }
}
