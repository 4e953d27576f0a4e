package io.eventpipeline.spec.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** How the pipeline's topics are made: by the operator itself, or as Strimzi KafkaTopics. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"management", "strimziCluster"})
@ValidationRule(
        value = "self.management == 'strimzi' || !has(self.strimziCluster)",
        message = "strimziCluster applies only when management is strimzi")
public class KafkaTopicsSpec {
    /** A label value and a DNS-1123 label: what Strimzi's Kafka resource names are. */
    public static final String CLUSTER_NAME_SYNTAX = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$";

    public static final int CLUSTER_NAME_MAX = 63;

    @Required
    @JsonPropertyDescription(
            "admin: the operator creates and alters the topics through Kafka's Admin API."
                    + " strimzi: it writes a KafkaTopic (kafka.strimzi.io/v1beta2) per topic in"
                    + " the pipeline's namespace and Strimzi's Topic Operator makes the topics;"
                    + " the operator then needs no Kafka access.")
    private TopicManagement management;

    @Pattern(CLUSTER_NAME_SYNTAX)
    @Size(min = 1, max = CLUSTER_NAME_MAX)
    @JsonPropertyDescription(
            "With management strimzi: the name of the Strimzi Kafka resource whose Topic Operator"
                    + " manages the topics (the strimzi.io/cluster label of each KafkaTopic);"
                    + " spec.kafka.strimzi.cluster when left out.")
    private String strimziCluster;

    public TopicManagement getManagement() {
        return management;
    }

    public void setManagement(TopicManagement management) {
        this.management = management;
    }

    public String getStrimziCluster() {
        return strimziCluster;
    }

    public void setStrimziCluster(String strimziCluster) {
        this.strimziCluster = strimziCluster;
    }
}
