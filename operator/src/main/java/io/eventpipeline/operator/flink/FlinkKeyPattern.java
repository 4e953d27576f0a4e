package io.eventpipeline.operator.flink;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A Flink configuration key ({@code state.backend.type}) or every key under a prefix ({@code
 * state.backend.rocksdb.*}), as the allow-list and the chart's {@code
 * job.allowedFlinkConfiguration} write them.
 */
public record FlinkKeyPattern(String text) {
    /** Dot-separated names of letters, digits, '-' and '_', optionally ending in ".*". */
    private static final Pattern SYNTAX =
            Pattern.compile("[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*(\\.\\*)?");

    /** What a key must look like: nothing in it can start another line or setting. */
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*");

    public FlinkKeyPattern {
        if (text == null || !SYNTAX.matcher(text).matches()) {
            throw new IllegalArgumentException(
                    "'"
                            + text
                            + "' is not a Flink key (e.g. state.backend.type) or a key prefix"
                            + " ending in .* (e.g. state.backend.rocksdb.*)");
        }
    }

    /**
     * @return the pattern, or empty when the text is not one
     */
    public static Optional<FlinkKeyPattern> parse(String text) {
        try {
            return Optional.of(new FlinkKeyPattern(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Whether a key is a well-formed Flink option name. */
    static boolean isKey(String key) {
        return KEY.matcher(key).matches();
    }

    boolean isPrefix() {
        return text.endsWith(".*");
    }

    boolean matches(String key) {
        return isPrefix() ? key.startsWith(text.substring(0, text.length() - 1)) : key.equals(text);
    }

    /** Of two patterns matching one key the longer one is more specific; an exact key the most. */
    int specificity() {
        return isPrefix() ? text.length() - 1 : Integer.MAX_VALUE;
    }

    @Override
    public String toString() {
        return text;
    }
}
