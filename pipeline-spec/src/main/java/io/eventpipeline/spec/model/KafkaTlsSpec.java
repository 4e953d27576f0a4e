package io.eventpipeline.spec.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.fabric8.generator.annotation.ValidationRule;

/** TLS to the brokers: whom to trust, and the client certificate to present. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"truststore", "keystore"})
@ValidationRule(
        value = "!has(self.keystore) || self.keystore.type != 'PEM'",
        message =
                "a keystore must be PKCS12 or JKS; a PEM client certificate goes in authSecretRef")
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
