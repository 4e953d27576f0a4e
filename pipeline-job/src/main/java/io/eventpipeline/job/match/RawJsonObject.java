package io.eventpipeline.job.match;

import com.fasterxml.jackson.core.SerializableString;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * An event's bytes that a UTF-8 generator copies into its record as they are, without turning them
 * into text first.
 */
final class RawJsonObject implements SerializableString {
    private final byte[] bytes;
    private final int start;
    private final int end;

    private RawJsonObject(byte[] bytes, int start, int end) {
        this.bytes = bytes;
        this.start = start;
        this.end = end;
    }

    /**
     * The bytes when they are one JSON object on one line in UTF-8, else null. The bytes parsed as
     * a JSON object when the event was accepted, so it is enough to rule out what would differ in a
     * record: a control byte (a line break, or the zero bytes of UTF-16 and UTF-32) and anything
     * before the brace (a byte-order mark).
     */
    static RawJsonObject of(byte[] raw) {
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
        return new RawJsonObject(raw, start, end);
    }

    private int length() {
        return end - start;
    }

    @Override
    public String getValue() {
        return new String(bytes, start, length(), StandardCharsets.UTF_8);
    }

    @Override
    public int charLength() {
        return getValue().length();
    }

    @Override
    public char[] asQuotedChars() {
        throw new UnsupportedOperationException("written unquoted only");
    }

    @Override
    public byte[] asUnquotedUTF8() {
        return start == 0 && end == bytes.length ? bytes : Arrays.copyOfRange(bytes, start, end);
    }

    @Override
    public byte[] asQuotedUTF8() {
        throw new UnsupportedOperationException("written unquoted only");
    }

    @Override
    public int appendQuotedUTF8(byte[] buffer, int offset) {
        throw new UnsupportedOperationException("written unquoted only");
    }

    @Override
    public int appendQuoted(char[] buffer, int offset) {
        throw new UnsupportedOperationException("written unquoted only");
    }

    @Override
    public int appendUnquotedUTF8(byte[] buffer, int offset) {
        if (offset + length() > buffer.length) {
            return -1;
        }
        System.arraycopy(bytes, start, buffer, offset, length());
        return length();
    }

    @Override
    public int appendUnquoted(char[] buffer, int offset) {
        String value = getValue();
        if (offset + value.length() > buffer.length) {
            return -1;
        }
        value.getChars(0, value.length(), buffer, offset);
        return value.length();
    }

    @Override
    public int writeQuotedUTF8(OutputStream out) {
        throw new UnsupportedOperationException("written unquoted only");
    }

    @Override
    public int writeUnquotedUTF8(OutputStream out) throws IOException {
        out.write(bytes, start, length());
        return length();
    }

    @Override
    public int putQuotedUTF8(ByteBuffer buffer) {
        throw new UnsupportedOperationException("written unquoted only");
    }

    @Override
    public int putUnquotedUTF8(ByteBuffer buffer) {
        if (buffer.remaining() < length()) {
            return -1;
        }
        buffer.put(bytes, start, length());
        return length();
    }

    private static boolean isBlank(byte b) {
        return b == ' ' || b == '\t' || b == '\n' || b == '\r';
    }
}
