package io.eventpipeline.spec.state;

import io.eventpipeline.spec.PipelineDefinition;
import io.eventpipeline.spec.SpecDefaults;
import io.eventpipeline.spec.cel.PatternCompiler;
import io.eventpipeline.spec.model.EventPipelineSpec;
import io.eventpipeline.spec.model.PatternSpec;
import io.eventpipeline.spec.validation.InvalidPipelineException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The state a pipeline's job keeps in savepoints, as upgrades see it: each pattern's {@link
 * PatternState} and what the Kafka source's offsets belong to (the input topic).
 *
 * @param spec the pipeline's spec, spec defaults applied
 * @param patterns by pattern index
 */
public record JobState(EventPipelineSpec spec, List<PatternState> patterns) {

    /**
     * @param definition a valid pipeline
     * @throws InvalidPipelineException when a pattern's CEL does not compile
     */
    public static JobState of(PipelineDefinition definition) throws InvalidPipelineException {
        return of(definition, false);
    }

    /**
     * The state of a job an earlier operator rendered (arguments {@code --pipeline-base64}), whose
     * pattern uids hashed the whole pattern ({@link PatternState#legacyUid}).
     */
    public static JobState ofEarlierJob(PipelineDefinition definition)
            throws InvalidPipelineException {
        return of(definition, true);
    }

    private static JobState of(PipelineDefinition definition, boolean legacy)
            throws InvalidPipelineException {
        EventPipelineSpec spec = SpecDefaults.withDefaults(definition.spec());
        String key = spec.getInput().getKey();
        List<PatternState> patterns = new ArrayList<>();
        for (int i = 0; i < spec.getPatterns().size(); i++) {
            PatternSpec pattern = spec.getPatterns().get(i);
            PatternState state =
                    PatternState.of(
                            pattern,
                            PatternCompiler.compile(pattern, "spec.patterns[" + i + "]"),
                            key);
            if (legacy) {
                state =
                        new PatternState(
                                state.pattern(),
                                state.matcher(),
                                state.whyCep(),
                                PatternState.legacyUid(pattern, key, state.matcher()));
            }
            patterns.add(state);
        }
        return new JobState(spec, List.copyOf(patterns));
    }

    /** The state of the pattern named {@code name}. */
    public Optional<PatternState> pattern(String name) {
        return patterns.stream().filter(p -> p.pattern().equals(name)).findFirst();
    }

    /** The spec of the pattern named {@code name}. */
    Optional<PatternSpec> patternSpec(String name) {
        return spec.getPatterns().stream().filter(p -> p.getName().equals(name)).findFirst();
    }

    public String inputTopic() {
        return spec.getInput().getTopic();
    }

    public String keyPath() {
        return spec.getInput().getKey();
    }
}
