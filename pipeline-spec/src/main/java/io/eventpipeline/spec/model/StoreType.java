package io.eventpipeline.spec.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How a Kafka trust or key store is encoded. */
public enum StoreType {
    /** PEM certificates (a truststore only; no password). */
    @JsonProperty("PEM")
    PEM,
    /** A PKCS#12 file, opened with a password. */
    @JsonProperty("PKCS12")
    PKCS12,
    /** A Java KeyStore file, opened with a password. */
    @JsonProperty("JKS")
    JKS;

    /** The spelling used in the EventPipeline YAML, also Kafka's {@code ssl.*.type} value. */
    public String yamlName() {
        return YamlNames.of(this);
    }

    /** PKCS12 and JKS stores are files opened with a password; PEM is text. */
    public boolean isFile() {
        return this != PEM;
    }
}
