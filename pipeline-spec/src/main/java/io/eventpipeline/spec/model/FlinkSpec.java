package io.eventpipeline.spec.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.eventpipeline.spec.Durations;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import java.util.Map;

/** Settings of the pipeline's Flink job; absent fields take the operator's defaults. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({
    "sessionCluster",
    "image",
    "parallelism",
    "autoscaler",
    "jobManager",
    "taskManager",
    "checkpointInterval",
    "upgradeMode",
    "flinkConfiguration"
})
public class FlinkSpec {
    /** Flink's largest parallelism (KeyGroupRangeAssignment.UPPER_BOUND_MAX_PARALLELISM). */
    public static final int MAX_PARALLELISM = 1 << 15;

    /** A Kubernetes object name (DNS-1123 subdomain), as a FlinkDeployment's name must be. */
    public static final String SESSION_CLUSTER_SYNTAX =
            "^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$";

    @Pattern(SESSION_CLUSTER_SYNTAX)
    @JsonPropertyDescription(
            "Run the job as a FlinkSessionJob on this session cluster (a FlinkDeployment without a"
                    + " job, in the pipeline's namespace) instead of in a FlinkDeployment of its"
                    + " own. The job then shares the session cluster's pods: image, JobManager and"
                    + " TaskManager resources and cluster-level Flink keys are the session"
                    + " cluster's. Set when the pipeline is created; changing it later is refused"
                    + " (README, Session clusters).")
    private String sessionCluster;

    @JsonPropertyDescription(
            "Container image of the pattern job: a tag or digest of a repository the operator"
                    + " allows (the default job image's, and the chart's job.allowedImages).")
    private String image;

    @Min(1)
    @Max(MAX_PARALLELISM)
    @JsonPropertyDescription("Job parallelism.")
    private Integer parallelism;

    @JsonPropertyDescription(
            "Let the Flink Kubernetes Operator's autoscaler rescale the job between bounds;"
                    + " parallelism is then where it starts.")
    private AutoscalerSpec autoscaler;

    @JsonPropertyDescription("JobManager settings.")
    private FlinkComponentSpec jobManager;

    @JsonPropertyDescription("TaskManager settings.")
    private FlinkComponentSpec taskManager;

    @JsonPropertyDescription("Checkpoint interval, as a duration (e.g. 30s).")
    @Pattern(Durations.SYNTAX)
    private String checkpointInterval;

    @JsonPropertyDescription(
            "How the job is upgraded and suspended: savepoint (default), last-state or stateless.")
    private UpgradeMode upgradeMode;

    @JsonPropertyDescription(
            "Extra Flink configuration, from the keys the operator allows (README, Trust model);"
                    + " keys the operator sets itself are refused.")
    private Map<String, String> flinkConfiguration;

    public String getSessionCluster() {
        return sessionCluster;
    }

    public void setSessionCluster(String sessionCluster) {
        this.sessionCluster = sessionCluster;
    }

    public String getImage() {
        return image;
    }

    public void setImage(String image) {
        this.image = image;
    }

    public Integer getParallelism() {
        return parallelism;
    }

    public void setParallelism(Integer parallelism) {
        this.parallelism = parallelism;
    }

    public AutoscalerSpec getAutoscaler() {
        return autoscaler;
    }

    public void setAutoscaler(AutoscalerSpec autoscaler) {
        this.autoscaler = autoscaler;
    }

    public FlinkComponentSpec getJobManager() {
        return jobManager;
    }

    public void setJobManager(FlinkComponentSpec jobManager) {
        this.jobManager = jobManager;
    }

    public FlinkComponentSpec getTaskManager() {
        return taskManager;
    }

    public void setTaskManager(FlinkComponentSpec taskManager) {
        this.taskManager = taskManager;
    }

    public String getCheckpointInterval() {
        return checkpointInterval;
    }

    public void setCheckpointInterval(String checkpointInterval) {
        this.checkpointInterval = checkpointInterval;
    }

    public UpgradeMode getUpgradeMode() {
        return upgradeMode;
    }

    public void setUpgradeMode(UpgradeMode upgradeMode) {
        this.upgradeMode = upgradeMode;
    }

    public Map<String, String> getFlinkConfiguration() {
        return flinkConfiguration;
    }

    public void setFlinkConfiguration(Map<String, String> flinkConfiguration) {
        this.flinkConfiguration = flinkConfiguration;
    }
}
