package io.eventpipeline.operator.flink;

import io.eventpipeline.operator.api.JobSummary;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import java.util.Optional;
import org.apache.flink.kubernetes.operator.api.FlinkDeployment;
import org.apache.flink.kubernetes.operator.api.lifecycle.ResourceLifecycleState;
import org.apache.flink.kubernetes.operator.api.status.CommonStatus;
import org.apache.flink.kubernetes.operator.api.status.FlinkDeploymentStatus;
import org.apache.flink.kubernetes.operator.api.status.ReconciliationState;

/** Reads a FlinkDeployment: whose it is, and what its status says. */
public final class FlinkDeploymentState {
    private FlinkDeploymentState() {}

    /**
     * Whether the FlinkDeployment's controller is the pipeline: its controller owner reference
     * names the pipeline's kind and name, as the owner references the informer maps to pipelines
     * do.
     */
    public static boolean controlledBy(FlinkDeployment deployment, HasMetadata pipeline) {
        return controllerReference(deployment)
                .filter(o -> o.getKind().equals(pipeline.getKind()))
                .filter(o -> o.getName().equals(pipeline.getMetadata().getName()))
                .isPresent();
    }

    /** "Kind name" of the FlinkDeployment's controller, or "none". */
    public static String controller(FlinkDeployment deployment) {
        return controllerReference(deployment)
                .map(o -> o.getKind() + " " + o.getName())
                .orElse("none");
    }

    private static Optional<OwnerReference> controllerReference(FlinkDeployment deployment) {
        return deployment.getMetadata().getOwnerReferences().stream()
                .filter(o -> Boolean.TRUE.equals(o.getController()))
                .findFirst();
    }

    /** The job as the FlinkDeployment's status reports it. */
    public static JobSummary summarize(FlinkDeployment deployment) {
        JobSummary summary =
                new JobSummary()
                        .setMode(JobSummary.APPLICATION)
                        .setFlinkDeployment(deployment.getMetadata().getName());
        FlinkDeploymentStatus status = deployment.getStatus();
        if (status == null) {
            return summary;
        }
        ReconciliationState reconciliation = copyStatus(status, summary);
        if (rolloutPending(deployment, reconciliation)) {
            summary.setRolloutPending(true);
        }
        return summary;
    }

    /**
     * Whether the Flink operator has yet to finish rolling out the deployment's spec: it has not
     * observed the latest generation, or it is upgrading or rolling back. A status without an
     * observed generation (a Flink operator that does not report one) counts as observed.
     */
    private static boolean rolloutPending(
            FlinkDeployment deployment, ReconciliationState reconciliation) {
        Long generation = deployment.getMetadata().getGeneration();
        Long observed = deployment.getStatus().getObservedGeneration();
        boolean behind = generation != null && observed != null && observed < generation;
        return behind
                || reconciliation == ReconciliationState.UPGRADING
                || reconciliation == ReconciliationState.ROLLING_BACK;
    }

    /** The lifecycle state is derived from other status fields; it needs a complete status. */
    /**
     * Copies what a FlinkDeployment's and a FlinkSessionJob's status share into the summary:
     * lifecycle, job id and state, error and reconciliation state, which it returns.
     */
    static ReconciliationState copyStatus(CommonStatus<?> status, JobSummary summary) {
        ResourceLifecycleState lifecycle = lifecycleState(status);
        if (lifecycle != null) {
            summary.setLifecycleState(lifecycle.name());
        }
        if (status.getJobStatus() != null) {
            summary.setJobId(status.getJobStatus().getJobId());
            if (status.getJobStatus().getState() != null) {
                summary.setJobState(status.getJobStatus().getState().name());
            }
        }
        if (status.getError() != null && !status.getError().isBlank()) {
            summary.setError(status.getError());
        }
        ReconciliationState reconciliation =
                status.getReconciliationStatus() == null
                        ? null
                        : status.getReconciliationStatus().getState();
        if (reconciliation != null) {
            summary.setReconciliationState(reconciliation.name());
        }
        return reconciliation;
    }

    private static ResourceLifecycleState lifecycleState(CommonStatus<?> status) {
        try {
            return status.getLifecycleState();
        } catch (RuntimeException incomplete) {
            return null;
        }
    }
}
