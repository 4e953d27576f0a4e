package io.eventpipeline.job.match;

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
    private static final ThreadLocal<MessageDigest> DIGEST =
            ThreadLocal.withInitial(MatchId::sha256);

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
        MessageDigest digest = DIGEST.get();
        digest.reset();
        field(digest, pipeline);
        field(digest, pattern);
        field(digest, key);
        field(digest, timedOut ? "timed-out" : "matched");
        for (String step : stepOrder) {
            List<PipelineEvent> events = steps.get(step);
            if (events == null || events.isEmpty()) {
                continue;
            }
            field(digest, step);
            for (PipelineEvent event : events) {
                field(digest, event.origin().source());
                field(digest, Integer.toString(event.origin().partition()));
                field(digest, Long.toString(event.origin().offset()));
                field(digest, Long.toString(event.timestamp()));
            }
        }
        return HexFormat.of().formatHex(digest.digest()).substring(0, LENGTH);
    }

    // Length-prefixed, so that ("ab", "c") and ("a", "bc") hash differently.
    private static void field(MessageDigest digest, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        int length = bytes.length;
        digest.update(
                new byte[] {
                    (byte) (length >>> 24),
                    (byte) (length >>> 16),
                    (byte) (length >>> 8),
                    (byte) length
                });
        digest.update(bytes);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
