package io.eventpipeline.spec.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Where matching resumes after a match (Flink CEP after-match skip strategy). */
public enum AfterMatchStrategy {
    @JsonProperty("noSkip")
    NO_SKIP,
    @JsonProperty("skipToNext")
    SKIP_TO_NEXT,
    @JsonProperty("skipPastLastEvent")
    SKIP_PAST_LAST_EVENT,
    @JsonProperty("skipToFirst")
    SKIP_TO_FIRST,
    @JsonProperty("skipToLast")
    SKIP_TO_LAST;

    /** The spelling used in the EventPipeline YAML. */
    public String yamlName() {
        return YamlNames.of(this);
    }
}
