package io.eventpipeline.operator.topics;

import io.eventpipeline.spec.KafkaAuthSettings;
import io.eventpipeline.spec.resolved.ResolvedKafka;
import io.eventpipeline.spec.resolved.ResolvedPipeline;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * Finds the cluster and credentials a resolved pipeline's topics live on: the settings of its auth
 * Secret, or its stores and SASL Secret keys read into memory ({@link StoreSettings}).
 */
public final class KafkaClusterResolver {
    private final KubernetesClient client;

    public KafkaClusterResolver(KubernetesClient client) {
        this.client = client;
    }

    public KafkaCluster resolve(ResolvedPipeline pipeline) {
        ResolvedKafka kafka = pipeline.kafka();
        String bootstrap = kafka.bootstrapServers().orElseThrow();
        CredentialSecrets secrets = new CredentialSecrets(client, pipeline.namespace());
        if (kafka.authSecretName().isPresent()) {
            Map<String, String> data = new TreeMap<>();
            secrets.data(kafka.authSecretName().get(), "spec.kafka.authSecretRef")
                    .forEach((k, v) -> data.put(k, new String(v, StandardCharsets.UTF_8)));
            return new KafkaCluster(bootstrap, KafkaAuthSettings.fromSecretData(data));
        }
        return new KafkaCluster(
                bootstrap, StoreSettings.of(kafka, secrets), CredentialOrigin.of(kafka));
    }
}
