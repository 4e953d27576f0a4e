package io.eventpipeline.spec.resolved;

import io.eventpipeline.spec.cel.CompiledPattern;
import io.eventpipeline.spec.model.AfterMatchStrategy;
import io.eventpipeline.spec.model.PatternSpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One pattern, resolved: defaults filled in, durations parsed, its CEL compiled and its shape
 * decided.
 *
 * @param index its position in the pipeline
 * @param path where it is written, e.g. {@code spec.patterns[0]}
 * @param name the pattern's name
 * @param steps its steps, in order
 * @param within the time the whole match must fit in; empty: no limit
 * @param afterMatch where matching resumes after a match
 * @param afterMatchStep the step skipToFirst / skipToLast name
 * @param emit the match record's extra fields: name to CEL, ordered by name
 * @param emitTimeouts whether partial matches that expire are emitted
 * @param compiled its compiled CEL
 * @param shape which engine runs it and whether events may be dropped before it
 * @param wire the pattern as written, spec defaults applied: what its state uid hashes ({@link
 *     io.eventpipeline.spec.state.PatternState}), so that savepoints stay readable
 */
public record ResolvedPattern(
        int index,
        String path,
        String name,
        List<ResolvedStep> steps,
        Optional<Duration> within,
        AfterMatchStrategy afterMatch,
        Optional<String> afterMatchStep,
        Map<String, String> emit,
        boolean emitTimeouts,
        CompiledPattern compiled,
        PatternShape shape,
        PatternSpec wire) {

    /** The engine that runs the pattern. */
    public Matcher matcher() {
        return shape.matcher();
    }

    public List<String> stepNames() {
        return steps.stream().map(ResolvedStep::name).toList();
    }

    /** The step at {@code index}. */
    public ResolvedStep step(int index) {
        return steps.get(index);
    }
}
