package io.eventpipeline.spec.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How the Flink job is upgraded and suspended. */
public enum UpgradeMode {
    @JsonProperty("savepoint")
    SAVEPOINT,
    @JsonProperty("last-state")
    LAST_STATE,
    @JsonProperty("stateless")
    STATELESS;

    /** The spelling used in the EventPipeline YAML. */
    public String yamlName() {
        return YamlNames.of(this);
    }
}
