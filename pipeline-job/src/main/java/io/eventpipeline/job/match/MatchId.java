package io.eventpipeline.job.match;

import io.eventpipeline.job.event.EventOrigin;
import io.eventpipeline.job.event.PipelineEvent;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The deterministic id of a match: a hash of the pipeline, the pattern, the key, whether it timed
 * out, and each step's events in order, identified by where they were read (topic, partition,
 * offset) and their event time. The same input gives the same id, so a consumer of an at-least-once
 * output can drop duplicates by id.
 */
public final class MatchId {
    /** Hex characters of the id: 128 bits of SHA-256. */
    public static final int LENGTH = 32;

    // One per thread, reset for each match: no provider look-up per match.
    private static final ThreadLocal<Hashing> HASHING = ThreadLocal.withInitial(Hashing::new);

    private MatchId() {}

    /**
     * @param steps the match's events by step name, iterated in pattern order
     */
    public static String of(
            String pipeline,
            String pattern,
            String key,
            boolean timedOut,
            List<String> stepOrder,
            Map<String, List<PipelineEvent>> steps) {
        Hashing hashing = HASHING.get();
        hashing.digest.reset();
        hashing.field(pipeline);
        hashing.field(pattern);
        hashing.field(key);
        hashing.field(timedOut ? "timed-out" : "matched");
        for (String step : stepOrder) {
            List<PipelineEvent> events = steps.get(step);
            if (events == null || events.isEmpty()) {
                continue;
            }
            hashing.field(step);
            for (PipelineEvent event : events) {
                EventOrigin origin = event.origin();
                hashing.field(origin.source());
                hashing.field(origin.partition());
                hashing.field(origin.offset());
                hashing.field(event.timestamp());
            }
        }
        return HexFormat.of().formatHex(hashing.digest.digest(), 0, LENGTH / 2);
    }

    /**
     * The digest and a scratch buffer. Each field is hashed as its length (four bytes, big-endian)
     * and its UTF-8 bytes, so that ("ab", "c") and ("a", "bc") hash differently; a number as its
     * decimal text. Short ASCII text and numbers are encoded into the scratch buffer: a match's id
     * is computed for every match, and encoding each field into arrays of its own made a tenth of
     * the pattern operator's garbage.
     */
    private static final class Hashing {
        private final MessageDigest digest = sha256();
        private final byte[] scratch = new byte[4 + 256];

        void field(String value) {
            int length = value.length();
            if (length <= scratch.length - 4) {
                int i = 0;
                while (i < length && value.charAt(i) < 0x80) {
                    scratch[4 + i] = (byte) value.charAt(i);
                    i++;
                }
                if (i == length) {
                    hashWithLength(length);
                    return;
                }
            }
            byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
            putLength(bytes.length);
            digest.update(scratch, 0, 4);
            digest.update(bytes);
        }

        void field(long value) {
            if (value == Long.MIN_VALUE) {
                field(Long.toString(value));
                return;
            }
            long rest = Math.abs(value);
            int digits = 1;
            for (long power = 10; digits < 19 && rest >= power; power *= 10) {
                digits++;
            }
            int length = value < 0 ? digits + 1 : digits;
            for (int at = 4 + length - 1; at >= 4 + length - digits; at--) {
                scratch[at] = (byte) ('0' + rest % 10);
                rest /= 10;
            }
            if (value < 0) {
                scratch[4] = '-';
            }
            hashWithLength(length);
        }

        /** Hashes the length and the {@code length} bytes already in the buffer after it. */
        private void hashWithLength(int length) {
            putLength(length);
            digest.update(scratch, 0, 4 + length);
        }

        private void putLength(int length) {
            scratch[0] = (byte) (length >>> 24);
            scratch[1] = (byte) (length >>> 16);
            scratch[2] = (byte) (length >>> 8);
            scratch[3] = (byte) length;
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
