package io.eventpipeline.operator.reconciler;

import io.eventpipeline.operator.api.EventPipeline;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.net.HttpURLConnection;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kubernetes Events about a pipeline, for {@code kubectl describe} and event-driven tooling.
 *
 * <p>Repeats are aggregated as client-go's EventRecorder does: an Event's name is derived from the
 * pipeline, type, reason and message, so the same occurrence again raises {@code count} and {@code
 * lastTimestamp} of one object instead of adding another. A first occurrence is one create; a
 * repeat this process has written before is one patch; a repeat of an Event another process wrote
 * (a previous leader) is a create refused with 409, a read and a patch.
 */
public class PipelineEvents {
    private static final Logger LOG = LoggerFactory.getLogger(PipelineEvents.class);
    private static final String SOURCE = "eventpipeline-operator";
    private static final int MAX_MESSAGE = 1000;

    /** An Event name is a DNS subdomain: at most 253 characters, "." and 16 hex digits included. */
    private static final int MAX_NAME_PREFIX = 253 - 17;

    /** Enough for every Event of many pipelines; a forgotten one costs one 409 and a read. */
    private static final int REMEMBERED = 4096;

    private final KubernetesClient client;
    private final Clock clock;

    /** The count this process last wrote, by Event name, most recently used last. */
    private final Map<String, Integer> written =
            Collections.synchronizedMap(
                    new LinkedHashMap<>(64, 0.75f, true) {
                        @Override
                        protected boolean removeEldestEntry(Map.Entry<String, Integer> eldest) {
                            return size() > REMEMBERED;
                        }
                    });

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
        String shown = message.length() > MAX_MESSAGE ? message.substring(0, MAX_MESSAGE) : message;
        Event event = newEvent(pipeline, type, reason, shown);
        String name = event.getMetadata().getName();
        try {
            Integer count = written.get(name);
            written.put(name, count == null ? first(event) : repeat(event, count + 1));
        } catch (KubernetesClientException e) {
            written.remove(name);
            // An event is a courtesy: failing to record one must not fail the reconcile.
            if (NamespaceTermination.causedBy(e)) {
                LOG.debug("no event {} for {}: its namespace is being deleted", reason, name);
            } else {
                LOG.warn("could not record event {} for {}: {}", reason, name, e.getMessage());
            }
        }
    }

    /** Creates the Event, or counts this occurrence on it when someone else created it. */
    private int first(Event event) {
        try {
            client.v1().events().resource(event).create();
            return 1;
        } catch (KubernetesClientException e) {
            if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
                throw e;
            }
            Event existing = existing(event).get();
            if (existing == null) {
                throw e; // expired between the two calls: not worth another try
            }
            int count = (existing.getCount() == null ? 1 : existing.getCount()) + 1;
            patchCount(event, count);
            return count;
        }
    }

    /** Counts a repeat on the Event this process wrote; recreates it when it expired meanwhile. */
    private int repeat(Event event, int count) {
        try {
            patchCount(event, count);
            return count;
        } catch (KubernetesClientException e) {
            if (e.getCode() != HttpURLConnection.HTTP_NOT_FOUND) {
                throw e;
            }
            return first(event);
        }
    }

    /** A merge patch through the Event we built: naming the object up front saves a read. */
    private void patchCount(Event event, int count) {
        client.v1()
                .events()
                .resource(event)
                .patch(
                        PatchContext.of(PatchType.JSON_MERGE),
                        client.getKubernetesSerialization()
                                .asJson(
                                        Map.of(
                                                "count",
                                                count,
                                                "lastTimestamp",
                                                event.getLastTimestamp())));
    }

    private Resource<Event> existing(Event event) {
        return client.v1()
                .events()
                .inNamespace(event.getMetadata().getNamespace())
                .withName(event.getMetadata().getName());
    }

    private Event newEvent(EventPipeline pipeline, String type, String reason, String message) {
        String now = Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString();
        return new EventBuilder()
                .withNewMetadata()
                .withName(nameOf(pipeline, type, reason, message))
                .withNamespace(pipeline.getMetadata().getNamespace())
                .endMetadata()
                .withInvolvedObject(
                        new ObjectReferenceBuilder()
                                .withApiVersion(pipeline.getApiVersion())
                                .withKind(pipeline.getKind())
                                .withName(pipeline.getMetadata().getName())
                                .withNamespace(pipeline.getMetadata().getNamespace())
                                .withUid(pipeline.getMetadata().getUid())
                                .build())
                .withType(type)
                .withReason(reason)
                .withMessage(message)
                .withFirstTimestamp(now)
                .withLastTimestamp(now)
                .withCount(1)
                .withNewSource()
                .withComponent(SOURCE)
                .endSource()
                .build();
    }

    /**
     * The Event's name: the pipeline's name and a hash of what identifies an occurrence (the
     * pipeline object, including its uid, so that a new pipeline of the same name starts afresh).
     */
    static String nameOf(EventPipeline pipeline, String type, String reason, String message) {
        String key =
                String.join(
                        "\n",
                        pipeline.getKind(),
                        pipeline.getMetadata().getNamespace(),
                        pipeline.getMetadata().getName(),
                        String.valueOf(pipeline.getMetadata().getUid()),
                        type,
                        reason,
                        message);
        String prefix = pipeline.getMetadata().getName();
        if (prefix.length() > MAX_NAME_PREFIX) {
            prefix = prefix.substring(0, MAX_NAME_PREFIX);
        }
        return prefix + "." + HexFormat.of().formatHex(sha256(key), 0, 8);
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
