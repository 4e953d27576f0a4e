package io.eventpipeline.sandbox;

import java.time.Instant;
import java.util.Map;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.kubernetes.operator.api.FlinkDeployment;
import org.apache.flink.kubernetes.operator.api.spec.FlinkDeploymentSpec;
import org.apache.flink.kubernetes.operator.api.status.FlinkDeploymentStatus;
import org.apache.flink.kubernetes.operator.api.status.JobManagerDeploymentStatus;
import org.apache.flink.kubernetes.operator.api.status.ReconciliationState;
import org.apache.flink.kubernetes.operator.api.status.Savepoint;
import org.apache.flink.kubernetes.operator.api.status.SnapshotTriggerType;

/**
 * What the stand-in knows about one FlinkDeployment: the job it runs, the spec that job was built
 * from, and the savepoint it stopped with. Touched only on the stand-in's single thread.
 */
final class DeploymentState {
    final String namespace;
    final String name;
    JobID jobId;
    JobStatus jobState;
    String error;
    String savepoint;
    FlinkDeploymentSpec reconciledSpec;

    /** The reconciled spec without {@code job.state}: a difference in it means an upgrade. */
    String upgradeKey;

    ReconciliationState reconciliation = ReconciliationState.UPGRADING;
    boolean stable;

    DeploymentState(String namespace, String name) {
        this.namespace = namespace;
        this.name = name;
    }

    String key() {
        return namespace + "/" + name;
    }

    /**
     * The status the Flink Kubernetes Operator writes for this state: job state and id, the
     * reconciliation status with the last reconciled (and stable) spec, from which the API classes
     * derive {@code lifecycleState}, and the error, if any.
     */
    FlinkDeploymentStatus status(FlinkDeployment deployment) {
        FlinkDeploymentStatus status = new FlinkDeploymentStatus();
        deployment.setStatus(status);
        String now = Instant.now().toString();
        var job = status.getJobStatus();
        job.setJobName(deployment.getMetadata().getName());
        job.setJobId(jobId == null ? null : jobId.toHexString());
        job.setState(jobState);
        job.setUpdateTime(now);
        job.setUpgradeSavepointPath(savepoint);
        if (savepoint != null) {
            job.getSavepointInfo()
                    .setLastSavepoint(
                            Savepoint.of(
                                    savepoint,
                                    System.currentTimeMillis(),
                                    SnapshotTriggerType.UPGRADE));
        }
        status.setError(error);
        status.setJobManagerDeploymentStatus(
                jobId == null
                        ? JobManagerDeploymentStatus.MISSING
                        : JobManagerDeploymentStatus.READY);
        status.setClusterInfo(Map.of("flink-version", "1.20", "sandbox", "MiniCluster"));
        var reconciliationStatus = status.getReconciliationStatus();
        reconciliationStatus.setState(reconciliation);
        reconciliationStatus.setReconciliationTimestamp(System.currentTimeMillis());
        if (reconciledSpec != null) {
            reconciliationStatus.serializeAndSetLastReconciledSpec(reconciledSpec, deployment);
            if (stable) {
                reconciliationStatus.markReconciledSpecAsStable();
            }
        }
        return status;
    }
}
