package io.eventpipeline.operator.reconciler;

import io.eventpipeline.operator.api.EventPipeline;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Kubernetes Events about a pipeline, for {@code kubectl describe} and event-driven tooling. */
public class PipelineEvents {
    private static final Logger LOG = LoggerFactory.getLogger(PipelineEvents.class);
    private static final String SOURCE = "eventpipeline-operator";

    private final KubernetesClient client;
    private final Clock clock;
    private final AtomicLong sequence = new AtomicLong();

    public PipelineEvents(KubernetesClient client, Clock clock) {
        this.client = client;
        this.clock = clock;
    }

    public void normal(EventPipeline pipeline, String reason, String message) {
        record(pipeline, "Normal", reason, message);
    }

    public void warning(EventPipeline pipeline, String reason, String message) {
        record(pipeline, "Warning", reason, message);
    }

    private void record(EventPipeline pipeline, String type, String reason, String message) {
        String now = Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString();
        String name =
                pipeline.getMetadata().getName()
                        + "."
                        + Long.toHexString(clock.millis())
                        + Long.toHexString(sequence.incrementAndGet());
        try {
            client.v1()
                    .events()
                    .inNamespace(pipeline.getMetadata().getNamespace())
                    .resource(
                            new EventBuilder()
                                    .withNewMetadata()
                                    .withName(name)
                                    .withNamespace(pipeline.getMetadata().getNamespace())
                                    .endMetadata()
                                    .withInvolvedObject(
                                            new ObjectReferenceBuilder()
                                                    .withApiVersion(pipeline.getApiVersion())
                                                    .withKind(pipeline.getKind())
                                                    .withName(pipeline.getMetadata().getName())
                                                    .withNamespace(
                                                            pipeline.getMetadata().getNamespace())
                                                    .withUid(pipeline.getMetadata().getUid())
                                                    .build())
                                    .withType(type)
                                    .withReason(reason)
                                    .withMessage(
                                            message.length() > 1000
                                                    ? message.substring(0, 1000)
                                                    : message)
                                    .withFirstTimestamp(now)
                                    .withLastTimestamp(now)
                                    .withCount(1)
                                    .withNewSource()
                                    .withComponent(SOURCE)
                                    .endSource()
                                    .build())
                    .create();
        } catch (KubernetesClientException e) {
            // An event is a courtesy: failing to record one must not fail the reconcile.
            LOG.warn("could not record event {} for {}: {}", reason, name, e.getMessage());
        }
    }
}
