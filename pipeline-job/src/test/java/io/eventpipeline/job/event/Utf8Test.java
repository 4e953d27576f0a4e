package io.eventpipeline.job.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Utf8Test {
    private static byte[] hex(String bytes) {
        String[] parts = bytes.trim().split("\\s+");
        byte[] out = new byte[parts.length];
        for (int i = 0; i < parts.length; i++) {
            out[i] = (byte) Integer.parseInt(parts[i], 16);
        }
        return out;
    }

    @ParameterizedTest(name = "{0}: {2}")
    @CsvSource({
        "7B 7D, -1, ASCII",
        "63 61 66 C3 A9, -1, two bytes (é)",
        "E2 82 AC, -1, three bytes (€)",
        "F0 9F 98 80, -1, four bytes (an emoji)",
        "EF BB BF 7B 7D, -1, a UTF-8 byte order mark",
        "7B 80 7D, 1, a stray continuation byte",
        "7B C3, 1, a sequence cut short by the end",
        "C3 28, 0, a lead byte without its continuation",
        "C0 AF, 0, overlong two bytes",
        "E0 80 AF, 0, overlong three bytes",
        "ED A0 80, 0, a surrogate",
        "F4 90 80 80, 0, above U+10FFFF",
        "F5 80 80 80, 0, an impossible lead byte",
        "FE FF 00 7B, -1, UTF-16 with its byte order mark: left to the parser",
        "7B 00 7D 00, -1, UTF-16 by its zero bytes: left to the parser",
    })
    void findsTheFirstMalformedSequence(String bytes, int expected, String what) {
        assertThat(Utf8.firstMalformed(hex(bytes))).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"{\"k\":\"ünïcödé ✓ 😀\"}"})
    void agreesWithTheJdkOnWellFormedText(String text) {
        assertThat(Utf8.firstMalformed(text.getBytes(StandardCharsets.UTF_8))).isEqualTo(-1);
    }
}
