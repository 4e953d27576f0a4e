package io.eventpipeline.operator.flink;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as Flink reads them in its configuration ({@code 30 s}, {@code 5 min}, {@code 30000}):
 * a number, optional spaces, an optional unit; no unit means milliseconds.
 */
final class FlinkDurations {
    private static final Pattern SYNTAX = Pattern.compile("^([0-9]+)\\s*([a-zµ]*)$");

    private static final Map<String, ChronoUnit> UNITS =
            Map.ofEntries(
                    Map.entry("", ChronoUnit.MILLIS),
                    Map.entry("d", ChronoUnit.DAYS),
                    Map.entry("day", ChronoUnit.DAYS),
                    Map.entry("days", ChronoUnit.DAYS),
                    Map.entry("h", ChronoUnit.HOURS),
                    Map.entry("hour", ChronoUnit.HOURS),
                    Map.entry("hours", ChronoUnit.HOURS),
                    Map.entry("m", ChronoUnit.MINUTES),
                    Map.entry("min", ChronoUnit.MINUTES),
                    Map.entry("minute", ChronoUnit.MINUTES),
                    Map.entry("minutes", ChronoUnit.MINUTES),
                    Map.entry("s", ChronoUnit.SECONDS),
                    Map.entry("sec", ChronoUnit.SECONDS),
                    Map.entry("secs", ChronoUnit.SECONDS),
                    Map.entry("second", ChronoUnit.SECONDS),
                    Map.entry("seconds", ChronoUnit.SECONDS),
                    Map.entry("ms", ChronoUnit.MILLIS),
                    Map.entry("milli", ChronoUnit.MILLIS),
                    Map.entry("millis", ChronoUnit.MILLIS),
                    Map.entry("millisecond", ChronoUnit.MILLIS),
                    Map.entry("milliseconds", ChronoUnit.MILLIS),
                    Map.entry("us", ChronoUnit.MICROS),
                    Map.entry("µs", ChronoUnit.MICROS),
                    Map.entry("micro", ChronoUnit.MICROS),
                    Map.entry("micros", ChronoUnit.MICROS),
                    Map.entry("microsecond", ChronoUnit.MICROS),
                    Map.entry("microseconds", ChronoUnit.MICROS),
                    Map.entry("ns", ChronoUnit.NANOS),
                    Map.entry("nano", ChronoUnit.NANOS),
                    Map.entry("nanos", ChronoUnit.NANOS),
                    Map.entry("nanosecond", ChronoUnit.NANOS),
                    Map.entry("nanoseconds", ChronoUnit.NANOS));

    private FlinkDurations() {}

    /** The duration, or empty when Flink would not read the text as one. */
    static Optional<Duration> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = SYNTAX.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches() || !UNITS.containsKey(m.group(2))) {
            return Optional.empty();
        }
        try {
            return Optional.of(Duration.of(Long.parseLong(m.group(1)), UNITS.get(m.group(2))));
        } catch (ArithmeticException | NumberFormatException e) {
            return Optional.empty();
        }
    }
}
