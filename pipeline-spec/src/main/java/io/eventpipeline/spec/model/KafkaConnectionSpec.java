package io.eventpipeline.spec.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** How to reach the Kafka cluster. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"bootstrapServers", "authSecretRef", "topics"})
public class KafkaConnectionSpec {

    @JsonPropertyDescription("Comma-separated host:port list of the Kafka bootstrap servers.")
    private String bootstrapServers;

    @JsonPropertyDescription(
            "A Secret in the pipeline's namespace whose keys are Kafka client settings"
                    + " (security.protocol, sasl.mechanism, sasl.jaas.config, ssl.truststore.type,"
                    + " ssl.truststore.certificates, ...). Its values are never copied: the job"
                    + " receives them as secretKeyRef environment variables.")
    private SecretReference authSecretRef;

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

    public KafkaTopicsSpec getTopics() {
        return topics;
    }

    public void setTopics(KafkaTopicsSpec topics) {
        this.topics = topics;
    }
}
