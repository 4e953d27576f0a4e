package io.eventpipeline.job.topology;

import io.eventpipeline.job.event.PipelineEvent;
import org.apache.flink.api.common.functions.MapFunction;

/**
 * Chained in front of a pattern operator: keeps only the pattern's own condition outcomes on each
 * event ({@link PatternConditions#narrow}). Stateless.
 */
final class NarrowToPattern implements MapFunction<PipelineEvent, PipelineEvent> {
    private static final long serialVersionUID = 1L;

    private final PatternConditions conditions;

    NarrowToPattern(PatternConditions conditions) {
        this.conditions = conditions;
    }

    @Override
    public PipelineEvent map(PipelineEvent event) {
        return conditions.narrow(event);
    }
}
