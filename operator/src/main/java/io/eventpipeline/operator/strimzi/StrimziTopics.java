package io.eventpipeline.operator.strimzi;

import io.eventpipeline.operator.api.EventPipeline;
import io.eventpipeline.operator.api.TopicStatus;
import io.eventpipeline.operator.children.OwnedFields;
import io.eventpipeline.operator.flink.PipelineLabels;
import io.eventpipeline.operator.topics.DesiredTopic;
import io.eventpipeline.operator.topics.TopicPlan;
import io.eventpipeline.operator.topics.TopicsOutcome;
import io.eventpipeline.spec.model.TopicDeletionPolicy;
import io.eventpipeline.spec.resolved.ResolvedPipeline;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.net.HttpURLConnection;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A pipeline's topics as Strimzi KafkaTopics, in the pipeline's namespace: the informer, the
 * KafkaTopics the operator writes (decided by {@link KafkaTopicRenderer}, written only when they
 * differ), what their status says ({@link KafkaTopicReadiness}), and deleting the ones a pipeline
 * owns. No Kafka access: Strimzi's Topic Operator makes the topics.
 *
 * <p>A KafkaTopic is the pipeline's when it carries the pipeline's label; any other KafkaTopic
 * standing for a topic the pipeline uses is only read, as a topic found on Kafka is in admin mode.
 */
public class StrimziTopics {
    private static final Logger LOG = LoggerFactory.getLogger(StrimziTopics.class);
    static final String NOT_INSTALLED = "StrimziNotInstalled";
    static final String CONFLICT = "KafkaTopicConflict";

    private final KubernetesClient client;
    private final boolean available;
    private volatile InformerEventSource<KafkaTopic, EventPipeline> informer;

    /**
     * @param available whether the cluster serves KafkaTopic ({@link StrimziAvailability})
     */
    public StrimziTopics(KubernetesClient client, boolean available) {
        this.client = client;
        this.available = available;
    }

    /** The KafkaTopic informer; none when the cluster does not serve KafkaTopic. */
    public Optional<InformerEventSource<KafkaTopic, EventPipeline>> eventSource(
            EventSourceContext<EventPipeline> context) {
        if (!available) {
            return Optional.empty();
        }
        informer =
                new InformerEventSource<>(
                        InformerEventSourceConfiguration.from(KafkaTopic.class, EventPipeline.class)
                                .withSecondaryToPrimaryMapper(
                                        new KafkaTopicPipelines(context.getPrimaryCache()))
                                .build(),
                        context);
        return Optional.of(informer);
    }

    /** Writes the KafkaTopics the pipeline's plan needs and reads what Strimzi says of them. */
    public TopicsOutcome reconcile(EventPipeline pipeline, ResolvedPipeline resolved) {
        TopicPlan plan = TopicPlan.of(resolved);
        if (informer == null) {
            return notInstalled(plan);
        }
        String cluster = resolved.kafka().topics().strimziCluster().orElseThrow();
        boolean deleteWithPipeline = resolved.topicDeletionPolicy() == TopicDeletionPolicy.DELETE;
        List<KafkaTopicReadiness> found = new ArrayList<>();
        for (DesiredTopic topic : plan.topics()) {
            found.add(topic(pipeline, topic, cluster, deleteWithPipeline));
        }
        return outcome(found);
    }

    private KafkaTopicReadiness topic(
            EventPipeline pipeline,
            DesiredTopic topic,
            String cluster,
            boolean deleteWithPipeline) {
        String namespace = pipeline.getMetadata().getNamespace();
        KafkaTopic existing = standingFor(namespace, topic.name(), pipeline);
        if (existing == null) {
            KafkaTopic byName =
                    informer.get(new ResourceID(KafkaTopicNames.of(topic.name()), namespace))
                            .orElse(null);
            if (byName != null) {
                return conflict(topic, byName);
            }
            if (!topic.create()) {
                return KafkaTopicReadiness.of(topic, null, false, namespace);
            }
        }
        boolean ours = existing != null && ours(existing, pipeline);
        if (!topic.create() || (existing != null && !ours)) {
            return KafkaTopicReadiness.of(topic, existing, ours, namespace);
        }
        KafkaTopic desired =
                KafkaTopicRenderer.render(pipeline, topic, cluster, deleteWithPipeline, existing);
        KafkaTopic now = needsWrite(desired, existing) ? write(desired, existing) : existing;
        return now == null
                ? KafkaTopicReadiness.notSeenYet(topic, desired.getMetadata().getName())
                : KafkaTopicReadiness.of(topic, now, true, namespace);
    }

