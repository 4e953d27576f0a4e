package io.eventpipeline.operator.topics;

import io.eventpipeline.spec.KafkaAuthSettings;
import io.eventpipeline.spec.resolved.ResolvedPipeline;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;

/** Finds the cluster and credentials a resolved pipeline's topics live on. */
public final class KafkaClusterResolver {
    private final KubernetesClient client;

    public KafkaClusterResolver(KubernetesClient client) {
        this.client = client;
    }

    public KafkaCluster resolve(ResolvedPipeline pipeline) {
        String bootstrap = pipeline.kafka().bootstrapServers().orElseThrow();
        if (pipeline.kafka().authSecretName().isEmpty()) {
            return new KafkaCluster(bootstrap, Map.of());
        }
        String secretName = pipeline.kafka().authSecretName().get();
        Secret secret =
                client.secrets().inNamespace(pipeline.namespace()).withName(secretName).get();
        if (secret == null) {
            throw new TopicOperationException(
                    TopicFailure.AuthSecretNotFound,
                    "Secret "
                            + pipeline.namespace()
                            + "/"
                            + secretName
                            + " (spec.kafka.authSecretRef) does not exist",
                    null);
        }
        return new KafkaCluster(bootstrap, KafkaAuthSettings.fromSecretData(decode(secret)));
    }

    private static Map<String, String> decode(Secret secret) {
        Map<String, String> data = new TreeMap<>();
        if (secret.getStringData() != null) {
            data.putAll(secret.getStringData());
        }
        if (secret.getData() != null) {
            secret.getData()
                    .forEach(
                            (key, value) ->
                                    data.put(
                                            key,
                                            new String(
                                                    Base64.getDecoder().decode(value),
                                                    StandardCharsets.UTF_8)));
        }
        return data;
    }
}
