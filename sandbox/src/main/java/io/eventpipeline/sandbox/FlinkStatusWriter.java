package io.eventpipeline.sandbox;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Instant;
import java.util.Map;
import org.apache.flink.kubernetes.operator.api.FlinkDeployment;
import org.apache.flink.kubernetes.operator.api.status.FlinkDeploymentStatus;
import org.apache.flink.kubernetes.operator.api.status.JobManagerDeploymentStatus;
import org.apache.flink.kubernetes.operator.api.status.JobStatus;

/**
 * Writes a FlinkDeployment's status the way the Flink Kubernetes Operator does: job state and id,
 * the reconciliation status with the last reconciled (and stable) spec, from which the API classes
 * derive {@code lifecycleState}, and the error, if any.
 */
final class FlinkStatusWriter {
    private static final int ATTEMPTS = 5;

    private final KubernetesClient client;

    FlinkStatusWriter(KubernetesClient client) {
        this.client = client;
    }

    void write(DeploymentState state) {
        for (int attempt = 1; ; attempt++) {
            FlinkDeployment deployment =
                    client.resources(FlinkDeployment.class)
                            .inNamespace(state.namespace)
                            .withName(state.name)
                            .get();
            if (deployment == null) {
                return;
            }
            deployment.setStatus(status(state, deployment));
            try {
                client.resource(deployment).updateStatus();
                return;
            } catch (KubernetesClientException e) {
                // A spec write raced ours: read again and rewrite the status on top of it.
                if (e.getCode() != 409 || attempt == ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    private static FlinkDeploymentStatus status(DeploymentState state, FlinkDeployment deployment) {
        FlinkDeploymentStatus status = new FlinkDeploymentStatus();
        deployment.setStatus(status);
        String now = Instant.now().toString();
        JobStatus job = status.getJobStatus();
        job.setJobName(deployment.getMetadata().getName());
        job.setJobId(state.jobId == null ? null : state.jobId.toHexString());
        job.setState(state.jobState);
        job.setUpdateTime(now);
        job.setUpgradeSavepointPath(state.savepoint);
        if (state.savepoint != null) {
            job.getSavepointInfo().setLastSavepoint(savepoint(state.savepoint));
        }
        status.setError(state.error);
        status.setJobManagerDeploymentStatus(
                state.jobId == null
                        ? JobManagerDeploymentStatus.MISSING
                        : JobManagerDeploymentStatus.READY);
        status.setClusterInfo(Map.of("flink-version", "1.20", "sandbox", "MiniCluster"));
        var reconciliation = status.getReconciliationStatus();
        reconciliation.setState(state.reconciliation);
        reconciliation.setReconciliationTimestamp(System.currentTimeMillis());
        if (state.reconciledSpec != null) {
            reconciliation.serializeAndSetLastReconciledSpec(state.reconciledSpec, deployment);
            if (state.stable) {
                reconciliation.markReconciledSpecAsStable();
            }
        }
        return status;
    }

    private static org.apache.flink.kubernetes.operator.api.status.Savepoint savepoint(
            String path) {
        return org.apache.flink.kubernetes.operator.api.status.Savepoint.of(
                path,
                System.currentTimeMillis(),
                org.apache.flink.kubernetes.operator.api.status.SnapshotTriggerType.UPGRADE);
    }
}
