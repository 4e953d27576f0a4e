package io.eventpipeline.job;

import io.eventpipeline.spec.PipelineDefinition;
import io.eventpipeline.spec.validation.InvalidPipelineException;

/** Pipelines for tests that are about patterns: everything but the patterns is fixed. */
public final class TestPipelines {
    private TestPipelines() {}

    /**
     * A pipeline in namespace test reading topic {@code in}, key {@code k}, event time from field
     * {@code t} (epoch millis), writing to {@code out}.
     *
     * @param patterns the {@code spec.patterns} list in YAML, starting at column 0 with "- name:"
     */
    public static PipelineDefinition withPatterns(String name, String patterns)
            throws InvalidPipelineException {
        return PipelineDefinition.parse(
                """
                apiVersion: eventpipeline.io/v1alpha1
                kind: EventPipeline
                metadata: {name: %s, namespace: test}
                spec:
                  input: {topic: in, key: k, timestamp: {field: t}}
                  output: {topic: out}
                  patterns:
                """
                                .formatted(name)
                        + patterns.indent(4));
    }
}
