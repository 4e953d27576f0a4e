package io.eventpipeline.spec.resolved;

import io.eventpipeline.spec.model.KafkaConnectionSpec;
import io.eventpipeline.spec.model.SecretReference;
import java.util.Optional;

/**
 * The Kafka cluster holding the pipeline's topics.
 *
 * @param bootstrapServers its bootstrap servers; empty only before the operator filled in its
 *     default cluster (the {@code test} command needs none)
 * @param authSecretName the Secret in the pipeline's namespace holding its client credentials
 * @param topics how the topics are made (the operator's default already filled in)
 */
public record ResolvedKafka(
        Optional<String> bootstrapServers,
        Optional<String> authSecretName,
        ResolvedTopicManagement topics) {

    static ResolvedKafka of(KafkaConnectionSpec kafka) {
        if (kafka == null) {
            return new ResolvedKafka(
                    Optional.empty(), Optional.empty(), ResolvedTopicManagement.ADMIN);
        }
        return new ResolvedKafka(
                Optional.ofNullable(kafka.getBootstrapServers()).filter(s -> !s.isBlank()),
                Optional.ofNullable(kafka.getAuthSecretRef()).map(SecretReference::getName),
                ResolvedTopicManagement.of(kafka.getTopics()));
    }
}
