package io.eventpipeline.spec.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.Map;

/** A Kafka topic used by the pipeline. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"topic", "create", "partitions", "replicationFactor", "config"})
@ValidationRule(
        value =
                "!has(self.create) || self.create || (!has(self.partitions) &&"
                        + " !has(self.replicationFactor) && !has(self.config))",
        message =
                "partitions, replicationFactor and config apply only to topics the operator creates"
                        + " (create: true)")
public class TopicSpec {
    /** Most partitions the operator creates a topic with: more would strain most clusters. */
    public static final int MAX_PARTITIONS = 10_000;

    /** Kafka's replication factor is a 16-bit number (NewTopic takes a short). */
    public static final int MAX_REPLICATION_FACTOR = Short.MAX_VALUE;

    @Required
    @Pattern("^[a-zA-Z0-9._-]{1,249}$")
    @JsonPropertyDescription("Topic name.")
    private String topic;

    @JsonPropertyDescription(
            "true (default): the operator creates the topic when missing, raises its partitions and"
                    + " restores its configs. false: the topic must exist and is never altered.")
    private Boolean create;

    @Min(1)
    @Max(MAX_PARTITIONS)
    @JsonPropertyDescription(
            "Partitions when created; raising it adds partitions (it is never lowered). Absent: the"
                    + " broker's default.")
    private Integer partitions;

    @Min(1)
    @Max(MAX_REPLICATION_FACTOR)
    @JsonPropertyDescription("Replication factor when created. Absent: the broker's default.")
    private Integer replicationFactor;

    @JsonPropertyDescription(
            "Topic configs (e.g. retention.ms) the operator keeps on topics it created.")
    private Map<String, String> config;

    public String getTopic() {
        return topic;
    }

    public void setTopic(String topic) {
        this.topic = topic;
    }

    public Boolean getCreate() {
        return create;
    }

    public void setCreate(Boolean create) {
        this.create = create;
    }

    public Integer getPartitions() {
        return partitions;
    }

    public void setPartitions(Integer partitions) {
        this.partitions = partitions;
    }

    public Integer getReplicationFactor() {
        return replicationFactor;
    }

    public void setReplicationFactor(Integer replicationFactor) {
        this.replicationFactor = replicationFactor;
    }

    public Map<String, String> getConfig() {
        return config;
    }

    public void setConfig(Map<String, String> config) {
        this.config = config;
    }
}
