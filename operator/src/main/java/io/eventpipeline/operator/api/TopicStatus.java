package io.eventpipeline.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Objects;

/** One of the pipeline's topics, as found on the Kafka cluster. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"name", "role", "partitions", "ready", "created", "message"})
public class TopicStatus {

    @JsonPropertyDescription("Topic name.")
    private String name;

    @JsonPropertyDescription("input, output or deadLetter.")
    private String role;

    @JsonPropertyDescription("Partitions found on the cluster.")
    private Integer partitions;

    @JsonPropertyDescription("The topic exists as the spec asks.")
    private Boolean ready;

    @JsonPropertyDescription(
            "The operator created this topic (only such topics are ever altered or deleted).")
    private Boolean created;

    @JsonPropertyDescription("Why the topic is not ready, or what differs from the spec.")
    private String message;

    public String getName() {
        return name;
    }

    public TopicStatus setName(String name) {
        this.name = name;
        return this;
    }

    public String getRole() {
        return role;
    }

    public TopicStatus setRole(String role) {
        this.role = role;
        return this;
    }

    public Integer getPartitions() {
        return partitions;
    }

    public TopicStatus setPartitions(Integer partitions) {
        this.partitions = partitions;
        return this;
    }

    public Boolean getReady() {
        return ready;
    }

    public TopicStatus setReady(Boolean ready) {
        this.ready = ready;
        return this;
    }

    public Boolean getCreated() {
        return created;
    }

    public TopicStatus setCreated(Boolean created) {
        this.created = created;
        return this;
    }

    public String getMessage() {
        return message;
    }

    public TopicStatus setMessage(String message) {
        this.message = message;
        return this;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TopicStatus other
                && Objects.equals(name, other.name)
                && Objects.equals(role, other.role)
                && Objects.equals(partitions, other.partitions)
                && Objects.equals(ready, other.ready)
                && Objects.equals(created, other.created)
                && Objects.equals(message, other.message);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, role, partitions, ready, created, message);
    }
}
