package io.eventpipeline.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.ArrayList;
import java.util.List;

/** What the operator observed and did for an EventPipeline. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"observedGeneration", "phase", "conditions", "topics", "job", "lastUpgrade"})
public class EventPipelineStatus {

    @JsonPropertyDescription("The metadata.generation this status describes.")
    private Long observedGeneration;

    @JsonPropertyDescription("Deploying, Running, Suspended, Degraded or Failed.")
    private Phase phase;

    @JsonPropertyDescription("SpecValid, TopicsReady, JobReady and Ready, with reasons.")
    private List<StatusCondition> conditions = new ArrayList<>();

    @JsonPropertyDescription("The pipeline's topics as found on the Kafka cluster.")
    private List<TopicStatus> topics = new ArrayList<>();

    @JsonPropertyDescription("The Flink job, as its FlinkDeployment reports it.")
    private JobSummary job;

    @JsonPropertyDescription(
            "What the last change of the running job did to its state: per pattern, partial"
                    + " matches kept or started fresh, and whether input offsets carried over.")
    private UpgradeSummary lastUpgrade;

    public Long getObservedGeneration() {
        return observedGeneration;
    }

    public void setObservedGeneration(Long observedGeneration) {
        this.observedGeneration = observedGeneration;
    }

    public Phase getPhase() {
        return phase;
    }

    public void setPhase(Phase phase) {
        this.phase = phase;
    }

    public List<StatusCondition> getConditions() {
        return conditions;
    }

    public void setConditions(List<StatusCondition> conditions) {
        this.conditions = conditions;
    }

    public List<TopicStatus> getTopics() {
        return topics;
    }

    public void setTopics(List<TopicStatus> topics) {
        this.topics = topics;
    }

    public JobSummary getJob() {
        return job;
    }

    public void setJob(JobSummary job) {
        this.job = job;
    }

    public UpgradeSummary getLastUpgrade() {
        return lastUpgrade;
    }

    public void setLastUpgrade(UpgradeSummary lastUpgrade) {
        this.lastUpgrade = lastUpgrade;
    }
}
