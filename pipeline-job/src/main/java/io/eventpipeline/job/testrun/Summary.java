package io.eventpipeline.job.testrun;

import io.eventpipeline.spec.resolved.ResolvedPattern;
import io.eventpipeline.spec.resolved.ResolvedPipeline;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The last line {@code test} prints on stderr: matches per pattern and refused lines per reason, so
 * that a run printing no match still says what happened; and a warning for a pattern that matched
 * nothing, whose usual cause is a field name its conditions misspell (a missing field makes a
 * condition false, silently).
 */
final class Summary {
    private final Map<String, Integer> matches = new LinkedHashMap<>();
    private final Map<String, Integer> refused = new TreeMap<>();

    Summary(ResolvedPipeline pipeline) {
        for (ResolvedPattern pattern : pipeline.patterns()) {
            matches.put(pattern.name(), 0);
        }
    }

    void count(TestRunOutput result) {
        if (result.match != null) {
            matches.merge(result.match.pattern, 1, Integer::sum);
        } else {
            String kind = result.deadLetter.kind;
            refused.merge(kind == null ? "other" : kind, 1, Integer::sum);
        }
    }

    void print(PrintStream err) {
        int total = matches.values().stream().mapToInt(Integer::intValue).sum();
        int refusedLines = refused.values().stream().mapToInt(Integer::intValue).sum();
        err.println(
                "test: "
                        + total
                        + (total == 1 ? " match" : " matches")
                        + " ("
                        + joined(matches)
                        + "); "
                        + refusedLines
                        + (refusedLines == 1 ? " line refused" : " lines refused")
                        + (refused.isEmpty() ? "" : " (" + joined(refused) + ")"));
        matches.forEach(
                (pattern, count) -> {
                    if (count == 0) {
                        err.println(
                                "test: warning: pattern "
                                        + pattern
                                        + " matched nothing; check the field names its"
                                        + " conditions read (a missing field makes a condition"
                                        + " false)");
                    }
                });
    }

    private static String joined(Map<String, Integer> counts) {
        return counts.entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining(", "));
    }
}
