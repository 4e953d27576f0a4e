package io.eventpipeline.job.topology;

import io.eventpipeline.spec.PipelineJson;
import io.eventpipeline.spec.model.PatternSpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Operator uids: what savepoint state is matched by. Source and sinks keep fixed uids, so offsets
 * and transactions carry over any change of patterns. Each pattern's CEP operator has a uid derived
 * from its definition (canonical JSON) and the key path, so a changed pattern (or key) starts with
 * fresh state and the state of an unchanged one is restored; the job runs with
 * allowNonRestoredState so that the old uid's state is dropped.
 */
public final class OperatorUids {
    public static final String KAFKA_SOURCE = "kafka-source";
    public static final String EVENT_ROUTER = "event-router";
    public static final String MATCH_SINK = "match-sink";
    public static final String DEAD_LETTER_SINK = "dead-letter-sink";

    private OperatorUids() {}

    /** {@code pattern-<name>-<16 hex of SHA-256 over the pattern's JSON and the key path>}. */
    public static String pattern(PatternSpec pattern, String keyPath) {
        String definition = PipelineJson.toJson(pattern) + "\n" + keyPath;
        return "pattern-" + pattern.getName() + "-" + sha256Hex(definition).substring(0, 16);
    }

    /**
     * {@code sequence-<name>-<16 hex>}, as {@link #pattern}, for a pattern the sequence matcher
     * runs: its state is not CEP's, so a pattern that moves between the two starts fresh.
     */
    public static String sequence(PatternSpec pattern, String keyPath) {
        return "sequence" + pattern(pattern, keyPath).substring("pattern".length());
    }

    private static String sha256Hex(String text) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
