package io.eventpipeline.spec.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.eventpipeline.spec.Durations;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/** Event time taken from a field of the event. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"field", "maxOutOfOrderness", "idleTimeout"})
public class TimestampSpec {

    @Required
    @JsonPropertyDescription(
            "Dotted path of the field holding the event time, as epoch milliseconds or ISO-8601.")
    private String field;

    @JsonPropertyDescription(
            "How late an event may arrive and still be matched in order, as a duration (e.g. 30s)."
                    + " Default 0s.")
    @Pattern(Durations.SYNTAX)
    private String maxOutOfOrderness;

    @JsonPropertyDescription(
            "A partition with no events for this long stops holding back event time, as a duration"
                    + " (e.g. 1m). Absent: never idle.")
    @Pattern(Durations.SYNTAX)
    private String idleTimeout;

    public String getField() {
        return field;
    }

    public void setField(String field) {
        this.field = field;
    }

    public String getMaxOutOfOrderness() {
        return maxOutOfOrderness;
    }

    public void setMaxOutOfOrderness(String maxOutOfOrderness) {
        this.maxOutOfOrderness = maxOutOfOrderness;
    }

    public String getIdleTimeout() {
        return idleTimeout;
    }

    public void setIdleTimeout(String idleTimeout) {
        this.idleTimeout = idleTimeout;
    }
}
