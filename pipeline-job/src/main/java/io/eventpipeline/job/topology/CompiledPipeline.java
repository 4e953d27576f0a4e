package io.eventpipeline.job.topology;

import io.eventpipeline.spec.PipelineDefinition;
import io.eventpipeline.spec.SpecDefaults;
import io.eventpipeline.spec.cel.CompiledCondition;
import io.eventpipeline.spec.cel.CompiledPattern;
import io.eventpipeline.spec.cel.PatternCompiler;
import io.eventpipeline.spec.model.EventPipelineSpec;
import io.eventpipeline.spec.validation.InvalidPipelineException;
import io.eventpipeline.spec.validation.PipelineValidator;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A pipeline ready to run: validated by the operator's own validator, spec defaults applied, and
 * every pattern's CEL compiled. Both the deployed job and the {@code test} command start here.
 *
 * @param definition the pipeline, with spec defaults applied
 * @param patterns the compiled CEL of each pattern, by pattern index
 */
public record CompiledPipeline(PipelineDefinition definition, List<CompiledPattern> patterns) {

    /**
     * @throws InvalidPipelineException with every problem the validator finds
     */
    public static CompiledPipeline of(PipelineDefinition definition)
            throws InvalidPipelineException {
        new PipelineValidator().check(definition);
        EventPipelineSpec spec = SpecDefaults.withDefaults(definition.spec());
        List<CompiledPattern> compiled = new ArrayList<>();
        for (int i = 0; i < spec.getPatterns().size(); i++) {
            compiled.add(PatternCompiler.compile(spec.getPatterns().get(i), patternPath(i)));
        }
        return new CompiledPipeline(
                new PipelineDefinition(definition.name(), definition.namespace(), spec),
                List.copyOf(compiled));
    }

    public EventPipelineSpec spec() {
        return definition.spec();
    }

    /** namespace/name: what match ids and consumer groups are scoped by. */
    public String id() {
        return definition.namespace() + "/" + definition.name();
    }

    /**
     * The top-level event fields the pipeline's conditions read, all patterns together; empty when
     * some condition may read any field (see {@link CompiledCondition#eventFields}).
     */
    public Optional<Set<String>> conditionFields() {
        Set<String> fields = new TreeSet<>();
        for (CompiledPattern pattern : patterns) {
            for (int step = 0; step < pattern.stepCount(); step++) {
                List<CompiledCondition> conditions = new ArrayList<>();
                conditions.add(pattern.where(step));
                pattern.until(step).ifPresent(conditions::add);
                for (CompiledCondition condition : conditions) {
                    Optional<Set<String>> read = condition.eventFields();
                    if (read.isEmpty()) {
                        return Optional.empty();
                    }
                    fields.addAll(read.get());
                }
            }
        }
        return Optional.of(fields);
    }

    public static String patternPath(int index) {
        return "spec.patterns[" + index + "]";
    }
}
