package io.eventpipeline.operator.topics;

import io.eventpipeline.spec.model.EventPipelineSpec;
import io.eventpipeline.spec.model.TopicSpec;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The topics a pipeline needs, derived from its spec (defaults already applied). */
public record TopicPlan(List<DesiredTopic> topics) {

    public static TopicPlan of(EventPipelineSpec spec) {
        return new TopicPlan(
                List.of(
                        desired(TopicRole.INPUT, spec.getInput()),
                        desired(TopicRole.OUTPUT, spec.getOutput()),
                        desired(TopicRole.DEAD_LETTER, spec.getDeadLetter())));
    }

    public List<String> names() {
        return topics.stream().map(DesiredTopic::name).toList();
    }

    private static DesiredTopic desired(TopicRole role, TopicSpec topic) {
        Map<String, String> config =
                topic.getConfig() == null ? Map.of() : new TreeMap<>(topic.getConfig());
        return new DesiredTopic(
                role,
                topic.getTopic(),
                !Boolean.FALSE.equals(topic.getCreate()),
                Optional.ofNullable(topic.getPartitions()),
                Optional.ofNullable(topic.getReplicationFactor()).map(Integer::shortValue),
                config);
    }
}
