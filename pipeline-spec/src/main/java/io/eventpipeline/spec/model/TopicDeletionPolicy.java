package io.eventpipeline.spec.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What happens to created topics when the EventPipeline is deleted. */
public enum TopicDeletionPolicy {
    @JsonProperty("Retain")
    RETAIN,
    @JsonProperty("Delete")
    DELETE;

    /** The spelling used in the EventPipeline YAML. */
    public String yamlName() {
        return YamlNames.of(this);
    }
}
