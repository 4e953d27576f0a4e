package io.eventpipeline.operator.topics;

import io.eventpipeline.spec.model.StoreType;
import io.eventpipeline.spec.resolved.KafkaStore;
import io.eventpipeline.spec.resolved.ResolvedKafka;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Admin client's settings for credentials given as stores and Secret keys ({@code
 * spec.kafka.tls}, {@code sasl}, {@code strimzi}). PKCS12 and JKS stores are opened in memory and
 * handed to Kafka as PEM ({@link StorePem}): the operator never writes a credential to disk.
 */
final class StoreSettings {
    private StoreSettings() {}

    static Map<String, String> of(ResolvedKafka kafka, CredentialSecrets secrets) {
        Map<String, String> settings = new TreeMap<>();
        kafka.securityProtocol().ifPresent(p -> settings.put("security.protocol", p));
        kafka.tls()
                .ifPresent(
                        tls -> {
                            tls.truststore().ifPresent(t -> trust(t, secrets, settings));
                            tls.keystore().ifPresent(k -> present(k, secrets, settings));
                        });
        kafka.sasl()
                .ifPresent(
                        sasl -> {
                            settings.put("sasl.mechanism", sasl.mechanism().yamlName());
                            settings.put(
                                    "sasl.jaas.config",
                                    secrets.text(
                                                    sasl.jaasConfig().secretName(),
                                                    sasl.jaasConfig().key(),
                                                    sasl.jaasConfig().path())
                                            .trim());
                        });
        return settings;
    }

    private static void trust(
            KafkaStore store, CredentialSecrets secrets, Map<String, String> settings) {
        settings.put("ssl.truststore.type", "PEM");
        if (store.type() == StoreType.PEM) {
            settings.put(
                    "ssl.truststore.certificates",
                    secrets.text(store.secretName(), store.key(), store.path()).trim());
            return;
        }
        settings.put(
                "ssl.truststore.certificates",
                open("truststore", store, secrets, password(store, secrets)).certificates());
    }

    private static void present(
            KafkaStore store, CredentialSecrets secrets, Map<String, String> settings) {
        char[] password = password(store, secrets);
        StorePem.ClientIdentity identity =
                open("keystore", store, secrets, password).identity(password);
        settings.put("ssl.keystore.type", "PEM");
        settings.put("ssl.keystore.certificate.chain", identity.chainPem());
        settings.put("ssl.keystore.key", identity.keyPem());
    }

    private static StorePem open(
            String role, KafkaStore store, CredentialSecrets secrets, char[] password) {
        return StorePem.open(
                secrets.bytes(store.secretName(), store.key(), store.path()),
                store.type().yamlName(),
                password,
                store.describe(role, secrets.namespace()));
    }

    /** As the job reads it from its environment: the value as stored, not trimmed. */
    private static char[] password(KafkaStore store, CredentialSecrets secrets) {
        String key = store.passwordKey().orElseThrow();
        return new String(
                        secrets.bytes(store.secretName(), key, store.path()),
                        StandardCharsets.UTF_8)
                .toCharArray();
    }
}
