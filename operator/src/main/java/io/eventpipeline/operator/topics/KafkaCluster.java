package io.eventpipeline.operator.topics;

import java.util.Map;
import java.util.TreeMap;

/**
 * A Kafka cluster as one set of credentials sees it: pipelines that share bootstrap servers and
 * client settings share one Admin client.
 *
 * @param clientSettings Kafka client settings from the auth Secret (empty: none)
 */
public record KafkaCluster(String bootstrapServers, Map<String, String> clientSettings) {
    public KafkaCluster {
        clientSettings = new TreeMap<>(clientSettings);
    }

    /** For logs and messages: never shows credentials. */
    @Override
    public String toString() {
        return bootstrapServers
                + (clientSettings.isEmpty()
                        ? ""
                        : " (" + clientSettings.getOrDefault("security.protocol", "auth") + ")");
    }
}
