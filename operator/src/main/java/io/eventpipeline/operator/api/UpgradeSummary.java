package io.eventpipeline.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * What the last change of the running job's FlinkDeployment does to the job's state: per pattern,
 * and for the input offsets. {@code render --against} prints the same before the change.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"generation", "reason", "patterns", "inputOffsets", "inputReason"})
public class UpgradeSummary {

    @JsonPropertyDescription("The metadata.generation whose change was rolled out.")
    private Long generation;

    @JsonPropertyDescription(
            "Why the job restarted: the spec changed, the Kafka credentials changed (naming their"
                    + " Secrets), or both.")
    private String reason;

    @JsonPropertyDescription("Per pattern: whether its partial matches carry over, and why.")
    private List<PatternUpgrade> patterns = new ArrayList<>();

    @JsonPropertyDescription(
            "Kept (reading goes on from the saved offsets) or Restart (at input.startFrom).")
    private String inputOffsets;

    @JsonPropertyDescription("Why the input offsets are kept or restart.")
    private String inputReason;

    public Long getGeneration() {
        return generation;
    }

    public void setGeneration(Long generation) {
        this.generation = generation;
    }

    public String getReason() {
        return reason;
    }

    public void setReason(String reason) {
        this.reason = reason;
    }

    public List<PatternUpgrade> getPatterns() {
        return patterns;
    }

    public void setPatterns(List<PatternUpgrade> patterns) {
        this.patterns = patterns;
    }

    public String getInputOffsets() {
        return inputOffsets;
    }

    public void setInputOffsets(String inputOffsets) {
        this.inputOffsets = inputOffsets;
    }

    public String getInputReason() {
        return inputReason;
    }

    public void setInputReason(String inputReason) {
        this.inputReason = inputReason;
    }
}
