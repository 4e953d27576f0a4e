package io.eventpipeline.spec.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;

/** A trust or key store held under one key of a Secret in the pipeline's namespace. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"secretName", "key", "type", "passwordKey"})
@ValidationRule(
        value = "self.type == 'PEM' ? !has(self.passwordKey) : has(self.passwordKey)",
        message = "passwordKey is required for a PKCS12 or JKS store and not allowed for PEM")
public class KafkaStoreSpec {

    @Required
    @JsonPropertyDescription("The Secret holding the store, in the pipeline's namespace.")
    private String secretName;

    @Required
    @JsonPropertyDescription(
            "The Secret key holding the store, e.g. ca.p12, user.p12, truststore.jks or ca.crt.")
    private String key;

    @Required
    @JsonPropertyDescription(
            "PKCS12 or JKS: a store file, mounted read-only into the job's pods and opened with"
                    + " the password under passwordKey. PEM: certificates as text (a truststore"
                    + " only; a PEM client certificate goes in authSecretRef).")
    private StoreType type;

    @JsonPropertyDescription(
            "The key of the same Secret holding the store's password, e.g. ca.password."
                    + " Required for PKCS12 and JKS, not allowed for PEM.")
    private String passwordKey;

    public String getSecretName() {
        return secretName;
    }

    public void setSecretName(String secretName) {
        this.secretName = secretName;
    }

    public String getKey() {
        return key;
    }

    public void setKey(String key) {
        this.key = key;
    }

    public StoreType getType() {
        return type;
    }

    public void setType(StoreType type) {
        this.type = type;
    }

    public String getPasswordKey() {
        return passwordKey;
    }

    public void setPasswordKey(String passwordKey) {
        this.passwordKey = passwordKey;
    }
}
