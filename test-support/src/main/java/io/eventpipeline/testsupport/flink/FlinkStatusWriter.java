package io.eventpipeline.testsupport.flink;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.function.Function;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.kubernetes.operator.api.FlinkDeployment;
import org.apache.flink.kubernetes.operator.api.status.FlinkDeploymentStatus;
import org.apache.flink.kubernetes.operator.api.status.ReconciliationState;

/**
 * Writes a FlinkDeployment's status as the Flink Kubernetes Operator does: onto the object as it
 * read it, so a spec written in between makes the API server refuse the write (409); then it reads
 * again and writes the status anew on top of the new spec.
 */
public final class FlinkStatusWriter {
    /** The job id every stand-in job that does not really run reports. */
    public static final String JOB_ID = "00000000000000000000000000000001";

    private static final int ATTEMPTS = 5;

    private final KubernetesClient client;

    public FlinkStatusWriter(KubernetesClient client) {
        this.client = client;
    }

    /**
     * Reads the deployment and writes the status made from it.
     *
     * @return false when the deployment is gone
     */
    public boolean write(
            String namespace,
            String name,
            Function<FlinkDeployment, FlinkDeploymentStatus> status) {
        return write(read(namespace, name), status);
    }

    /**
     * Writes the status made from this copy of the deployment onto it, with no read before (the
     * cheapest write); after a conflict, reads again.
     *
     * @param deployment a copy the caller may change (not an informer cache's object)
     * @return false when the deployment is gone
     */
    public boolean write(
            FlinkDeployment deployment, Function<FlinkDeployment, FlinkDeploymentStatus> status) {
        String namespace = deployment.getMetadata().getNamespace();
        String name = deployment.getMetadata().getName();
        for (int attempt = 1; deployment != null; attempt++) {
            deployment.setStatus(status.apply(deployment));
            try {
                client.resource(deployment).updateStatus();
                return true;
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409 || attempt == ATTEMPTS) {
                    throw e;
                }
                deployment = read(namespace, name);
            }
        }
        return false;
    }

    private FlinkDeployment read(String namespace, String name) {
        return client.resources(FlinkDeployment.class).inNamespace(namespace).withName(name).get();
    }

    /**
     * The status the Flink operator reports for a deployment it has rolled out whose job is in the
     * given state: job state and id, reconciliation {@code DEPLOYED}, the deployment's generation
     * observed. What the EventPipeline operator reads, nothing more.
     */
    public static FlinkDeploymentStatus jobReported(FlinkDeployment deployment, JobStatus state) {
        FlinkDeploymentStatus status = new FlinkDeploymentStatus();
        status.getJobStatus().setState(state);
        status.getJobStatus().setJobId(JOB_ID);
        status.getReconciliationStatus().setState(ReconciliationState.DEPLOYED);
        status.setObservedGeneration(deployment.getMetadata().getGeneration());
        return status;
    }
}
