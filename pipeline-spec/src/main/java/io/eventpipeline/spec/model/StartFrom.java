package io.eventpipeline.spec.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Where a new job starts reading the input topic. */
public enum StartFrom {
    @JsonProperty("latest")
    LATEST,
    @JsonProperty("earliest")
    EARLIEST,
    @JsonProperty("committed")
    COMMITTED;

    /** The spelling used in the EventPipeline YAML. */
    public String yamlName() {
        return YamlNames.of(this);
    }
}
