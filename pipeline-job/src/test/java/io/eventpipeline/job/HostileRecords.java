package io.eventpipeline.job;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Records meant to stop or skew a pipeline, for the deployed job ({@code HostileRecordsIT}) and the
 * {@code test} command ({@code TestCommandIT}) alike. The pipeline: key {@code id}, timestamp field
 * {@code ts}, a {@code DELAY} then a {@code GATE} within an hour.
 */
public final class HostileRecords {
    public static final String BIG_KEY_1 = "12345678901234567891";
    public static final String BIG_KEY_2 = "12345678901234567892";
    public static final int LARGE_SIZE = 3 * 1024 * 1024;

    private HostileRecords() {}

    /**
     * Two delays under big-integer keys, the hostile records (records 3 to 9, counting from 1), one
     * event with CR LF between its tokens (record 10, valid JSON), then the two gates.
     */
    public static List<byte[]> all() {
        return List.of(
                utf8("{\"id\":" + BIG_KEY_1 + ",\"type\":\"DELAY\",\"ts\":1000}"),
                utf8("{\"id\":" + BIG_KEY_2 + ",\"type\":\"DELAY\",\"ts\":2000}"),
                utf8("{\"id\":\"x\",\"type\":\"DELAY\",\"ts\":32503680000000}"),
                utf8("{\"id\":\"x\",\"type\":\"DELAY\",\"ts\":9223372036854775807}"),
                utf8("{\"id\":\"x\",\"type\":\"DELAY\",\"ts\":1e300}"),
                utf8("{\"id\":\"x\",\"type\":\"DELAY\",\"ts\":\"+1000000000-01-01T00:00:00Z\"}"),
                notUtf8(),
                large(),
                utf8("{\"id\":\"x\",\"type\":\"DELAY\r\",\"ts\":3000}"),
                utf8("{\"id\":\"y\",\r\"type\":\"DELAY\",\"ts\":3500}"),
                utf8("{\"id\":" + BIG_KEY_1 + ",\"type\":\"GATE\",\"gate\":\"G1\",\"ts\":4000}"),
                utf8("{\"id\":" + BIG_KEY_2 + ",\"type\":\"GATE\",\"gate\":\"G2\",\"ts\":5000}"));
    }

    /** A delay whose é has its second byte broken (C3 28). */
    public static byte[] notUtf8() {
        byte[] bytes = utf8("{\"id\":\"x\",\"type\":\"DELAY\",\"ts\":3000,\"name\":\"caf\u00e9\"}");
        bytes[bytes.length - 3] = '(';
        return bytes;
    }

    /** A valid delay of {@link #LARGE_SIZE} bytes. */
    public static byte[] large() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(LARGE_SIZE);
        byte[] head = utf8("{\"id\":\"x\",\"type\":\"DELAY\",\"ts\":3000,\"pad\":\"");
        out.writeBytes(head);
        byte[] pad = new byte[LARGE_SIZE - head.length - 2];
        Arrays.fill(pad, (byte) 'x');
        out.writeBytes(pad);
        out.writeBytes(utf8("\"}"));
        return out.toByteArray();
    }

    public static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
