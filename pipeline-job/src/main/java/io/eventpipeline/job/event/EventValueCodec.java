package io.eventpipeline.job.event;

import dev.cel.common.values.NullValue;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

/**
 * A compact binary form of the values {@link io.eventpipeline.spec.cel.EventJson} produces (Long,
 * Double, String, Boolean, CEL null, lists and string-keyed maps), one tag byte per value. Cheaper
 * than JSON text to read back and far cheaper than Kryo on generic maps.
 */
final class EventValueCodec {
    private static final byte NULL = 0;
    private static final byte TRUE = 1;
    private static final byte FALSE = 2;
    private static final byte LONG = 3;
    private static final byte DOUBLE = 4;
    private static final byte STRING = 5;
    private static final byte LIST = 6;
    private static final byte MAP = 7;

    private EventValueCodec() {}

    static void writeObject(Map<String, Object> object, DataOutputView out) throws IOException {
        out.writeInt(object.size());
        for (Map.Entry<String, Object> field : object.entrySet()) {
            StringValue.writeString(field.getKey(), out);
            writeValue(field.getValue(), out);
        }
    }

    static Map<String, Object> readObject(DataInputView in) throws IOException {
        int size = in.readInt();
        Map<String, Object> object = new LinkedHashMap<>(Math.max(4, size * 2));
        for (int i = 0; i < size; i++) {
            String key = StringValue.readString(in);
            object.put(key, readValue(in));
        }
        return object;
    }

    @SuppressWarnings("unchecked")
    private static void writeValue(Object value, DataOutputView out) throws IOException {
        if (value == null || value instanceof NullValue) {
            out.writeByte(NULL);
        } else if (value instanceof Boolean b) {
            out.writeByte(b ? TRUE : FALSE);
        } else if (value instanceof Long l) {
            out.writeByte(LONG);
            out.writeLong(l);
        } else if (value instanceof Double d) {
            out.writeByte(DOUBLE);
            out.writeDouble(d);
        } else if (value instanceof String s) {
            out.writeByte(STRING);
            StringValue.writeString(s, out);
        } else if (value instanceof List<?> list) {
            out.writeByte(LIST);
            out.writeInt(list.size());
            for (Object element : list) {
                writeValue(element, out);
            }
        } else if (value instanceof Map<?, ?> map) {
            out.writeByte(MAP);
            writeObject((Map<String, Object>) map, out);
        } else {
            throw new IOException(
                    "not an event value: " + value.getClass().getName() + " (expected JSON types)");
        }
    }

    private static Object readValue(DataInputView in) throws IOException {
        byte tag = in.readByte();
        switch (tag) {
            case NULL:
                return NullValue.NULL_VALUE;
            case TRUE:
                return Boolean.TRUE;
            case FALSE:
                return Boolean.FALSE;
            case LONG:
                return in.readLong();
            case DOUBLE:
                return in.readDouble();
            case STRING:
                return StringValue.readString(in);
            case LIST:
                int size = in.readInt();
                List<Object> list = new ArrayList<>(size);
                for (int i = 0; i < size; i++) {
                    list.add(readValue(in));
                }
                return list;
            case MAP:
                return readObject(in);
            default:
                throw new IOException("corrupt event value: unknown tag " + tag);
        }
    }
}
