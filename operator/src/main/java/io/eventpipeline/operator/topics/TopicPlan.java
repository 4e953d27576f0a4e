package io.eventpipeline.operator.topics;

import io.eventpipeline.spec.resolved.ResolvedPipeline;
import io.eventpipeline.spec.resolved.ResolvedTopic;
import java.util.List;

/** The topics a pipeline needs. */
public record TopicPlan(List<DesiredTopic> topics) {

    public static TopicPlan of(ResolvedPipeline pipeline) {
        return new TopicPlan(
                List.of(
                        desired(TopicRole.INPUT, pipeline.input().topic()),
                        desired(TopicRole.OUTPUT, pipeline.output()),
                        desired(TopicRole.DEAD_LETTER, pipeline.deadLetter())));
    }

    public List<String> names() {
        return topics.stream().map(DesiredTopic::name).toList();
    }

    private static DesiredTopic desired(TopicRole role, ResolvedTopic topic) {
        return new DesiredTopic(
                role,
                topic.name(),
                topic.create(),
                topic.partitions(),
                topic.replicationFactor(),
                topic.config());
    }
}
