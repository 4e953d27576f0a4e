package io.eventpipeline.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Objects;

/** The pipeline's Flink job, mirrored from its FlinkDeployment or FlinkSessionJob. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({
    "mode",
    "sessionCluster",
    "flinkDeployment",
    "flinkSessionJob",
    "lifecycleState",
    "jobState",
    "jobId",
    "error",
    "reconciliationState",
    "rolloutPending"
})
public class JobSummary {
    /** The job runs in a FlinkDeployment of its own. */
    public static final String APPLICATION = "Application";

    /** The job runs as a FlinkSessionJob on a shared session cluster. */
    public static final String SESSION = "Session";

    @JsonPropertyDescription(
            "Application: the job runs in a FlinkDeployment of its own; Session: as a"
                    + " FlinkSessionJob on the session cluster spec.flink.sessionCluster names.")
    private String mode;

    @JsonPropertyDescription("Session mode: the session cluster (FlinkDeployment) the job runs on.")
    private String sessionCluster;

    @JsonPropertyDescription("Session mode: name of the FlinkSessionJob running the job.")
    private String flinkSessionJob;

    @JsonPropertyDescription("Name of the FlinkDeployment running the job.")
    private String flinkDeployment;

    @JsonPropertyDescription(
            "The FlinkDeployment's lifecycle state (e.g. DEPLOYED, STABLE, SUSPENDED, FAILED).")
    private String lifecycleState;

    @JsonPropertyDescription("The Flink job state (e.g. RUNNING, FAILED).")
    private String jobState;

    @JsonPropertyDescription("The Flink job id.")
    private String jobId;

    @JsonPropertyDescription("The FlinkDeployment's last error, if any.")
    private String error;

    @JsonPropertyDescription(
            "The Flink operator's reconciliation state (DEPLOYED, UPGRADING, ROLLING_BACK,"
                    + " ROLLED_BACK).")
    private String reconciliationState;

    @JsonPropertyDescription(
            "true while the Flink operator has not yet rolled out the FlinkDeployment's latest"
                    + " spec (its status.observedGeneration is behind, or it is upgrading).")
    private Boolean rolloutPending;

    public String getMode() {
        return mode;
    }

    public JobSummary setMode(String mode) {
        this.mode = mode;
        return this;
    }

    public String getSessionCluster() {
        return sessionCluster;
    }

    public JobSummary setSessionCluster(String sessionCluster) {
        this.sessionCluster = sessionCluster;
        return this;
    }

    public String getFlinkSessionJob() {
        return flinkSessionJob;
    }

    public JobSummary setFlinkSessionJob(String flinkSessionJob) {
        this.flinkSessionJob = flinkSessionJob;
        return this;
    }

    public String getFlinkDeployment() {
        return flinkDeployment;
    }

    public JobSummary setFlinkDeployment(String flinkDeployment) {
        this.flinkDeployment = flinkDeployment;
        return this;
    }

    public String getLifecycleState() {
        return lifecycleState;
    }

    public JobSummary setLifecycleState(String lifecycleState) {
        this.lifecycleState = lifecycleState;
        return this;
    }

    public String getJobState() {
        return jobState;
    }

    public JobSummary setJobState(String jobState) {
        this.jobState = jobState;
        return this;
    }

    public String getJobId() {
        return jobId;
    }

    public JobSummary setJobId(String jobId) {
        this.jobId = jobId;
        return this;
    }

    public String getError() {
        return error;
    }

    public JobSummary setError(String error) {
        this.error = error;
        return this;
    }

    public String getReconciliationState() {
        return reconciliationState;
    }

    public JobSummary setReconciliationState(String reconciliationState) {
        this.reconciliationState = reconciliationState;
        return this;
    }

    public Boolean getRolloutPending() {
        return rolloutPending;
    }

    public JobSummary setRolloutPending(Boolean rolloutPending) {
        this.rolloutPending = rolloutPending;
        return this;
    }

    /** Whether the Flink operator is still rolling out the latest spec. */
    public boolean rolloutInFlight() {
        return Boolean.TRUE.equals(rolloutPending);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof JobSummary other
                && Objects.equals(mode, other.mode)
                && Objects.equals(sessionCluster, other.sessionCluster)
                && Objects.equals(flinkSessionJob, other.flinkSessionJob)
                && Objects.equals(flinkDeployment, other.flinkDeployment)
                && Objects.equals(lifecycleState, other.lifecycleState)
                && Objects.equals(jobState, other.jobState)
                && Objects.equals(jobId, other.jobId)
                && Objects.equals(error, other.error)
                && Objects.equals(reconciliationState, other.reconciliationState)
                && Objects.equals(rolloutPending, other.rolloutPending);
    }

    @Override
    public int hashCode() {
        return Objects.hash(
                mode,
                sessionCluster,
                flinkSessionJob,
                flinkDeployment,
                lifecycleState,
                jobState,
                jobId,
                error,
                reconciliationState,
                rolloutPending);
    }
}
