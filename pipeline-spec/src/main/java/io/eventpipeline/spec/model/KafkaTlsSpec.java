package io.eventpipeline.spec.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** TLS to the brokers: whom to trust, and the client certificate to present. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"truststore", "keystore"})
public class KafkaTlsSpec {

    @JsonPropertyDescription(
            "The CA certificates the brokers' certificates are checked against. Absent: the"
                    + " JVM's default CAs (brokers with publicly trusted certificates).")
    private KafkaStoreSpec truststore;

    @JsonPropertyDescription(
            "The client certificate and key, for brokers that require one (mutual TLS). PKCS12"
                    + " or JKS.")
    private KafkaStoreSpec keystore;

    public KafkaStoreSpec getTruststore() {
        return truststore;
    }

    public void setTruststore(KafkaStoreSpec truststore) {
        this.truststore = truststore;
    }

    public KafkaStoreSpec getKeystore() {
        return keystore;
    }

    public void setKeystore(KafkaStoreSpec keystore) {
        this.keystore = keystore;
    }
}
