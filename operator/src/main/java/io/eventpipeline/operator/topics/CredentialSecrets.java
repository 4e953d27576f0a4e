package io.eventpipeline.operator.topics;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The Secrets of one pipeline's namespace that its Kafka credentials are in, each read once per
 * resolve. Values stay in memory: nothing is written to disk.
 */
final class CredentialSecrets {
    private final KubernetesClient client;
    private final String namespace;
    private final Map<String, Optional<Secret>> read = new HashMap<>();

    CredentialSecrets(KubernetesClient client, String namespace) {
        this.client = client;
        this.namespace = namespace;
    }

    String namespace() {
        return namespace;
    }

    /**
     * A Secret's decoded data.
     *
     * @param path the spec field that names it, for the message when it is missing
     */
    Map<String, byte[]> data(String secretName, String path) {
        Secret secret =
                read.computeIfAbsent(
                                secretName,
                                name ->
                                        Optional.ofNullable(
                                                client.secrets()
                                                        .inNamespace(namespace)
                                                        .withName(name)
                                                        .get()))
                        .orElseThrow(
                                () ->
                                        new TopicOperationException(
                                                TopicFailure.AuthSecretNotFound,
                                                "Secret "
                                                        + namespace
                                                        + "/"
                                                        + secretName
                                                        + " ("
                                                        + path
                                                        + ") does not exist",
                                                null));
        Map<String, byte[]> data = new HashMap<>();
        if (secret.getStringData() != null) {
            secret.getStringData()
                    .forEach((k, v) -> data.put(k, v.getBytes(StandardCharsets.UTF_8)));
        }
        if (secret.getData() != null) {
            secret.getData().forEach((k, v) -> data.put(k, Base64.getDecoder().decode(v)));
        }
        return data;
    }

    /** One key's bytes; a missing key is reported like a missing Secret. */
    byte[] bytes(String secretName, String key, String path) {
        byte[] value = data(secretName, path).get(key);
        if (value == null || value.length == 0) {
            throw new TopicOperationException(
                    TopicFailure.AuthSecretNotFound,
                    "Secret " + namespace + "/" + secretName + " (" + path + ") has no key " + key,
                    null);
        }
        return value;
    }

    String text(String secretName, String key, String path) {
        return new String(bytes(secretName, key, path), StandardCharsets.UTF_8);
    }
}
