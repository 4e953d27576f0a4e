package io.eventpipeline.sandbox;

import io.eventpipeline.operator.api.EventPipeline;
import io.eventpipeline.operator.api.Phase;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

/** What a user does with kubectl: apply, read, wait for a phase. */
public final class PipelineClient {
    private final KubernetesClient client;

    public PipelineClient(KubernetesClient client) {
        this.client = client;
    }

    /** {@code kubectl apply}: creates the pipeline, or replaces its spec. */
    public EventPipeline apply(EventPipeline pipeline) {
        EventPipeline copy = io.fabric8.kubernetes.client.utils.Serialization.clone(pipeline);
        if (copy.getMetadata().getNamespace() == null) {
            copy.getMetadata().setNamespace("default");
        }
        copy.getMetadata().setResourceVersion(null);
        copy.setStatus(null);
        return client.resource(copy).createOr(NonDeletingOperation::update);
    }

    public EventPipeline get(String namespace, String name) {
        return client.resources(EventPipeline.class).inNamespace(namespace).withName(name).get();
    }

    /** Waits until the status describes the current generation and is in this phase. */
    public EventPipeline awaitPhase(String namespace, String name, Phase phase, Duration timeout)
            throws InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        EventPipeline pipeline = null;
        while (System.nanoTime() < deadline) {
            pipeline = get(namespace, name);
            if (pipeline != null
                    && pipeline.getStatus() != null
                    && pipeline.getStatus().getPhase() == phase
                    && pipeline.getMetadata()
                            .getGeneration()
                            .equals(pipeline.getStatus().getObservedGeneration())) {
                return pipeline;
            }
            Thread.sleep(200);
        }
        throw new TimeoutException(
                namespace
                        + "/"
                        + name
                        + " did not reach "
                        + phase
                        + " within "
                        + timeout
                        + "; last status: "
                        + (pipeline == null ? "none" : StatusPrinter.rowOf(pipeline)));
    }

    public void delete(String namespace, String name) {
        client.resources(EventPipeline.class).inNamespace(namespace).withName(name).delete();
    }
}
