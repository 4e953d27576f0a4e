package io.eventpipeline.job.match;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.eventpipeline.job.event.PipelineEvent;
import io.eventpipeline.spec.cel.EventJson;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
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

    /**
     * Writes UTF-8 straight to bytes. Characters outside the Basic Multilingual Plane are written
     * as their four UTF-8 bytes, as text encoded to UTF-8 has them, not as two escapes.
     */
    private static final JsonFactory RECORDS =
            JsonFactory.builder()
                    .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
                    .build();

    /** Records grow here, one buffer per thread, kept unless a record made it large. */
    private static final int KEPT_BUFFER_BYTES = 64 * 1024;

    private static final ThreadLocal<ByteArrayOutputStream> BUFFER =
            ThreadLocal.withInitial(() -> new ByteArrayOutputStream(4096));

    private MatchJson() {}

    /** A generator for one record, writing into a buffer this thread reuses. */
    static JsonGenerator startRecord() throws IOException {
        ByteArrayOutputStream buffer = BUFFER.get();
        buffer.reset();
        return RECORDS.createGenerator((OutputStream) buffer, JsonEncoding.UTF8);
    }

    /** Closes the record {@link #startRecord} began and copies its bytes out of the buffer. */
    static byte[] finishRecord(JsonGenerator json) throws IOException {
        json.close();
        ByteArrayOutputStream buffer = BUFFER.get();
        byte[] record = buffer.toByteArray();
        if (buffer.size() > KEPT_BUFFER_BYTES) {
            BUFFER.remove();
        }
        return record;
    }

    static void writeEvent(JsonGenerator json, PipelineEvent event) throws IOException {
        RawJsonObject asRead = RawJsonObject.of(event.raw());
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
}
