package io.eventpipeline.spec.validation;

import io.eventpipeline.spec.PipelineDefinition;
import io.eventpipeline.spec.cel.CompiledPattern;
import io.eventpipeline.spec.model.EventPipelineSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks what a parsed EventPipeline means: names, topics, durations, the Flink CEP rules of each
 * pattern, and that every CEL expression compiles and type-checks. It reports every problem at
 * once, each with the path of its field from the resource root (e.g. {@code
 * spec.patterns[1].steps[0].where}); a spec it accepts can be deployed and its job built. Stateless
 * and thread-safe.
 */
public final class PipelineValidator {

    /** Every problem of the definition; empty when it is valid. */
    public List<ValidationProblem> validate(PipelineDefinition definition) {
        return validateCompiling(definition).problems();
    }

    /**
     * Every problem of the definition, and the CEL it compiled on the way: resolving a valid
     * pipeline needs it, and compiling is most of what validating costs.
     */
    public Validated validateCompiling(PipelineDefinition definition) {
        Problems problems = new Problems();
        checkMetadata(definition, problems);
        EventPipelineSpec spec = definition.spec();
        List<CompiledPattern> compiled = new ArrayList<>();
        if (spec == null) {
            problems.add("spec", "is required");
            return new Validated(problems.list(), List.of());
        }
        TopicRules.check(spec, problems);
        PatternRules.check(spec.getPatterns(), problems, compiled);
        FlinkRules.check(spec.getFlink(), problems);
        return new Validated(
                List.copyOf(problems.list()),
                problems.list().isEmpty() ? List.copyOf(compiled) : List.of());
    }

    /**
     * A verdict.
     *
     * @param problems every problem; empty when valid
     * @param patterns each pattern's compiled CEL, by index; empty unless valid
     */
    public record Validated(List<ValidationProblem> problems, List<CompiledPattern> patterns) {
        public boolean valid() {
            return problems.isEmpty();
        }
    }

    /**
     * Validates and throws when anything is wrong.
     *
     * @throws InvalidPipelineException with every problem
     */
    public void check(PipelineDefinition definition) throws InvalidPipelineException {
        List<ValidationProblem> problems = validate(definition);
        if (!problems.isEmpty()) {
            throw new InvalidPipelineException(problems);
        }
    }

    private static void checkMetadata(PipelineDefinition definition, Problems problems) {
        String name = definition.name();
        if (name == null || name.isEmpty()) {
            problems.add("metadata.name", "is required");
        } else if (!Names.FLINK_DEPLOYMENT_NAME.matcher(name).matches()) {
            problems.add(
                    "metadata.name",
                    "'"
                            + name
                            + "' cannot name the pipeline's FlinkDeployment: use lowercase"
                            + " letters, digits and '-', start with a letter, end with a letter or"
                            + " digit, at most "
                            + Names.FLINK_DEPLOYMENT_NAME_MAX
                            + " characters (the Flink Kubernetes Operator's rule)");
        }
        String namespace = definition.namespace();
        if (namespace != null
                && (namespace.length() > Names.DNS_LABEL_MAX
                        || !Names.DNS_LABEL.matcher(namespace).matches())) {
            problems.add(
                    "metadata.namespace",
                    "'" + namespace + "' is not a Kubernetes namespace name (DNS-1123 label)");
        }
    }
}
