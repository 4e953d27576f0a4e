package io.eventpipeline.spec;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as users write them in an EventPipeline: one or more number-unit pairs, units ms, s, m,
 * h, d (e.g. {@code 500ms}, {@code 30s}, {@code 1h30m}), the way Kubernetes and Flink users already
 * write them.
 */
public final class Durations {
    /** The accepted syntax, also used as the CRD's pattern. */
    public static final String SYNTAX = "^([0-9]+(ms|s|m|h|d))+$";

    private static final Pattern WHOLE = Pattern.compile(SYNTAX);
    private static final Pattern PART = Pattern.compile("([0-9]+)(ms|s|m|h|d)");

    private Durations() {}

    /**
     * Parses a duration.
     *
     * @throws IllegalArgumentException with a message fit to show the user
     */
    public static Duration parse(String text) {
        if (text == null || !WHOLE.matcher(text).matches()) {
            throw new IllegalArgumentException(
                    "'"
                            + text
                            + "' is not a duration (expected e.g. 500ms, 30s, 5m, 2h, 1d, 1h30m)");
        }
        Duration total = Duration.ZERO;
        Matcher part = PART.matcher(text);
        try {
            while (part.find()) {
                long amount = Long.parseLong(part.group(1));
                total =
                        total.plus(
                                switch (part.group(2)) {
                                    case "ms" -> Duration.ofMillis(amount);
                                    case "s" -> Duration.ofSeconds(amount);
                                    case "m" -> Duration.ofMinutes(amount);
                                    case "h" -> Duration.ofHours(amount);
                                    default -> Duration.ofDays(amount);
                                });
            }
        } catch (ArithmeticException | NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is too long a duration");
        }
        return total;
    }

    /** Parses a duration that may be absent, giving {@code fallback} when it is. */
    public static Duration parseOr(String text, Duration fallback) {
        return text == null ? fallback : parse(text);
    }
}
