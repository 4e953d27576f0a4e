package io.eventpipeline.operator.topics;

import java.util.Map;
import java.util.TreeMap;

/**
 * A Kafka cluster as one set of credentials sees it: pipelines that share bootstrap servers and
 * client settings share one Admin client.
 *
 * @param clientSettings Kafka client settings from the auth Secret, or from the stores and Secret
 *     keys the spec names (empty: none)
 * @param origin where the TLS settings came from, for messages
 */
public record KafkaCluster(
        String bootstrapServers, Map<String, String> clientSettings, CredentialOrigin origin) {
    public KafkaCluster {
        clientSettings = new TreeMap<>(clientSettings);
    }

    /** Settings from an auth Secret, or none. */
    public KafkaCluster(String bootstrapServers, Map<String, String> clientSettings) {
        this(bootstrapServers, clientSettings, CredentialOrigin.AUTH_SECRET);
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
