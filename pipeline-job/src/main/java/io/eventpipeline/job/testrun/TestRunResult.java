package io.eventpipeline.job.testrun;

import io.eventpipeline.job.match.MatchOutput;
import io.eventpipeline.job.topology.DeadLetter;
import java.util.Comparator;
import java.util.List;

/**
 * What a test run found, in the order the {@code test} command prints it: matches by end time, then
 * pattern name, then match id; dead letters by line.
 */
public record TestRunResult(List<MatchOutput> matches, List<DeadLetter> deadLetters) {
    public static final Comparator<MatchOutput> MATCH_ORDER =
            Comparator.comparingLong((MatchOutput m) -> m.end)
                    .thenComparing(m -> m.pattern)
                    .thenComparing(m -> m.matchId);

    public TestRunResult {
        matches = matches.stream().sorted(MATCH_ORDER).toList();
        deadLetters =
                deadLetters.stream()
                        .sorted(Comparator.comparingLong((DeadLetter d) -> d.offset))
                        .toList();
    }

    /** The match records, one JSON line each, in output order. */
    public List<String> matchLines() {
        return matches.stream().map(MatchOutput::json).toList();
    }
}
