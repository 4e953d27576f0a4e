package io.eventpipeline.spec.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;

/**
 * A Strimzi cluster and KafkaUser, read from the Secrets Strimzi writes: shorthand for {@code tls}
 * and {@code sasl}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"cluster", "user", "authentication"})
@ValidationRule(
        value = "has(self.user) == has(self.authentication)",
        message = "user and authentication go together")
public class StrimziSpec {

    @Required
    @JsonPropertyDescription(
            "The Kafka cluster's name: its CA certificate is read from Secret"
                    + " <cluster>-cluster-ca-cert (key ca.crt) and trusted over TLS.")
    private String cluster;

    @JsonPropertyDescription(
            "The KafkaUser's name: its credentials are read from the Secret of that name."
                    + " Absent: TLS without client authentication.")
    private String user;

    @JsonPropertyDescription(
            "The KafkaUser's authentication type: tls (user.p12 with user.password) or"
                    + " scram-sha-512 (sasl.jaas.config, over TLS).")
    private StrimziAuthentication authentication;

    public String getCluster() {
        return cluster;
    }

    public void setCluster(String cluster) {
        this.cluster = cluster;
    }

    public String getUser() {
        return user;
    }

    public void setUser(String user) {
        this.user = user;
    }

    public StrimziAuthentication getAuthentication() {
        return authentication;
    }

    public void setAuthentication(StrimziAuthentication authentication) {
        this.authentication = authentication;
    }
}
