package io.eventpipeline.spec.validation;

import io.eventpipeline.spec.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** The problems found so far, in the order found, and small checks shared by the rules. */
final class Problems {
    private final List<ValidationProblem> found = new ArrayList<>();

    void add(String path, String message) {
        found.add(new ValidationProblem(path, message));
    }

    void addAll(Collection<ValidationProblem> problems) {
        found.addAll(problems);
    }

    List<ValidationProblem> list() {
        return List.copyOf(found);
    }

    /**
     * Checks an optional duration; returns it, or null when absent or invalid (then reported).
     *
     * @param minimum the smallest allowed value, e.g. {@link Duration#ZERO}
     */
    Duration duration(String path, String text, Duration minimum, String tooSmall) {
        return duration(path, text, minimum, tooSmall, null);
    }

    /**
     * As {@link #duration(String, String, Duration, String)}, and at most {@code maximum} (written
     * as a duration, e.g. {@code 365d}), else reported with {@code why} after "must be at most".
     */
    Duration duration(
            String path, String text, Duration minimum, String tooSmall, DurationBound maximum) {
        if (text == null) {
            return null;
        }
        Duration value;
        try {
            value = Durations.parse(text);
        } catch (IllegalArgumentException e) {
            add(path, e.getMessage());
            return null;
        }
        if (value.compareTo(minimum) < 0) {
            add(path, tooSmall);
            return null;
        }
        if (maximum != null && value.compareTo(maximum.value()) > 0) {
            add(path, "'" + text + "' is too long: must be at most " + maximum.describe());
            return null;
        }
        return value;
    }

    /** True for an explicit {@code true}. */
    static boolean isSet(Boolean flag) {
        return Boolean.TRUE.equals(flag);
    }

    static boolean isBlank(String text) {
        return text == null || text.isBlank();
    }
}
