package io.eventpipeline.spec.resolved;

import io.eventpipeline.spec.Durations;
import io.eventpipeline.spec.PipelineDefinition;
import io.eventpipeline.spec.SpecDefaults;
import io.eventpipeline.spec.cel.CompiledPattern;
import io.eventpipeline.spec.cel.PatternCompiler;
import io.eventpipeline.spec.model.AfterMatchStrategy;
import io.eventpipeline.spec.model.EventPipelineSpec;
import io.eventpipeline.spec.model.PatternSpec;
import io.eventpipeline.spec.model.StepSpec;
import io.eventpipeline.spec.validation.InvalidPipelineException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Turns the wire form into the {@link ResolvedPipeline}: the one place that knows what an absent
 * field means ({@link SpecDefaults}) and how each field is read. Every field of the wire classes is
 * read here; {@code WireFieldsTest} fails when one is added that is not.
 */
final class PipelineResolution {
    private PipelineResolution() {}

    static ResolvedPipeline resolve(PipelineDefinition given, List<CompiledPattern> compiled) {
        EventPipelineSpec spec = SpecDefaults.withDefaults(given.spec());
        PipelineDefinition definition =
                new PipelineDefinition(given.name(), given.namespace(), spec);
        List<ResolvedPattern> patterns = new ArrayList<>();
        for (int i = 0; i < spec.getPatterns().size(); i++) {
            patterns.add(pattern(spec.getPatterns().get(i), i, compiled.get(i)));
        }
        return new ResolvedPipeline(
                definition,
                ResolvedInput.of(spec.getInput()),
                patterns,
                ResolvedTopic.of(spec.getOutput(), "spec.output"),
                ResolvedTopic.of(spec.getDeadLetter(), "spec.deadLetter"),
                spec.getDelivery(),
                spec.getSuspend(),
                spec.getTopicDeletionPolicy(),
                ResolvedKafka.of(spec.getKafka()),
                ResolvedFlink.of(spec.getFlink()));
    }

    static ResolvedPipeline compileAndResolve(PipelineDefinition given)
            throws InvalidPipelineException {
        List<CompiledPattern> compiled = new ArrayList<>();
        List<PatternSpec> patterns = given.spec().getPatterns();
        for (int i = 0; i < patterns.size(); i++) {
            compiled.add(PatternCompiler.compile(patterns.get(i), patternPath(i)));
        }
        return resolve(given, compiled);
    }

    /** How people find pattern {@code index}: {@code spec.patterns[index]}. */
    static String patternPath(int index) {
        return "spec.patterns[" + index + "]";
    }

    private static ResolvedPattern pattern(
            PatternSpec pattern, int index, CompiledPattern compiled) {
        String path = patternPath(index);
        List<ResolvedStep> steps = new ArrayList<>();
        List<StepSpec> written = pattern.getSteps();
        for (int s = 0; s < written.size(); s++) {
            steps.add(ResolvedStep.of(written.get(s), s, path));
        }
        AfterMatchStrategy afterMatch =
                pattern.getAfterMatch() == null
                        ? AfterMatchStrategy.NO_SKIP
                        : pattern.getAfterMatch();
        boolean emitTimeouts = Boolean.TRUE.equals(pattern.getEmitTimeouts());
        Map<String, String> emit =
                pattern.getEmit() == null ? Map.of() : new TreeMap<>(pattern.getEmit());
        return new ResolvedPattern(
                index,
                path,
                pattern.getName(),
                List.copyOf(steps),
                Optional.ofNullable(pattern.getWithin()).map(Durations::parse),
                afterMatch,
                Optional.ofNullable(pattern.getAfterMatchStep()),
                java.util.Collections.unmodifiableMap(emit),
                emitTimeouts,
                compiled,
                PatternShape.of(
                        steps, afterMatch, pattern.getWithin() != null, emitTimeouts, compiled),
                pattern);
    }
}
