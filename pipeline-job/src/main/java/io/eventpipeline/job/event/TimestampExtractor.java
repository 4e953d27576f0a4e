package io.eventpipeline.job.event;

import io.eventpipeline.spec.FieldPath;
import java.io.Serializable;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * Reads an event's time from {@code spec.input.timestamp.field}: a number of epoch milliseconds
 * (also as a string of digits), or an ISO-8601 instant with a zone or offset ({@code
 * 2024-05-01T10:00:00Z}, {@code 2024-05-01T12:00:00+02:00}). A time that epoch milliseconds in a
 * 64-bit long cannot hold is refused, never clamped; {@link EventTimeRange} then bounds the rest.
 */
public final class TimestampExtractor implements Serializable {
    private static final long serialVersionUID = 1L;

    private final FieldPath path;

    public TimestampExtractor(String path) {
        this.path = FieldPath.of(path);
    }

    /** The top-level field the path starts at. */
    String root() {
        return path.root();
    }

    /**
     * @return event time in epoch milliseconds
     * @throws InvalidEventException when the field is missing or holds no time
     */
    public long timestampOf(Map<String, Object> event) throws InvalidEventException {
        Object value = path.get(event);
        if (value == null) {
            throw new InvalidEventException("missing timestamp field '" + path + "'");
        }
        if (value instanceof Long millis) {
            return millis;
        }
        if (value instanceof Double millis && Double.isFinite(millis)) {
            // Integers beyond a long arrive as doubles too: a cast would clamp them silently.
            if (millis < Long.MIN_VALUE || millis >= 0x1p63) {
                throw new InvalidEventException(
                        EventTimeRange.unrepresentable(
                                path.toString(), abbreviate(value.toString())));
            }
            return (long) Math.floor(millis);
        }
        if (value instanceof String text) {
            Long parsed = parse(text.trim());
            if (parsed != null) {
                return parsed;
            }
        }
        throw new InvalidEventException(
                "timestamp field '"
                        + path
                        + "' is neither epoch milliseconds nor an ISO-8601 time: "
                        + abbreviate(String.valueOf(value)));
    }

    private Long parse(String text) throws InvalidEventException {
        if (!text.isEmpty() && text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            try {
                return Long.parseLong(text);
            } catch (NumberFormatException e) {
                throw new InvalidEventException(
                        EventTimeRange.unrepresentable(path.toString(), abbreviate(text)));
            }
        }
        Instant instant;
        try {
            instant = Instant.parse(text);
        } catch (DateTimeParseException e) {
            // not the Z form: try an explicit offset
            try {
                instant = OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException | ArithmeticException notAnInstant) {
                return null;
            }
        }
        try {
            return instant.toEpochMilli();
        } catch (ArithmeticException e) {
            // Instant reaches a billion years; epoch milliseconds in a long about 292 million.
            throw new InvalidEventException(
                    EventTimeRange.unrepresentable(path.toString(), abbreviate(text)));
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 64 ? "'" + text + "'" : "'" + text.substring(0, 64) + "...'";
    }
}
