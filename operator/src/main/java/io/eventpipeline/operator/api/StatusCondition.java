package io.eventpipeline.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Objects;

/**
 * A standard Kubernetes condition (the fields of metav1.Condition), declared here so that every
 * field carries a description for {@code kubectl explain}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({
    "type",
    "status",
    "reason",
    "message",
    "lastTransitionTime",
    "observedGeneration"
})
public class StatusCondition {

    @JsonPropertyDescription("Condition type: SpecValid, TopicsReady, JobReady or Ready.")
    private String type;

    @JsonPropertyDescription("True, False or Unknown.")
    private String status;

    @JsonPropertyDescription(
            "A CamelCase word saying why (e.g. KafkaUnreachable, TopicNotFound, Running).")
    private String reason;

    @JsonPropertyDescription("Human-readable details.")
    private String message;

    @JsonPropertyDescription("When the status last changed (RFC 3339).")
    private String lastTransitionTime;

    @JsonPropertyDescription("The metadata.generation the condition was computed for.")
    private Long observedGeneration;

    public String getType() {
        return type;
    }

    public StatusCondition setType(String type) {
        this.type = type;
        return this;
    }

    public String getStatus() {
        return status;
    }

    public StatusCondition setStatus(String status) {
        this.status = status;
        return this;
    }

    public String getReason() {
        return reason;
    }

    public StatusCondition setReason(String reason) {
        this.reason = reason;
        return this;
    }

    public String getMessage() {
        return message;
    }

    public StatusCondition setMessage(String message) {
        this.message = message;
        return this;
    }

    public String getLastTransitionTime() {
        return lastTransitionTime;
    }

    public StatusCondition setLastTransitionTime(String lastTransitionTime) {
        this.lastTransitionTime = lastTransitionTime;
        return this;
    }

    public Long getObservedGeneration() {
        return observedGeneration;
    }

    public StatusCondition setObservedGeneration(Long observedGeneration) {
        this.observedGeneration = observedGeneration;
        return this;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StatusCondition other
                && Objects.equals(type, other.type)
                && Objects.equals(status, other.status)
                && Objects.equals(reason, other.reason)
                && Objects.equals(message, other.message)
                && Objects.equals(lastTransitionTime, other.lastTransitionTime)
                && Objects.equals(observedGeneration, other.observedGeneration);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, status, reason, message, lastTransitionTime, observedGeneration);
    }
}
