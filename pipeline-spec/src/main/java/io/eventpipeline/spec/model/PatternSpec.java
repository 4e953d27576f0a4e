package io.eventpipeline.spec.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.eventpipeline.spec.Durations;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;
import java.util.Map;

/** A sequence of steps to detect in the events of one key. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({
    "name",
    "steps",
    "within",
    "afterMatch",
    "afterMatchStep",
    "emit",
    "emitTimeouts"
})
@ValidationRule(
        value =
                "has(self.afterMatchStep) == (has(self.afterMatch) && (self.afterMatch =="
                        + " 'skipToFirst' || self.afterMatch == 'skipToLast'))",
        message =
                "afterMatchStep is required with afterMatch skipToFirst or skipToLast, and only"
                        + " then")
public class PatternSpec {
    /** Bounds that keep the CRD's CEL validation cost within what the API server accepts. */
    public static final int MAX_PATTERNS = 32;

    public static final int MAX_STEPS = 32;

    @Required
    @JsonPropertyDescription(
            "Pattern name, unique in the pipeline; it names the pattern in match records.")
    private String name;

    @Required
    @JsonPropertyDescription("The steps, in order. The first step cannot be a negation.")
    @Size(min = 1, max = PatternSpec.MAX_STEPS)
    private List<StepSpec> steps;

    @JsonPropertyDescription(
            "The whole match must happen within this duration (e.g. 2h). Required when the last"
                    + " step is notFollowedBy.")
    @Pattern(Durations.SYNTAX)
    private String within;

    @JsonPropertyDescription(
            "Where matching resumes after a match: noSkip (default), skipToNext, skipPastLastEvent,"
                    + " skipToFirst or skipToLast (these two name a step in afterMatchStep).")
    private AfterMatchStrategy afterMatch;

    @JsonPropertyDescription("The step that skipToFirst / skipToLast refer to.")
    private String afterMatchStep;

    @JsonPropertyDescription(
            "Fields of the match record: name -> CEL expression over the step lists (e.g."
                    + " delay[0].flightId).")
    private Map<String, String> emit;

    @JsonPropertyDescription(
            "true: partial matches that expire at 'within' are emitted too, with timedOut: true."
                    + " Default false.")
    private Boolean emitTimeouts;

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public List<StepSpec> getSteps() {
        return steps;
    }

    public void setSteps(List<StepSpec> steps) {
        this.steps = steps;
    }

    public String getWithin() {
        return within;
    }

    public void setWithin(String within) {
        this.within = within;
    }

    public AfterMatchStrategy getAfterMatch() {
        return afterMatch;
    }

    public void setAfterMatch(AfterMatchStrategy afterMatch) {
        this.afterMatch = afterMatch;
    }

    public String getAfterMatchStep() {
        return afterMatchStep;
    }

    public void setAfterMatchStep(String afterMatchStep) {
        this.afterMatchStep = afterMatchStep;
    }

    public Map<String, String> getEmit() {
        return emit;
    }

    public void setEmit(Map<String, String> emit) {
        this.emit = emit;
    }

    public Boolean getEmitTimeouts() {
        return emitTimeouts;
    }

    public void setEmitTimeouts(Boolean emitTimeouts) {
        this.emitTimeouts = emitTimeouts;
    }
}
