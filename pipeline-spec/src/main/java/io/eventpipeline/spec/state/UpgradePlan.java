package io.eventpipeline.spec.state;

import io.eventpipeline.spec.PipelineJson;
import io.eventpipeline.spec.model.PatternSpec;
import io.eventpipeline.spec.model.StartFrom;
import io.eventpipeline.spec.resolved.ResolvedPattern;
import io.eventpipeline.spec.state.PatternVerdict.Outcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What upgrading a running job from one version of its pipeline to another keeps: per pattern,
 * whether its partial matches carry over (and why not), and whether the source goes on from its
 * saved offsets. It is read off the same uids the job files its state under ({@link PatternState}),
 * so it says what Flink will restore, not what we hope it will.
 *
 * <p>Rules: a pattern keeps its state exactly when its uid is unchanged; a changed input topic
 * starts reading at {@code startFrom} (the job drops the old topic's offsets); a {@code stateless}
 * upgrade keeps nothing.
 *
 * @param patterns the new version's patterns in order, then the removed ones
 */
public record UpgradePlan(List<PatternVerdict> patterns, SourceVerdict source) {

    /**
     * @param stateless whether the upgrade runs without a savepoint (upgradeMode stateless before
     *     or after)
     */
    public static UpgradePlan of(JobState before, JobState after, boolean stateless) {
        List<PatternVerdict> verdicts = new ArrayList<>();
        for (PatternState pattern : after.patterns()) {
            Optional<PatternState> old = before.pattern(pattern.pattern());
            if (old.isEmpty()) {
                verdicts.add(verdict(pattern, Outcome.NEW, "no such pattern before"));
            } else if (stateless) {
                verdicts.add(verdict(pattern, Outcome.STARTS_FRESH, "upgradeMode is stateless"));
            } else if (old.get().uid().equals(pattern.uid())) {
                verdicts.add(verdict(pattern, Outcome.KEPT, keptReason(before, after, pattern)));
            } else {
                verdicts.add(
                        verdict(
                                pattern,
                                Outcome.STARTS_FRESH,
                                freshReason(before, after, old.get(), pattern)));
            }
        }
        for (PatternState old : before.patterns()) {
            if (after.pattern(old.pattern()).isEmpty()) {
                verdicts.add(verdict(old, Outcome.REMOVED, "its state is dropped"));
            }
        }
        return new UpgradePlan(List.copyOf(verdicts), source(before, after, stateless));
    }

    /** One line per pattern, then the source's line. */
    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        patterns.forEach(p -> lines.add("pattern " + p.describe()));
        lines.add(source.describe());
        return lines;
    }

    /** Whether every existing pattern and the source keep their state. */
    public boolean keepsAll() {
        return source.offsetsKept()
                && patterns.stream()
                        .allMatch(p -> p.outcome() == Outcome.KEPT || p.outcome() == Outcome.NEW);
    }

    private static PatternVerdict verdict(PatternState pattern, Outcome outcome, String reason) {
        return new PatternVerdict(pattern.pattern(), outcome, reason);
    }

    private static String keptReason(JobState before, JobState after, PatternState pattern) {
        ResolvedPattern old = before.resolvedPattern(pattern.pattern()).orElseThrow();
        ResolvedPattern now = after.resolvedPattern(pattern.pattern()).orElseThrow();
        List<String> changed = new ArrayList<>();
        if (!old.emit().equals(now.emit())) {
            changed.add("emit");
        }
        if (old.emitTimeouts() != now.emitTimeouts()) {
            changed.add("emitTimeouts");
        }
        return changed.isEmpty()
                ? "unchanged"
                : String.join(" and ", changed) + " changed, which only completed matches read";
    }

    private static String freshReason(
            JobState before, JobState after, PatternState old, PatternState now) {
        if (old.matcher() != now.matcher()) {
            return "it moves from "
                    + old.matcher().description()
                    + " to "
                    + now.matcher().description()
                    + now.whyCep().map(why -> " (" + why + ")").orElse("");
        }
        if (!Objects.equals(before.keyPath(), after.keyPath())) {
            return "the key changed from " + before.keyPath() + " to " + after.keyPath();
        }
        PatternSpec oldSpec = before.resolvedPattern(old.pattern()).orElseThrow().wire();
        PatternSpec newSpec = after.resolvedPattern(now.pattern()).orElseThrow().wire();
        List<String> changed = new ArrayList<>();
        // Compared as written, as the uid hashes them: 60m and 1h are different uids.
        if (!PipelineJson.toJson(oldSpec.getSteps())
                .equals(PipelineJson.toJson(newSpec.getSteps()))) {
            changed.add("its steps");
        }
        if (!Objects.equals(oldSpec.getWithin(), newSpec.getWithin())) {
            changed.add("within (" + oldSpec.getWithin() + " -> " + newSpec.getWithin() + ")");
        }
        if (oldSpec.getAfterMatch() != newSpec.getAfterMatch()
                || !Objects.equals(oldSpec.getAfterMatchStep(), newSpec.getAfterMatchStep())) {
            changed.add("afterMatch");
        }
        if (changed.isEmpty()) {
            // Same matching definition, different uid: the running job came from an earlier
            // operator whose uids also hashed emit.
            return "the running job files pattern state as an earlier operator version did";
        }
        return String.join(" and ", changed) + " changed";
    }

    private static SourceVerdict source(JobState before, JobState after, boolean stateless) {
        StartFrom startFrom = after.pipeline().input().startFrom();
        String restart = "restart at " + startFrom.yamlName();
        if (stateless) {
            return new SourceVerdict(false, restart + " (upgradeMode is stateless)");
        }
        if (!before.inputTopic().equals(after.inputTopic())) {
            return new SourceVerdict(
                    false,
                    restart
                            + " (the input topic changed from "
                            + before.inputTopic()
                            + " to "
                            + after.inputTopic()
                            + ")");
        }
        String servers = bootstrap(before);
        if (!Objects.equals(servers, bootstrap(after))) {
            return new SourceVerdict(
                    true,
                    "kept (bootstrapServers changed; the saved offsets are used as they are, so"
                            + " the new servers must reach the same cluster)");
        }
        return new SourceVerdict(true, "kept");
    }

    private static String bootstrap(JobState state) {
        return state.pipeline().kafka().bootstrapServers().orElse(null);
    }
}
