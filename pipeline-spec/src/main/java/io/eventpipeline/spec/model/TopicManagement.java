package io.eventpipeline.spec.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Who makes the pipeline's topics on the Kafka cluster. */
public enum TopicManagement {
    /** The operator, through Kafka's Admin API. */
    @JsonProperty("admin")
    ADMIN,
    /** Strimzi's Topic Operator, from the KafkaTopic resources the operator writes. */
    @JsonProperty("strimzi")
    STRIMZI;

    /** The spelling used in the EventPipeline YAML. */
    public String yamlName() {
        return YamlNames.of(this);
    }
}
