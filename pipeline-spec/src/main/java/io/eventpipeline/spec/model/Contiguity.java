package io.eventpipeline.spec.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How a step follows the previous one (Flink CEP contiguity), including the two negations. */
public enum Contiguity {
    @JsonProperty("next")
    NEXT,
    @JsonProperty("followedBy")
    FOLLOWED_BY,
    @JsonProperty("followedByAny")
    FOLLOWED_BY_ANY,
    @JsonProperty("notNext")
    NOT_NEXT,
    @JsonProperty("notFollowedBy")
    NOT_FOLLOWED_BY;

    /** notNext and notFollowedBy: the step forbids events instead of taking them. */
    public boolean isNegation() {
        return this == NOT_NEXT || this == NOT_FOLLOWED_BY;
    }

    /** The spelling used in the EventPipeline YAML. */
    public String yamlName() {
        return YamlNames.of(this);
    }
}
