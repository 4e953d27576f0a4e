package io.eventpipeline.operator.flink;

import io.eventpipeline.operator.api.JobSummary;
import io.fabric8.kubernetes.api.model.HasMetadata;
import org.apache.flink.kubernetes.operator.api.FlinkDeployment;
import org.apache.flink.kubernetes.operator.api.FlinkSessionJob;
import org.apache.flink.kubernetes.operator.api.status.FlinkSessionJobStatus;
import org.apache.flink.kubernetes.operator.api.status.ReconciliationState;

/**
 * Reads a FlinkSessionJob into the same {@link JobSummary} a FlinkDeployment gives ({@link
 * FlinkDeploymentState}), so status, phase and conditions are computed alike in both modes; and
 * says whether a FlinkDeployment can host session jobs.
 */
public final class FlinkSessionJobState {
    private FlinkSessionJobState() {}

    /** A session cluster is a FlinkDeployment without a job; the Flink operator refuses others. */
    public static boolean isSessionCluster(FlinkDeployment deployment) {
        return deployment.getSpec() != null && deployment.getSpec().getJob() == null;
    }

    /** Whether the session job's controller owner reference names the pipeline. */
    public static boolean controlledBy(FlinkSessionJob job, HasMetadata pipeline) {
        return job.getMetadata().getOwnerReferences().stream()
                .filter(o -> Boolean.TRUE.equals(o.getController()))
                .anyMatch(
                        o ->
                                o.getKind().equals(pipeline.getKind())
                                        && o.getName().equals(pipeline.getMetadata().getName()));
    }

    /** The job as the FlinkSessionJob's status reports it. */
    public static JobSummary summarize(FlinkSessionJob job) {
        JobSummary summary =
                new JobSummary()
                        .setMode(JobSummary.SESSION)
                        .setSessionCluster(
                                job.getSpec() == null ? null : job.getSpec().getDeploymentName())
                        .setFlinkSessionJob(job.getMetadata().getName());
        FlinkSessionJobStatus status = job.getStatus();
        if (status == null) {
            return summary;
        }
        ReconciliationState reconciliation = FlinkDeploymentState.copyStatus(status, summary);
        if (rolloutPending(job, reconciliation)) {
            summary.setRolloutPending(true);
        }
        return summary;
    }

    /**
     * As for a FlinkDeployment: the Flink operator has not observed the latest generation, or is
     * upgrading. Session jobs are never rolled back (rollbacks are a FlinkDeployment feature).
     */
    private static boolean rolloutPending(FlinkSessionJob job, ReconciliationState reconciliation) {
        Long generation = job.getMetadata().getGeneration();
        Long observed = job.getStatus().getObservedGeneration();
        boolean behind = generation != null && observed != null && observed < generation;
        return behind || reconciliation == ReconciliationState.UPGRADING;
    }
}
