package io.eventpipeline.operator.config;

import io.eventpipeline.spec.model.KafkaTopicsSpec;
import io.eventpipeline.spec.resolved.ResolvedTopicManagement;
import java.util.Optional;

/**
 * The operator-wide default of spec.kafka.topics, from EP_KAFKA_TOPIC_MANAGEMENT and
 * EP_KAFKA_STRIMZI_CLUSTER. A mistake stops the operator at start, naming the variable: a default
 * that cannot work would otherwise fail every pipeline on the default cluster.
 */
final class DefaultTopicManagement {
    private DefaultTopicManagement() {}

    static ResolvedTopicManagement read(Optional<String> management, Optional<String> cluster) {
        String mode = management.orElse("admin");
        switch (mode) {
            case "admin" -> {
                if (cluster.isPresent()) {
                    throw new IllegalArgumentException(
                            "EP_KAFKA_STRIMZI_CLUSTER applies only when EP_KAFKA_TOPIC_MANAGEMENT"
                                    + " is strimzi");
                }
                return ResolvedTopicManagement.ADMIN;
            }
            case "strimzi" -> {
                String name =
                        cluster.orElseThrow(
                                () ->
                                        new IllegalArgumentException(
                                                "EP_KAFKA_STRIMZI_CLUSTER is required when"
                                                        + " EP_KAFKA_TOPIC_MANAGEMENT is strimzi:"
                                                        + " the name of the Strimzi Kafka"
                                                        + " resource"));
                if (name.length() > KafkaTopicsSpec.CLUSTER_NAME_MAX
                        || !name.matches(KafkaTopicsSpec.CLUSTER_NAME_SYNTAX)) {
                    throw new IllegalArgumentException(
                            "EP_KAFKA_STRIMZI_CLUSTER: '"
                                    + name
                                    + "' is not a Strimzi Kafka resource name (a DNS-1123 label of"
                                    + " at most 63 characters)");
                }
                return ResolvedTopicManagement.strimzi(name);
            }
            default ->
                    throw new IllegalArgumentException(
                            "EP_KAFKA_TOPIC_MANAGEMENT: expected admin or strimzi, got '"
                                    + mode
                                    + "'");
        }
    }
}