    /**
     * Deletes the KafkaTopics the pipeline owns (its owner reference, which only a pipeline whose
     * topics go with it puts there) that are not being deleted already; Strimzi's Topic Operator
     * then deletes the topics.
     *
     * @return the Kafka topics whose KafkaTopics this call deleted
     */
    public Set<String> deleteOwned(EventPipeline pipeline) {
        Set<String> deleted = new TreeSet<>();
        owned(pipeline)
                .filter(t -> t.getMetadata().getDeletionTimestamp() == null)
                .forEach(
                        t -> {
                            client.resource(t).delete();
                            deleted.add(t.kafkaTopicName());
                        });
        return deleted;
    }

    /**
     * Whether no KafkaTopic the pipeline owns is left: its deletion waits for that (Strimzi's
     * finalizer holds a KafkaTopic until the topic is gone), so that their delete events reach a
     * pipeline that still exists and nothing outlives it unseen.
     */
    public boolean ownedGone(EventPipeline pipeline) {
        return owned(pipeline).findAny().isEmpty();
    }

    private Stream<KafkaTopic> owned(EventPipeline pipeline) {
        if (informer == null) {
            return Stream.empty();
        }
        String uid = pipeline.getMetadata().getUid();
        return informer.list(
                pipeline.getMetadata().getNamespace(),
                t ->
                        t.getMetadata().getOwnerReferences().stream()
                                .anyMatch(r -> uid.equals(r.getUid())));
    }

    /** The KafkaTopic in the namespace that stands for the topic: the pipeline's own first. */
    private KafkaTopic standingFor(String namespace, String topic, EventPipeline pipeline) {
        List<KafkaTopic> all =
                informer.list(namespace, t -> topic.equals(t.kafkaTopicName())).toList();
        return all.stream()
                .filter(t -> ours(t, pipeline))
                .findFirst()
                .orElse(all.isEmpty() ? null : all.get(0));
    }

    private static boolean ours(KafkaTopic topic, EventPipeline pipeline) {
        var labels = topic.getMetadata().getLabels();
        return labels != null
                && pipeline.getMetadata().getName().equals(labels.get(PipelineLabels.PIPELINE));
    }

    static boolean needsWrite(KafkaTopic desired, KafkaTopic actual) {
        return OwnedFields.differ(desired, actual);
    }

    /**
     * Create or edit, through the informer as every owned write goes ({@link OwnedFields}).
     *
     * @return the KafkaTopic written; null when a create found it exists already
     */
    private KafkaTopic write(KafkaTopic desired, KafkaTopic actual) {
        ResourceID id = ResourceID.fromResource(desired);
        if (actual == null) {
            try {
                KafkaTopic created = OwnedFields.create(client, informer, desired);
                LOG.info("created KafkaTopic {}/{}", id.getNamespace().orElse(""), id.getName());
                return created;
            } catch (KubernetesClientException e) {
                if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
                    throw e;
                }
                // Made moments ago (another replica, or the watch lags): its watch event
                // reconciles the pipeline again, and nothing is decided from a guess till then.
                return null;
            }
        }
        KafkaTopic edited = OwnedFields.edit(client, informer, desired, actual);
        LOG.info("updated KafkaTopic {}/{}", id.getNamespace().orElse(""), id.getName());
        return edited;
    }

    private static KafkaTopicReadiness conflict(DesiredTopic topic, KafkaTopic byName) {
        TopicStatus status =
                new TopicStatus()
                        .setName(topic.name())
                        .setRole(topic.role().specField())
                        .setReady(false)
                        .setMessage(
                                "KafkaTopic "
                                        + byName.getMetadata().getName()
                                        + " exists for another topic ("
                                        + byName.kafkaTopicName()
                                        + "); the operator never takes over another's KafkaTopic");
        return new KafkaTopicReadiness(status, CONFLICT, false);
    }

    private static TopicsOutcome notInstalled(TopicPlan plan) {
        List<TopicStatus> topics =
                plan.topics().stream()
                        .map(
                                t ->
                                        new TopicStatus()
                                                .setName(t.name())
                                                .setRole(t.role().specField())
                                                .setReady(false)
                                                .setMessage(
                                                        "spec.kafka.topics.management is strimzi,"
                                                                + " but the cluster does not serve"
                                                                + " the KafkaTopic CRD ("
                                                                + KafkaTopic.CRD
                                                                + ", "
                                                                + KafkaTopic.VERSION
                                                                + "): install Strimzi, then"
                                                                + " restart the operator"))
                        .toList();
        return new TopicsOutcome(topics, NOT_INSTALLED, false);
    }

    private static TopicsOutcome outcome(List<KafkaTopicReadiness> found) {
        List<TopicStatus> topics = found.stream().map(KafkaTopicReadiness::status).toList();
        List<KafkaTopicReadiness> notReady =
                found.stream().filter(r -> !Boolean.TRUE.equals(r.status().getReady())).toList();
        String reason = notReady.isEmpty() ? TopicsOutcome.NOT_FOUND : notReady.get(0).reason();
        boolean progressing =
                !notReady.isEmpty() && notReady.stream().allMatch(KafkaTopicReadiness::progressing);
        return new TopicsOutcome(topics, reason, progressing);
    }
}
