package io.eventpipeline.spec.cel;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import dev.cel.common.values.NullValue;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Events as CEL evaluates them. {@link #parse} turns a JSON object into nested {@code
 * LinkedHashMap}s and {@code ArrayList}s of the only scalar types CEL's {@code dyn} handles: {@code
 * Long} for every integer (CEL has no 32-bit int), {@code Double} for every fraction (and for
 * integers beyond the range of a long), {@code String}, {@code Boolean}, and CEL's {@link
 * NullValue} for JSON null (a Java null inside a map is not a CEL null). {@link #mapper()} writes
 * these maps back as the same JSON.
 */
public final class EventJson {
    private static final ObjectMapper MAPPER =
            JsonMapper.builder()
                    .enable(DeserializationFeature.USE_LONG_FOR_INTS)
                    .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                    .addModule(new SimpleModule("cel-values").addSerializer(new NullSerializer()))
                    .build();

    private EventJson() {}

    /**
     * The mapper for events and match records: reads integers as longs and writes {@link NullValue}
     * as JSON null. Shared: do not reconfigure.
     */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /**
     * Reads one event.
     *
     * @throws IOException when the text is not one JSON object (the event is a dead letter)
     */
    public static Map<String, Object> parse(byte[] json) throws IOException {
        try (JsonParser parser = MAPPER.getFactory().createParser(json)) {
            return readEvent(parser);
        }
    }

    /**
     * Reads one event, building only the named top-level fields: the rest of the text is still read
     * to the end, so it is rejected exactly when {@link #parse(byte[])} rejects it, but not turned
     * into values.
     */
    public static Map<String, Object> parseFields(byte[] json, Set<String> fields)
            throws IOException {
        try (JsonParser parser = MAPPER.getFactory().createParser(json)) {
            startEvent(parser);
            Map<String, Object> event = new LinkedHashMap<>();
            String field;
            while ((field = parser.nextFieldName()) != null) {
                JsonToken token = parser.nextToken();
                if (fields.contains(field)) {
                    event.put(field, readValue(parser, token));
                } else {
                    parser.skipChildren();
                }
            }
            endEvent(parser);
            return event;
        }
    }

    /** Reads one event from text; see {@link #parse(byte[])}. */
    public static Map<String, Object> parse(String json) throws IOException {
        try (JsonParser parser = MAPPER.getFactory().createParser(json)) {
            return readEvent(parser);
        }
    }

    private static Map<String, Object> readEvent(JsonParser parser) throws IOException {
        startEvent(parser);
        Map<String, Object> event = readObject(parser);
        endEvent(parser);
        return event;
    }

    private static void startEvent(JsonParser parser) throws IOException {
        if (parser.nextToken() != JsonToken.START_OBJECT) {
            throw new JsonParseException(parser, "an event must be a JSON object");
        }
    }

    private static void endEvent(JsonParser parser) throws IOException {
        if (parser.nextToken() != null) {
            throw new JsonParseException(parser, "unexpected content after the event object");
        }
    }

    private static Map<String, Object> readObject(JsonParser parser) throws IOException {
        Map<String, Object> object = new LinkedHashMap<>();
        String field;
        while ((field = parser.nextFieldName()) != null) {
            object.put(field, readValue(parser, parser.nextToken()));
        }
        return object;
    }

    private static List<Object> readArray(JsonParser parser) throws IOException {
        List<Object> array = new ArrayList<>();
        JsonToken token;
        while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
            array.add(readValue(parser, token));
        }
        return array;
    }

    private static Object readValue(JsonParser parser, JsonToken token) throws IOException {
        switch (token) {
            case START_OBJECT:
                return readObject(parser);
            case START_ARRAY:
                return readArray(parser);
            case VALUE_STRING:
                return parser.getText();
            case VALUE_NUMBER_INT:
                return parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                        ? (Object) parser.getDoubleValue()
                        : (Object) parser.getLongValue();
            case VALUE_NUMBER_FLOAT:
                return parser.getDoubleValue();
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case VALUE_NULL:
                return NullValue.NULL_VALUE;
            default:
                throw new JsonParseException(parser, "unexpected JSON token " + token);
        }
    }

    private static final class NullSerializer extends StdSerializer<NullValue> {
        NullSerializer() {
            super(NullValue.class);
        }

        @Override
        public void serialize(NullValue value, JsonGenerator gen, SerializerProvider provider)
                throws IOException {
            gen.writeNull();
        }
    }
}
