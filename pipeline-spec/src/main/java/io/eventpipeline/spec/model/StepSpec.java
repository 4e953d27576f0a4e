package io.eventpipeline.spec.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;

/**
 * One step of a pattern: a condition on events, how it follows the previous step, and how often it
 * repeats.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({
    "name",
    "after",
    "where",
    "times",
    "oneOrMore",
    "optional",
    "greedy",
    "consecutive",
    "allowCombinations",
    "until"
})
@ValidationRule(
        value = "!has(self.times) || !has(self.oneOrMore) || !self.oneOrMore",
        message = "times and oneOrMore exclude each other")
public class StepSpec {

    @Required
    @Pattern("^[a-zA-Z_][a-zA-Z0-9_]*$")
    @JsonPropertyDescription(
            "Step name, unique in the pattern and a CEL identifier: later steps and emit refer to"
                    + " its events by this name.")
    private String name;

    @JsonPropertyDescription(
            "How this step follows the previous one: next, followedBy (default), followedByAny,"
                    + " notNext, notFollowedBy. Not allowed on the first step, which follows"
                    + " nothing.")
    private Contiguity after;

    @Required
    @JsonPropertyDescription(
            "CEL condition on 'event' (the current event) and the event lists of earlier steps, by"
                    + " name.")
    private String where;

    @JsonPropertyDescription("Repeat this step between min and max times (no max: min or more).")
    private TimesSpec times;

    @JsonPropertyDescription("Repeat this step one or more times.")
    private Boolean oneOrMore;

    @JsonPropertyDescription("This step may match no event.")
    private Boolean optional;

    @JsonPropertyDescription("A repeating step takes as many events as it can.")
    private Boolean greedy;

    @JsonPropertyDescription(
            "The events of a repeating step must be contiguous (strict contiguity within the"
                    + " loop).")
    private Boolean consecutive;

    @JsonPropertyDescription(
            "The events of a repeating step may be any combination of matching events"
                    + " (non-deterministic relaxed contiguity within the loop).")
    private Boolean allowCombinations;

    @JsonPropertyDescription(
            "CEL condition that stops a repeating step (the event that satisfies it is not taken).")
    private String until;

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public Contiguity getAfter() {
        return after;
    }

    public void setAfter(Contiguity after) {
        this.after = after;
    }

    public String getWhere() {
        return where;
    }

    public void setWhere(String where) {
        this.where = where;
    }

    public TimesSpec getTimes() {
        return times;
    }

    public void setTimes(TimesSpec times) {
        this.times = times;
    }

    public Boolean getOneOrMore() {
        return oneOrMore;
    }

    public void setOneOrMore(Boolean oneOrMore) {
        this.oneOrMore = oneOrMore;
    }

    public Boolean getOptional() {
        return optional;
    }

    public void setOptional(Boolean optional) {
        this.optional = optional;
    }

    public Boolean getGreedy() {
        return greedy;
    }

    public void setGreedy(Boolean greedy) {
        this.greedy = greedy;
    }

    public Boolean getConsecutive() {
        return consecutive;
    }

    public void setConsecutive(Boolean consecutive) {
        this.consecutive = consecutive;
    }

    public Boolean getAllowCombinations() {
        return allowCombinations;
    }

    public void setAllowCombinations(Boolean allowCombinations) {
        this.allowCombinations = allowCombinations;
    }

    public String getUntil() {
        return until;
    }

    public void setUntil(String until) {
        this.until = until;
    }
}
