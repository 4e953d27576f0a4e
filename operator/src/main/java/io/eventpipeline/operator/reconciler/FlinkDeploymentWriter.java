package io.eventpipeline.operator.reconciler;

import io.fabric8.kubernetes.client.KubernetesClient;
import org.apache.flink.kubernetes.operator.api.FlinkDeployment;

/**
 * Writes FlinkDeployments. An existing one is edited, not replaced, so that what others keep on it
 * (the Flink operator's finalizer and annotations, its status) is left alone.
 */
public class FlinkDeploymentWriter {
    private final KubernetesClient client;

    public FlinkDeploymentWriter(KubernetesClient client) {
        this.client = client;
    }

    public FlinkDeployment write(FlinkDeployment desired, FlinkDeployment actual) {
        if (actual == null) {
            return client.resource(desired).create();
        }
        return client.resource(actual)
                .edit(
                        current -> {
                            current.setSpec(desired.getSpec());
                            current.getMetadata().setLabels(desired.getMetadata().getLabels());
                            current.getMetadata()
                                    .setOwnerReferences(desired.getMetadata().getOwnerReferences());
                            return current;
                        });
    }

    public void delete(FlinkDeployment deployment) {
        client.resource(deployment).delete();
    }
}
