package io.eventpipeline.operator.bench;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.kubernetes.operator.api.FlinkDeployment;
import org.apache.flink.kubernetes.operator.api.status.FlinkDeploymentStatus;
import org.apache.flink.kubernetes.operator.api.status.ReconciliationState;

/**
 * Plays the Flink Kubernetes Operator for the benchmark: reports every FlinkDeployment's job
 * RUNNING once, in any namespace. It writes the status onto the copy its informer delivered and
 * reads the object again only after a conflict: the real Flink operator runs elsewhere, so its
 * stand-in should cost the shared cores (and the mock API server) as little as it can.
 */
final class FakeFlinkOperator implements AutoCloseable {
    static final String THREAD = "fake-flink-operator";
    private static final int ATTEMPTS = 5;

    private final KubernetesClient client;
    private final ExecutorService writes =
            Executors.newSingleThreadExecutor(r -> new Thread(r, THREAD));
    private final Set<String> reported = ConcurrentHashMap.newKeySet();
    private final SharedIndexInformer<FlinkDeployment> informer;

    FakeFlinkOperator(KubernetesClient client) {
        this.client = client;
        this.informer =
                client.resources(FlinkDeployment.class)
                        .inAnyNamespace()
                        .inform(
                                new ResourceEventHandler<>() {
                                    @Override
                                    public void onAdd(FlinkDeployment deployment) {
                                        var meta = deployment.getMetadata();
                                        if (reported.add(
                                                meta.getNamespace() + '/' + meta.getName())) {
                                            writes.submit(() -> reportRunning(deployment));
                                        }
                                    }

                                    @Override
                                    public void onUpdate(
                                            FlinkDeployment before, FlinkDeployment after) {}

                                    @Override
                                    public void onDelete(
                                            FlinkDeployment deployment, boolean unknown) {}
                                });
    }

    private void reportRunning(FlinkDeployment informed) {
        // The informer's object belongs to its cache: write on a copy.
        FlinkDeployment deployment = client.getKubernetesSerialization().clone(informed);
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            FlinkDeploymentStatus status = new FlinkDeploymentStatus();
            status.getJobStatus().setState(JobStatus.RUNNING);
            status.getJobStatus().setJobId("00000000000000000000000000000001");
            status.getReconciliationStatus().setState(ReconciliationState.DEPLOYED);
            deployment.setStatus(status);
            try {
                client.resource(deployment).updateStatus();
                return;
            } catch (KubernetesClientException e) {
                // A conflict with the operator's own write: read again and retry.
                deployment = client.resource(informed).get();
                if (deployment == null) {
                    return;
                }
            }
        }
        System.out.println("could not report " + informed.getMetadata().getName() + " RUNNING");
    }

    @Override
    public void close() {
        informer.close();
        writes.shutdownNow();
    }
}
