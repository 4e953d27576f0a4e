package io.eventpipeline.job.match;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.eventpipeline.job.event.PipelineEvent;
import io.eventpipeline.spec.cel.EventJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.AbstractList;
import java.util.List;
import java.util.Map;

/**
 * How the parts of a match record are written. A matched event ({@link #writeEvent}) that was read
 * as one line of UTF-8 JSON is written as it arrived, byte for byte but for blanks around it (no
 * parse, and its numbers and escapes unchanged); any other event (spread over lines, another
 * encoding, or built without bytes) is written from its parsed body, so a match record is always
 * one line.
 */
final class MatchJson {
    // The generator is flushed once, when the record is complete.
    private static final ObjectWriter VALUES =
            EventJson.mapper().writer().without(SerializationFeature.FLUSH_AFTER_WRITE_VALUE);

    private MatchJson() {}

    static void writeEvent(JsonGenerator json, PipelineEvent event) throws IOException {
        String asRead = oneLineObject(event.raw());
        if (asRead != null) {
            json.writeRawValue(asRead);
        } else {
            VALUES.writeValue(json, event.body());
        }
    }

    /** A plain value (null, Boolean, Long, Double, String, BigInteger, List, Map). */
    static void writeValue(JsonGenerator json, Object value) throws IOException {
        VALUES.writeValue(json, value);
    }

    /** The events' bodies, each read only as far as an emit expression reads it. */
    static List<Map<String, Object>> bodies(List<PipelineEvent> events) {
        return new AbstractList<>() {
            @Override
            public Map<String, Object> get(int index) {
                return events.get(index).bodyFieldByField();
            }

            @Override
            public int size() {
                return events.size();
            }
        };
    }

    /**
     * The bytes as text when they are one JSON object on one line in UTF-8, else null. The bytes
     * parsed as a JSON object when the event was accepted, so it is enough to rule out what would
     * differ in a record: a control byte (a line break, or the zero bytes of UTF-16 and UTF-32) and
     * anything before the brace (a byte-order mark).
     */
    static String oneLineObject(byte[] raw) {
        if (raw == null) {
            return null;
        }
        int start = 0;
        int end = raw.length;
        while (start < end && isBlank(raw[start])) {
            start++;
        }
        while (end > start && isBlank(raw[end - 1])) {
            end--;
        }
        if (start == end || raw[start] != '{' || raw[end - 1] != '}') {
            return null;
        }
        for (int i = start; i < end; i++) {
            if (raw[i] >= 0 && raw[i] < 0x20 && raw[i] != '\t') {
                return null;
            }
        }
        return new String(raw, start, end - start, StandardCharsets.UTF_8);
    }

    private static boolean isBlank(byte b) {
        return b == ' ' || b == '\t' || b == '\n' || b == '\r';
    }
}
