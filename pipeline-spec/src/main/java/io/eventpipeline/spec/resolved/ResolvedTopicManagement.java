package io.eventpipeline.spec.resolved;

import io.eventpipeline.spec.model.KafkaTopicsSpec;
import io.eventpipeline.spec.model.StrimziSpec;
import io.eventpipeline.spec.model.TopicManagement;
import java.util.Optional;

/**
 * How the pipeline's topics are made.
 *
 * @param strimziCluster the Strimzi Kafka resource's name; present exactly when {@code management}
 *     is {@link TopicManagement#STRIMZI}
 */
public record ResolvedTopicManagement(TopicManagement management, Optional<String> strimziCluster) {
    /** The operator makes the topics through Kafka's Admin API. */
    public static final ResolvedTopicManagement ADMIN =
            new ResolvedTopicManagement(TopicManagement.ADMIN, Optional.empty());

    public static ResolvedTopicManagement strimzi(String cluster) {
        return new ResolvedTopicManagement(TopicManagement.STRIMZI, Optional.of(cluster));
    }

    public boolean strimzi() {
        return management == TopicManagement.STRIMZI;
    }

    /**
     * Absent or admin: the Admin API. Strimzi's cluster is {@code strimziCluster}, else the one the
     * credentials shorthand names (validation refuses strimzi with neither).
     */
    static ResolvedTopicManagement of(KafkaTopicsSpec topics, StrimziSpec credentials) {
        if (topics == null || topics.getManagement() != TopicManagement.STRIMZI) {
            return ADMIN;
        }
        String cluster = topics.getStrimziCluster();
        if (cluster == null && credentials != null) {
            cluster = credentials.getCluster();
        }
        return cluster == null ? ADMIN : strimzi(cluster);
    }
}
