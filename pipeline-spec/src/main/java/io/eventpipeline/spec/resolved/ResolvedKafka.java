package io.eventpipeline.spec.resolved;

import io.eventpipeline.spec.model.KafkaConnectionSpec;
import io.eventpipeline.spec.model.SecretReference;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The Kafka cluster holding the pipeline's topics.
 *
 * @param bootstrapServers its bootstrap servers; empty only before the operator filled in its
 *     default cluster (the {@code test} command needs none)
 * @param authSecretName the Secret in the pipeline's namespace holding its client credentials
 */
public record ResolvedKafka(Optional<String> bootstrapServers, Optional<String> authSecretName) {

    /**
     * Every Secret (in the pipeline's namespace) the Kafka connection reads credentials from,
     * sorted and without repeats: a change of any of them is a change of the job's credentials.
     */
    public List<String> referencedSecretNames() {
        TreeSet<String> names = new TreeSet<>();
        authSecretName.ifPresent(names::add);
        return List.copyOf(names);
    }

    static ResolvedKafka of(KafkaConnectionSpec kafka) {
        if (kafka == null) {
            return new ResolvedKafka(Optional.empty(), Optional.empty());
        }
        return new ResolvedKafka(
                Optional.ofNullable(kafka.getBootstrapServers()).filter(s -> !s.isBlank()),
                Optional.ofNullable(kafka.getAuthSecretRef()).map(SecretReference::getName));
    }
}
