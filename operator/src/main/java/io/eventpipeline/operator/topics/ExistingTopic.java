package io.eventpipeline.operator.topics;

import java.util.Map;

/**
 * A topic as found on the cluster.
 *
 * @param configs configs set on the topic itself (not broker or static defaults)
 */
public record ExistingTopic(String name, int partitions, Map<String, String> configs) {}
