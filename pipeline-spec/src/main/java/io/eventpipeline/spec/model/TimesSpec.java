package io.eventpipeline.spec.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;

/** How many times a step repeats. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"min", "max"})
@ValidationRule(
        value = "!has(self.max) || self.max >= self.min",
        message = "max must be at least min")
public class TimesSpec {
    /**
     * Most events one step takes: Flink CEP builds a state per count, so a step of a million would
     * exhaust memory when the job starts.
     */
    public static final int MAX_TIMES = 1_000;

    @Required
    @Min(1)
    @Max(MAX_TIMES)
    @JsonPropertyDescription("At least this many events.")
    private Integer min;

    @Min(1)
    @Max(MAX_TIMES)
    @JsonPropertyDescription("At most this many events. Absent: no upper bound.")
    private Integer max;

    public Integer getMin() {
        return min;
    }

    public void setMin(Integer min) {
        this.min = min;
    }

    public Integer getMax() {
        return max;
    }

    public void setMax(Integer max) {
        this.max = max;
    }
}
