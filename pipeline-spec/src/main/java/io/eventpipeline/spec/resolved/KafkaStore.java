package io.eventpipeline.spec.resolved;

import io.eventpipeline.spec.model.KafkaStoreSpec;
import io.eventpipeline.spec.model.StoreType;
import java.util.Optional;

/**
 * A trust or key store under one key of a Secret in the pipeline's namespace.
 *
 * @param passwordKey the same Secret's key holding the store password; empty for PEM
 * @param path where it was written, for messages: {@code spec.kafka.tls.truststore}, or {@code
 *     spec.kafka.strimzi} when the Strimzi shorthand named it
 */
public record KafkaStore(
        String secretName, String key, StoreType type, Optional<String> passwordKey, String path) {

    static KafkaStore of(KafkaStoreSpec store, String path) {
        return new KafkaStore(
                store.getSecretName(),
                store.getKey(),
                store.getType(),
                Optional.ofNullable(store.getPasswordKey()),
                path);
    }

    /**
     * For messages: {@code the truststore ca.p12 in Secret ns/name (spec.kafka.tls.truststore)}.
     */
    public String describe(String role, String namespace) {
        return "the "
                + role
                + " "
                + key
                + " in Secret "
                + namespace
                + "/"
                + secretName
                + " ("
                + path
                + ")";
    }
}
