package io.eventpipeline.operator.topics;

import java.util.Map;
import java.util.Optional;

/**
 * A topic as the spec wants it.
 *
 * @param create whether the operator may create and alter it
 * @param partitions absent: the broker's default
 * @param replicationFactor absent: the broker's default
 * @param config topic configs the operator keeps in place (sorted)
 */
public record DesiredTopic(
        TopicRole role,
        String name,
        boolean create,
        Optional<Integer> partitions,
        Optional<Short> replicationFactor,
        Map<String, String> config) {}
