package io.eventpipeline.spec.resolved;

import io.eventpipeline.spec.PipelineDefinition;
import io.eventpipeline.spec.cel.CompiledCondition;
import io.eventpipeline.spec.cel.CompiledPattern;
import io.eventpipeline.spec.model.Delivery;
import io.eventpipeline.spec.model.EventPipelineSpec;
import io.eventpipeline.spec.model.TopicDeletionPolicy;
import io.eventpipeline.spec.validation.InvalidPipelineException;
import io.eventpipeline.spec.validation.PipelineValidator;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A pipeline as the operator and the job work with it: validated, every default filled in,
 * durations parsed, CEL compiled, each pattern's shape decided, each element knowing where it is
 * written. The spec classes ({@code spec.model}) are only the wire format; this is read everywhere
 * else. Adding a spec field means: the wire class, {@link PipelineResolution}, and the consumer.
 *
 * @param definition the pipeline as written, spec defaults applied: what the job's arguments carry
 *     and what savepoint uids hash
 * @param input the input topic, key and event time
 * @param patterns the patterns, in order
 * @param output the topic matches go to
 * @param deadLetter the topic events that cannot be matched go to
 * @param delivery the delivery guarantee of match records
 * @param suspend whether the job is suspended
 * @param topicDeletionPolicy what deleting the pipeline does to the topics it created
 * @param kafka the Kafka cluster
 * @param flink what the spec decides about the job's Flink settings
 */
public record ResolvedPipeline(
        PipelineDefinition definition,
        ResolvedInput input,
        List<ResolvedPattern> patterns,
        ResolvedTopic output,
        ResolvedTopic deadLetter,
        Delivery delivery,
        boolean suspend,
        TopicDeletionPolicy topicDeletionPolicy,
        ResolvedKafka kafka,
        ResolvedFlink flink) {

    public ResolvedPipeline {
        patterns = List.copyOf(patterns);
    }

    /**
     * Validates and resolves a pipeline.
     *
     * @throws InvalidPipelineException with every problem the validator finds
     */
    public static ResolvedPipeline resolve(PipelineDefinition definition)
            throws InvalidPipelineException {
        PipelineValidator.Validated validated =
                new PipelineValidator().validateCompiling(definition);
        if (!validated.valid()) {
            throw new InvalidPipelineException(validated.problems());
        }
        return PipelineResolution.resolve(definition, validated.patterns());
    }

    /**
     * Resolves a pipeline the validator accepted, with the CEL it compiled.
     *
     * @param compiled {@link PipelineValidator#validateCompiling}'s patterns for this definition
     */
    public static ResolvedPipeline of(
            PipelineDefinition definition, List<CompiledPattern> compiled) {
        return PipelineResolution.resolve(definition, compiled);
    }

    /**
     * Resolves a pipeline without validating it, e.g. the one a running job was started with.
     *
     * @throws InvalidPipelineException when a pattern's CEL does not compile
     */
    public static ResolvedPipeline ofUnvalidated(PipelineDefinition definition)
            throws InvalidPipelineException {
        return PipelineResolution.compileAndResolve(definition);
    }

    public String name() {
        return definition.name();
    }

    public String namespace() {
        return definition.namespace();
    }

    /** namespace/name: what match ids and consumer groups are scoped by. */
    public String id() {
        return definition.namespace() + "/" + definition.name();
    }

    /** The wire form, spec defaults applied. */
    public EventPipelineSpec spec() {
        return definition.spec();
    }

    /** The input, output and dead-letter topics, in that order. */
    public List<ResolvedTopic> topics() {
        return List.of(input.topic(), output, deadLetter);
    }

    /**
     * The top-level event fields the pipeline's conditions read, all patterns together; empty when
     * some condition may read any field (see {@link CompiledCondition#eventFields}).
     */
    public Optional<Set<String>> conditionFields() {
        Set<String> fields = new TreeSet<>();
        for (ResolvedPattern pattern : patterns) {
            CompiledPattern compiled = pattern.compiled();
            for (int step = 0; step < compiled.stepCount(); step++) {
                List<CompiledCondition> conditions = new ArrayList<>();
                conditions.add(compiled.where(step));
                compiled.until(step).ifPresent(conditions::add);
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
}
