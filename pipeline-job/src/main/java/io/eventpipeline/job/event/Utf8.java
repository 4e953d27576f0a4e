package io.eventpipeline.job.event;

/**
 * Checks that bytes are well-formed UTF-8 (Unicode's table 3-7: no stray continuation bytes, no
 * truncated or overlong sequences, no surrogates, nothing above U+10FFFF). An event must be UTF-8
 * (RFC 8259); a record that is not is a dead letter, never read with replacement characters, so
 * that what is matched and written is exactly what was sent. Records in UTF-16 or UTF-32, which the
 * JSON parser recognizes by their byte order mark or the zero bytes of their first character (RFC
 * 4627's detection), are left to it, as before.
 */
public final class Utf8 {
    public static final String REJECTION_PREFIX = "not UTF-8: ";

    private Utf8() {}

    /**
     * @return the offset of the first byte that starts no well-formed sequence, or -1 when all are
     *     well-formed
     */
    public static int firstMalformed(byte[] bytes) {
        if (utf16Or32(bytes)) {
            return -1;
        }
        int i = 0;
        int n = bytes.length;
        while (i < n) {
            int b = bytes[i] & 0xFF;
            if (b < 0x80) {
                i++;
                continue;
            }
            int length;
            int secondMin = 0x80;
            int secondMax = 0xBF;
            if (b >= 0xC2 && b <= 0xDF) {
                length = 2;
            } else if (b >= 0xE0 && b <= 0xEF) {
                length = 3;
                if (b == 0xE0) {
                    secondMin = 0xA0; // overlong below U+0800
                } else if (b == 0xED) {
                    secondMax = 0x9F; // U+D800..U+DFFF are surrogates
                }
            } else if (b >= 0xF0 && b <= 0xF4) {
                length = 4;
                if (b == 0xF0) {
                    secondMin = 0x90; // overlong below U+10000
                } else if (b == 0xF4) {
                    secondMax = 0x8F; // above U+10FFFF
                }
            } else {
                return i; // a continuation byte, C0/C1 (overlong) or F5..FF
            }
            if (i + length > n) {
                return i;
            }
            int second = bytes[i + 1] & 0xFF;
            if (second < secondMin || second > secondMax) {
                return i;
            }
            for (int k = 2; k < length; k++) {
                if ((bytes[i + k] & 0xC0) != 0x80) {
                    return i;
                }
            }
            i += length;
        }
        return -1;
    }

    private static boolean utf16Or32(byte[] bytes) {
        if (bytes.length >= 2) {
            int first = bytes[0] & 0xFF;
            int second = bytes[1] & 0xFF;
            if ((first == 0xFE && second == 0xFF) || (first == 0xFF && second == 0xFE)) {
                return true;
            }
        }
        for (int i = 0; i < Math.min(4, bytes.length); i++) {
            if (bytes[i] == 0) {
                return true;
            }
        }
        return false;
    }

    /** The dead letter's reason for bytes whose first malformed sequence starts at {@code at}. */
    static String rejection(byte[] bytes, int at) {
        return String.format(
                "%sbyte 0x%02X at offset %d starts no valid UTF-8 sequence",
                REJECTION_PREFIX, bytes[at] & 0xFF, at);
    }
}
