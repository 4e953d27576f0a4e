package io.eventpipeline.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** What the last upgrade of the job did to one pattern's partial matches. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"name", "state", "reason"})
public class PatternUpgrade {

    @JsonPropertyDescription("The pattern's name.")
    private String name;

    @JsonPropertyDescription(
            "Kept (its partial matches carried over), StartsFresh, New or Removed.")
    private String state;

    @JsonPropertyDescription("Why, e.g. 'its steps changed'.")
    private String reason;

    public PatternUpgrade() {}

    public PatternUpgrade(String name, String state, String reason) {
        this.name = name;
        this.state = state;
        this.reason = reason;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getState() {
        return state;
    }

    public void setState(String state) {
        this.state = state;
    }

    public String getReason() {
        return reason;
    }

    public void setReason(String reason) {
        this.reason = reason;
    }
}
