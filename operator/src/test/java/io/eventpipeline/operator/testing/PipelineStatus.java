package io.eventpipeline.operator.testing;

import io.eventpipeline.operator.api.EventPipeline;
import io.eventpipeline.operator.api.StatusCondition;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;

/** Reading a pipeline's status and events in assertions. */
public final class PipelineStatus {
    private PipelineStatus() {}

    public static StatusCondition condition(EventPipeline pipeline, String type) {
        return pipeline.getStatus().getConditions().stream()
                .filter(c -> type.equals(c.getType()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no condition " + type));
    }

    public static List<String> eventReasons(
            KubernetesClient client, String namespace, String name) {
        return client.v1().events().inNamespace(namespace).list().getItems().stream()
                .filter(e -> name.equals(e.getInvolvedObject().getName()))
                .map(Event::getReason)
                .toList();
    }
}
