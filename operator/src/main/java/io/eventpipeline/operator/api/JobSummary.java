package io.eventpipeline.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Objects;

/** The pipeline's Flink job, mirrored from its FlinkDeployment. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"flinkDeployment", "lifecycleState", "jobState", "jobId", "error"})
public class JobSummary {

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

    @Override
    public boolean equals(Object o) {
        return o instanceof JobSummary other
                && Objects.equals(flinkDeployment, other.flinkDeployment)
                && Objects.equals(lifecycleState, other.lifecycleState)
                && Objects.equals(jobState, other.jobState)
                && Objects.equals(jobId, other.jobId)
                && Objects.equals(error, other.error);
    }

    @Override
    public int hashCode() {
        return Objects.hash(flinkDeployment, lifecycleState, jobState, jobId, error);
    }
}
