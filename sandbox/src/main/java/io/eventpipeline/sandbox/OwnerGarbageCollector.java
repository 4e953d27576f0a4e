package io.eventpipeline.sandbox;

import io.eventpipeline.operator.api.EventPipeline;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import org.apache.flink.kubernetes.operator.api.FlinkDeployment;

/**
 * The part of Kubernetes' garbage collector the sandbox needs, which the mock API server lacks:
 * once an EventPipeline is gone, the FlinkDeployments it owns are deleted (background cascading
 * deletion). The operator relies on it: a pipeline that keeps its topics carries no finalizer.
 */
final class OwnerGarbageCollector implements AutoCloseable {
    private final KubernetesClient client;
    private SharedIndexInformer<EventPipeline> informer;

    OwnerGarbageCollector(KubernetesClient client) {
        this.client = client;
    }

    OwnerGarbageCollector start() {
        informer =
                client.resources(EventPipeline.class)
                        .inAnyNamespace()
                        .inform(
                                new ResourceEventHandler<>() {
                                    @Override
                                    public void onAdd(EventPipeline pipeline) {}

                                    @Override
                                    public void onUpdate(EventPipeline old, EventPipeline now) {}

                                    @Override
                                    public void onDelete(EventPipeline pipeline, boolean unknown) {
                                        deleteOwnedBy(pipeline);
                                    }
                                });
        return this;
    }

    private void deleteOwnedBy(EventPipeline owner) {
        String uid = owner.getMetadata().getUid();
        client
                .resources(FlinkDeployment.class)
                .inNamespace(owner.getMetadata().getNamespace())
                .list()
                .getItems()
                .stream()
                .filter(
                        d ->
                                d.getMetadata().getOwnerReferences().stream()
                                        .anyMatch(ref -> uid.equals(ref.getUid())))
                .forEach(d -> client.resource(d).delete());
    }

    @Override
    public void close() {
        if (informer != null) {
            informer.close();
        }
    }
}
