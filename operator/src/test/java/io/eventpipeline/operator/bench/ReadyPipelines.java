package io.eventpipeline.operator.bench;

import io.eventpipeline.operator.api.EventPipeline;
import io.eventpipeline.operator.api.StatusCondition;
import io.eventpipeline.operator.status.ConditionType;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which pipelines report {@code Ready=True} for their current generation, by namespace, as the
 * benchmark's own watch sees them.
 */
final class ReadyPipelines implements AutoCloseable {
    private final Map<String, Set<String>> byNamespace = new ConcurrentHashMap<>();
    private final SharedIndexInformer<EventPipeline> informer;

    ReadyPipelines(KubernetesClient client) {
        this.informer =
                client.resources(EventPipeline.class)
                        .inAnyNamespace()
                        .inform(
                                new ResourceEventHandler<>() {
                                    @Override
                                    public void onAdd(EventPipeline pipeline) {
                                        check(pipeline);
                                    }

                                    @Override
                                    public void onUpdate(
                                            EventPipeline before, EventPipeline after) {
                                        check(after);
                                    }

                                    @Override
                                    public void onDelete(EventPipeline pipeline, boolean unknown) {
                                        ready(pipeline).remove(pipeline.getMetadata().getName());
                                    }
                                });
    }

    int count(String namespace) {
        return byNamespace.getOrDefault(namespace, Set.of()).size();
    }

    private void check(EventPipeline pipeline) {
        var status = pipeline.getStatus();
        boolean isReady =
                status != null
                        && pipeline.getMetadata()
                                .getGeneration()
                                .equals(status.getObservedGeneration())
                        && status.getConditions().stream()
                                .filter(c -> ConditionType.Ready.name().equals(c.getType()))
                                .map(StatusCondition::getStatus)
                                .anyMatch("True"::equals);
        if (isReady) {
            ready(pipeline).add(pipeline.getMetadata().getName());
        } else {
            ready(pipeline).remove(pipeline.getMetadata().getName());
        }
    }

    private Set<String> ready(EventPipeline pipeline) {
        return byNamespace.computeIfAbsent(
                pipeline.getMetadata().getNamespace(), ns -> ConcurrentHashMap.newKeySet());
    }

    @Override
    public void close() {
        informer.close();
    }
}
