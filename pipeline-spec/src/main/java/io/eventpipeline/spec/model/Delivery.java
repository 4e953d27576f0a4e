package io.eventpipeline.spec.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Delivery guarantee of match records. */
public enum Delivery {
    @JsonProperty("at-least-once")
    AT_LEAST_ONCE,
    @JsonProperty("exactly-once")
    EXACTLY_ONCE;

    /** The spelling used in the EventPipeline YAML. */
    public String yamlName() {
        return YamlNames.of(this);
    }
}
