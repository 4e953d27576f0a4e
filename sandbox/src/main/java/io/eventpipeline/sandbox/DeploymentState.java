package io.eventpipeline.sandbox;

import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.kubernetes.operator.api.spec.FlinkDeploymentSpec;
import org.apache.flink.kubernetes.operator.api.status.ReconciliationState;

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
}
