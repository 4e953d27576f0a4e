package io.eventpipeline.spec.state;

import io.eventpipeline.spec.PipelineDefinition;
import io.eventpipeline.spec.resolved.MatcherRules;
import io.eventpipeline.spec.resolved.ResolvedPattern;
import io.eventpipeline.spec.resolved.ResolvedPipeline;
import io.eventpipeline.spec.validation.InvalidPipelineException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The state a pipeline's job keeps in savepoints, as upgrades see it: each pattern's {@link
 * PatternState} and what the Kafka source's offsets belong to (the input topic).
 *
 * @param pipeline the resolved pipeline
 * @param patterns by pattern index
 */
public record JobState(ResolvedPipeline pipeline, List<PatternState> patterns) {

    /** The state the job of {@code pipeline} keeps. */
    public static JobState of(ResolvedPipeline pipeline) {
        return of(pipeline, MatcherRules.CURRENT);
    }

    /** The state a job of {@code rules} running {@code pipeline} keeps. */
    public static JobState of(ResolvedPipeline pipeline, MatcherRules rules) {
        List<PatternState> patterns = new ArrayList<>();
        for (ResolvedPattern pattern : pipeline.patterns()) {
            patterns.add(PatternState.of(pattern, pipeline.input().keyPath(), rules));
        }
        return new JobState(pipeline, List.copyOf(patterns));
    }

    /**
     * The state of a job started from {@code definition} by this operator version.
     *
     * @throws InvalidPipelineException when a pattern's CEL does not compile
     */
    public static JobState of(PipelineDefinition definition) throws InvalidPipelineException {
        return of(definition, MatcherRules.CURRENT);
    }

    /**
     * The state of a job of {@code rules} started from {@code definition}.
     *
     * @throws InvalidPipelineException when a pattern's CEL does not compile
     */
    public static JobState of(PipelineDefinition definition, MatcherRules rules)
            throws InvalidPipelineException {
        return of(ResolvedPipeline.ofUnvalidated(definition), rules);
    }

    /**
     * The state of a job an earlier operator rendered (arguments {@code --pipeline-base64}), whose
     * pattern uids hashed the whole pattern ({@link PatternState#legacyUid}) and whose matcher
     * rules were {@link MatcherRules#SIMPLE_SEQUENCES}.
     */
    public static JobState ofEarlierJob(PipelineDefinition definition)
            throws InvalidPipelineException {
        ResolvedPipeline pipeline = ResolvedPipeline.ofUnvalidated(definition);
        String key = pipeline.input().keyPath();
        List<PatternState> patterns = new ArrayList<>();
        for (ResolvedPattern pattern : pipeline.patterns()) {
            PatternState state = PatternState.of(pattern, key, MatcherRules.SIMPLE_SEQUENCES);
            patterns.add(
                    new PatternState(
                            state.pattern(),
                            state.matcher(),
                            state.whyCep(),
                            PatternState.legacyUid(pattern, key, state.matcher())));
        }
        return new JobState(pipeline, List.copyOf(patterns));
    }

    /** The state of the pattern named {@code name}. */
    public Optional<PatternState> pattern(String name) {
        return patterns.stream().filter(p -> p.pattern().equals(name)).findFirst();
    }

    /** The resolved pattern named {@code name}. */
    Optional<ResolvedPattern> resolvedPattern(String name) {
        return pipeline.patterns().stream().filter(p -> p.name().equals(name)).findFirst();
    }

    public String inputTopic() {
        return pipeline.input().topic().name();
    }

    public String keyPath() {
        return pipeline.input().keyPath();
    }
}
