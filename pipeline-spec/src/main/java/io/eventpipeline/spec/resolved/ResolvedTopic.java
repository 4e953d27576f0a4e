package io.eventpipeline.spec.resolved;

import io.eventpipeline.spec.model.TopicSpec;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One of the pipeline's topics, defaults filled in.
 *
 * @param path where it is written in the spec, e.g. {@code spec.output}
 * @param name the topic's name
 * @param create whether the operator creates it when it is missing
 * @param partitions its partition count; empty: the broker's default
 * @param replicationFactor its replication factor; empty: the broker's default
 * @param config topic configs, ordered by name
 */
public record ResolvedTopic(
        String path,
        String name,
        boolean create,
        Optional<Integer> partitions,
        Optional<Short> replicationFactor,
        Map<String, String> config) {

    public ResolvedTopic {
        config = java.util.Collections.unmodifiableMap(new TreeMap<>(config));
    }

    static ResolvedTopic of(TopicSpec topic, String path) {
        return new ResolvedTopic(
                path,
                topic.getTopic(),
                !Boolean.FALSE.equals(topic.getCreate()),
                Optional.ofNullable(topic.getPartitions()),
                Optional.ofNullable(topic.getReplicationFactor()).map(Integer::shortValue),
                topic.getConfig() == null ? Map.of() : topic.getConfig());
    }
}
