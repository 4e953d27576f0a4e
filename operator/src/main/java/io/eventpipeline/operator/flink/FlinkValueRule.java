package io.eventpipeline.operator.flink;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** What an allowed Flink setting's value must look like; the problem, or empty when it fits. */
@FunctionalInterface
interface FlinkValueRule {
    Optional<String> problem(String value);

    /** A URI with a scheme: Flink would resolve a bare path against the pod's local disk. */
    Pattern URI = Pattern.compile("[a-zA-Z][a-zA-Z0-9+.-]*://\\S+");

    static FlinkValueRule text() {
        return value -> Optional.empty();
    }

    static FlinkValueRule uri() {
        return value ->
                URI.matcher(value.trim()).matches()
                        ? Optional.empty()
                        : Optional.of(
                                quoted(value)
                                        + " must be a URI with a scheme, e.g."
                                        + " s3://flink-state/team-a/checkpoints");
    }

    /** A Flink duration; zero allowed. */
    static FlinkValueRule duration() {
        return value ->
                FlinkDurations.parse(value).isPresent()
                        ? Optional.empty()
                        : Optional.of(notADuration(value));
    }

    /**
     * @param whyNotZero what zero would do, for the message
     */
    static FlinkValueRule positiveDuration(String whyNotZero) {
        return value -> {
            Optional<Duration> parsed = FlinkDurations.parse(value);
            if (parsed.isEmpty()) {
                return Optional.of(notADuration(value));
            }
            return parsed.get().isZero()
                    ? Optional.of(quoted(value) + " must be more than 0: " + whyNotZero)
                    : Optional.empty();
        };
    }

    static FlinkValueRule wholeNumber(int min) {
        return value -> {
            try {
                if (Integer.parseInt(value.trim()) >= min) {
                    return Optional.empty();
                }
            } catch (NumberFormatException e) {
                // named below
            }
            return Optional.of(quoted(value) + " must be a whole number of at least " + min);
        };
    }

    /** A fraction Flink accepts for a memory component: from 0 up to, not including, 1. */
    static FlinkValueRule fraction() {
        return value -> {
            try {
                BigDecimal number = new BigDecimal(value.trim());
                if (number.signum() >= 0 && number.compareTo(BigDecimal.ONE) < 0) {
                    return Optional.empty();
                }
            } catch (NumberFormatException e) {
                // named below
            }
            return Optional.of(quoted(value) + " must be a number from 0 up to 1 (e.g. 0.4)");
        };
    }

    static FlinkValueRule oneOf(String... choices) {
        Set<String> allowed =
                Arrays.stream(choices)
                        .map(c -> c.toLowerCase(Locale.ROOT))
                        .collect(Collectors.toSet());
        return value ->
                allowed.contains(value.trim().toLowerCase(Locale.ROOT))
                        ? Optional.empty()
                        : Optional.of(
                                quoted(value) + " must be one of " + String.join(", ", choices));
    }

    static FlinkValueRule bool() {
        return oneOf("true", "false");
    }

    private static String notADuration(String value) {
        return quoted(value) + " is not a duration Flink reads (e.g. 30 s, 5 min, 200 ms)";
    }

    private static String quoted(String value) {
        return "'" + value + "'";
    }
}
