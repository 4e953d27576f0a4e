package io.eventpipeline.spec.state;

import io.eventpipeline.spec.PipelineJson;
import io.eventpipeline.spec.model.PatternSpec;
import io.eventpipeline.spec.resolved.Matcher;
import io.eventpipeline.spec.resolved.MatcherRules;
import io.eventpipeline.spec.resolved.ResolvedPattern;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Where the job files one pattern's state in its savepoints: the operator uid of the pattern's
 * operator. Flink restores state by uid, so the uid is exactly what decides whether an upgrade
 * keeps the pattern's partial matches: equal uids keep them, a new uid starts fresh (the job runs
 * with non-restored state allowed, so the old uid's state is dropped).
 *
 * <p>The uid is {@code <matcher>-<name>-<16 hex of SHA-256>} over the pattern's matching definition
 * (canonical JSON of its steps, within and after-match strategy) and the key path. It leaves out
 * what is read only when a match completes ({@code emit}, {@code emitTimeouts}), so changing those
 * keeps partial matches, and it depends on no other pattern. The matcher is the one the job's
 * {@link MatcherRules} choose, so a job version that moves a pattern to the other engine files it
 * under another uid: its state is left behind, never read by the wrong engine.
 *
 * @param pattern the pattern's name
 * @param matcher what runs it
 * @param whyCep why it needs Flink CEP; empty on the sequence matcher
 * @param uid the operator uid its state is filed under
 */
public record PatternState(String pattern, Matcher matcher, Optional<String> whyCep, String uid) {

    /**
     * @param pattern the resolved pattern
     * @param keyPath the pipeline's key path
     */
    public static PatternState of(ResolvedPattern pattern, String keyPath) {
        return of(pattern, keyPath, MatcherRules.CURRENT);
    }

    /** Where a job of {@code rules} files the pattern's state. */
    public static PatternState of(ResolvedPattern pattern, String keyPath, MatcherRules rules) {
        Matcher matcher = pattern.shape().matcher(rules);
        return new PatternState(
                pattern.name(),
                matcher,
                pattern.shape().whyCep(rules),
                uid(pattern, keyPath, matcher));
    }

    /** The uid of the pattern when {@code matcher} runs it. */
    public static String uid(ResolvedPattern pattern, String keyPath, Matcher matcher) {
        return uidOf(matchingDefinition(pattern.wire()), keyPath, matcher);
    }

    /**
     * The uid an earlier job (whose arguments were {@code --pipeline-base64}) gave the pattern: it
     * hashed the whole pattern, emit included. Only to tell what an upgrade from such a job keeps.
     */
    public static String legacyUid(ResolvedPattern pattern, String keyPath, Matcher matcher) {
        return uidOf(pattern.wire(), keyPath, matcher);
    }

    /**
     * The pattern without what only completed matches read. {@code emitTimeouts} is set to false
     * rather than removed, so a pattern that never had emit keeps the uid earlier jobs gave it.
     */
    static PatternSpec matchingDefinition(PatternSpec spec) {
        PatternSpec copy = PipelineJson.copy(spec, PatternSpec.class);
        copy.setEmit(null);
        copy.setEmitTimeouts(false);
        return copy;
    }

    private static String uidOf(PatternSpec definition, String keyPath, Matcher matcher) {
        String hashed = PipelineJson.toJson(definition) + "\n" + keyPath;
        return matcher.uidPrefix()
                + "-"
                + definition.getName()
                + "-"
                + sha256Hex(hashed).substring(0, 16);
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
