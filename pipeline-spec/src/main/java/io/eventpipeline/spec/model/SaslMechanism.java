package io.eventpipeline.spec.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The SASL mechanisms a pipeline may authenticate with. */
public enum SaslMechanism {
    @JsonProperty("SCRAM-SHA-256")
    SCRAM_SHA_256,
    @JsonProperty("SCRAM-SHA-512")
    SCRAM_SHA_512,
    @JsonProperty("PLAIN")
    PLAIN;

    /** The spelling used in the EventPipeline YAML, also Kafka's {@code sasl.mechanism} value. */
    public String yamlName() {
        return YamlNames.of(this);
    }
}
