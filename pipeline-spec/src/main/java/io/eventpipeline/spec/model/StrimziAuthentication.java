package io.eventpipeline.spec.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How a Strimzi KafkaUser authenticates: its {@code spec.authentication.type}. */
public enum StrimziAuthentication {
    /** A client certificate: the KafkaUser Secret's {@code user.p12} and {@code user.password}. */
    @JsonProperty("tls")
    TLS,
    /** SCRAM-SHA-512: the KafkaUser Secret's {@code sasl.jaas.config}. */
    @JsonProperty("scram-sha-512")
    SCRAM_SHA_512;

    /** The spelling used in the EventPipeline YAML. */
    public String yamlName() {
        return YamlNames.of(this);
    }
}
