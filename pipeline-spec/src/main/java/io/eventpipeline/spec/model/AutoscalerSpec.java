package io.eventpipeline.spec.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.eventpipeline.spec.Durations;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;

/**
 * The Flink Kubernetes Operator's job autoscaler for this pipeline: it rescales each part of the
 * job between the bounds given here, through the pipeline's upgrade mode.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({
    "enabled",
    "minParallelism",
    "maxParallelism",
    "targetUtilization",
    "metricsWindow",
    "stabilizationInterval"
})
@ValidationRule(
        value = "!has(self.minParallelism) || self.minParallelism <= self.maxParallelism",
        message = "minParallelism must not be above maxParallelism")
@ValidationRule(
        value =
                "!has(self.targetUtilization) || (self.targetUtilization > 0.0"
                        + " && self.targetUtilization <= 1.0)",
        message = "targetUtilization must be above 0 and at most 1 (e.g. 0.7)")
public class AutoscalerSpec {

    @JsonPropertyDescription(
            "Whether the autoscaler acts (default true when this section is present); false keeps"
                    + " the settings and the parallelism fixed.")
    private Boolean enabled;

    @Min(1)
    @Max(FlinkSpec.MAX_PARALLELISM)
    @JsonPropertyDescription(
            "Lowest parallelism it may scale a part of the job down to (default 1).")
    private Integer minParallelism;

    @Required
    @Min(1)
    @Max(FlinkSpec.MAX_PARALLELISM)
    @JsonPropertyDescription(
            "Highest parallelism it may scale a part of the job up to: the ceiling on cost. At"
                    + " most the job's pipeline.max-parallelism; the input topic needs at least"
                    + " this many partitions for every reader to get work.")
    private Integer maxParallelism;

    @JsonPropertyDescription(
            "Busy share of each task it aims for, above 0 and at most 1 (Flink's default: 0.7).")
    private Double targetUtilization;

    @Pattern(Durations.SYNTAX)
    @JsonPropertyDescription(
            "How much history each decision reads, as a duration (Flink's default: 15m).")
    private String metricsWindow;

    @Pattern(Durations.SYNTAX)
    @JsonPropertyDescription(
            "Quiet time after a (re)start before it decides again, as a duration (Flink's"
                    + " default: 5m).")
    private String stabilizationInterval;

    public Boolean getEnabled() {
        return enabled;
    }

    public void setEnabled(Boolean enabled) {
        this.enabled = enabled;
    }

    public Integer getMinParallelism() {
        return minParallelism;
    }

    public void setMinParallelism(Integer minParallelism) {
        this.minParallelism = minParallelism;
    }

    public Integer getMaxParallelism() {
        return maxParallelism;
    }

    public void setMaxParallelism(Integer maxParallelism) {
        this.maxParallelism = maxParallelism;
    }

    public Double getTargetUtilization() {
        return targetUtilization;
    }

    public void setTargetUtilization(Double targetUtilization) {
        this.targetUtilization = targetUtilization;
    }

    public String getMetricsWindow() {
        return metricsWindow;
    }

    public void setMetricsWindow(String metricsWindow) {
        this.metricsWindow = metricsWindow;
    }

    public String getStabilizationInterval() {
        return stabilizationInterval;
    }

    public void setStabilizationInterval(String stabilizationInterval) {
        this.stabilizationInterval = stabilizationInterval;
    }
}
