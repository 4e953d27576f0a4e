package io.eventpipeline.spec.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.fabric8.generator.annotation.ValidationRule;

/**
 * How to reach the Kafka cluster, and the credentials: an auth Secret of client properties, or
 * stores and SASL from Secret keys, or the Strimzi shorthand; one of them.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"bootstrapServers", "authSecretRef", "tls", "sasl", "strimzi", "topics"})
@ValidationRule(
        value =
                "!has(self.authSecretRef) || (!has(self.tls) && !has(self.sasl) &&"
                        + " !has(self.strimzi))",
        message = "authSecretRef cannot be combined with tls, sasl or strimzi")
@ValidationRule(
        value = "!has(self.strimzi) || (!has(self.tls) && !has(self.sasl))",
        message = "strimzi cannot be combined with tls or sasl: it sets both")
@ValidationRule(
        value =
                "!has(self.topics) || self.topics.management != 'strimzi'"
                        + " || has(self.topics.strimziCluster) || has(self.strimzi)",
        message =
                "topics.strimziCluster is required when management is strimzi (the Strimzi Kafka"
                        + " resource's name, the strimzi.io/cluster label of each KafkaTopic),"
                        + " unless strimzi.cluster names it")
public class KafkaConnectionSpec {

    @JsonPropertyDescription("Comma-separated host:port list of the Kafka bootstrap servers.")
    private String bootstrapServers;

    @JsonPropertyDescription(
            "A Secret in the pipeline's namespace whose keys are Kafka client settings"
                    + " (security.protocol, sasl.mechanism, sasl.jaas.config, ssl.truststore.type,"
                    + " ssl.truststore.certificates, ...). Its values are never copied: the job"
                    + " receives them as secretKeyRef environment variables. Not with tls, sasl"
                    + " or strimzi.")
    private SecretReference authSecretRef;

    @JsonPropertyDescription(
            "TLS to the brokers, from trust and key stores in Secrets (PKCS12, JKS, or PEM for a"
                    + " truststore). Store files are mounted read-only into the job's pods;"
                    + " passwords reach it as secretKeyRef environment variables. Not with"
                    + " authSecretRef or strimzi.")
    private KafkaTlsSpec tls;

    @JsonPropertyDescription(
            "SASL authentication; over TLS when tls is given (SASL_SSL), else SASL_PLAINTEXT."
                    + " Not with authSecretRef or strimzi.")
    private KafkaSaslSpec sasl;

    @JsonPropertyDescription(
            "A Strimzi-managed cluster and KafkaUser: their Secrets are read as Strimzi writes"
                    + " them, nothing to copy or convert. Not with authSecretRef, tls or sasl.")
    private StrimziSpec strimzi;

    @JsonPropertyDescription(
            "How the pipeline's topics are made. Absent: the operator's default for its default"
                    + " cluster, admin for a cluster the pipeline names.")
    private KafkaTopicsSpec topics;

    public String getBootstrapServers() {
        return bootstrapServers;
    }

    public void setBootstrapServers(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    public SecretReference getAuthSecretRef() {
        return authSecretRef;
    }

    public void setAuthSecretRef(SecretReference authSecretRef) {
        this.authSecretRef = authSecretRef;
    }

    public KafkaTlsSpec getTls() {
        return tls;
    }

    public void setTls(KafkaTlsSpec tls) {
        this.tls = tls;
    }

    public KafkaSaslSpec getSasl() {
        return sasl;
    }

    public void setSasl(KafkaSaslSpec sasl) {
        this.sasl = sasl;
    }

    public StrimziSpec getStrimzi() {
        return strimzi;
    }

    public void setStrimzi(StrimziSpec strimzi) {
        this.strimzi = strimzi;
    }

    public KafkaTopicsSpec getTopics() {
        return topics;
    }

    public void setTopics(KafkaTopicsSpec topics) {
        this.topics = topics;
    }
}
