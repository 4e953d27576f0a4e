package io.eventpipeline.operator.strimzi;

import io.eventpipeline.operator.api.EventPipeline;
import io.eventpipeline.operator.flink.PipelineLabels;
import io.eventpipeline.operator.topics.DesiredTopic;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The KafkaTopic the operator wants for one of a pipeline's topics. Pure: the same inputs give an
 * equal object, so an unchanged pipeline is never written. What it keeps from the existing one
 * mirrors the Admin API path: partitions are raised, never lowered; the replication factor is
 * chosen at creation only; configs the spec names are kept in place, others are left alone.
 */
public final class KafkaTopicRenderer {
    private KafkaTopicRenderer() {}

    /**
     * @param cluster the Strimzi Kafka resource's name (the strimzi.io/cluster label)
     * @param deleteWithPipeline the topic goes with the pipeline (topicDeletionPolicy Delete): the
     *     pipeline becomes the KafkaTopic's owner, so that garbage collection removes it even when
     *     the operator cannot
     * @param existing the pipeline's KafkaTopic as it is now (null: none yet)
     */
    public static KafkaTopic render(
            EventPipeline pipeline,
            DesiredTopic topic,
            String cluster,
            boolean deleteWithPipeline,
            KafkaTopic existing) {
        Map<String, String> labels = new TreeMap<>();
        if (existing != null && existing.getMetadata().getLabels() != null) {
            labels.putAll(existing.getMetadata().getLabels());
        }
        labels.putAll(PipelineLabels.of(pipeline.getMetadata().getName()));
        labels.put(KafkaTopic.CLUSTER_LABEL, cluster);

        KafkaTopic desired = new KafkaTopic();
        desired.setMetadata(
                new ObjectMetaBuilder()
                        .withName(KafkaTopicNames.of(topic.name()))
                        .withNamespace(pipeline.getMetadata().getNamespace())
                        .withLabels(labels)
                        .withOwnerReferences(owners(pipeline, deleteWithPipeline, existing))
                        .build());
        KafkaTopic.Spec was = existing == null ? new KafkaTopic.Spec() : existing.getSpec();
        if (was == null) {
            was = new KafkaTopic.Spec();
        }
        KafkaTopic.Spec spec = new KafkaTopic.Spec();
        spec.setTopicName(KafkaTopicNames.needsTopicName(topic.name()) ? topic.name() : null);
        spec.setPartitions(partitions(topic, was.getPartitions()));
        spec.setReplicas(
                existing != null
                        ? was.getReplicas()
                        : topic.replicationFactor().map(Short::intValue).orElse(null));
        spec.setConfig(config(topic.config(), was.getConfig()));
        desired.setSpec(spec);
        return desired;
    }

    /** The pipeline as owner: not the controller (Strimzi's Topic Operator acts on it). */
    static OwnerReference owner(EventPipeline pipeline) {
        return new OwnerReferenceBuilder()
                .withApiVersion(pipeline.getApiVersion())
                .withKind(pipeline.getKind())
                .withName(pipeline.getMetadata().getName())
                .withUid(pipeline.getMetadata().getUid())
                .build();
    }

    /** Others' owner references stay; the pipeline's is there exactly when it should be. */
    private static List<OwnerReference> owners(
            EventPipeline pipeline, boolean deleteWithPipeline, KafkaTopic existing) {
        List<OwnerReference> owners = new ArrayList<>();
        if (existing != null && existing.getMetadata().getOwnerReferences() != null) {
            existing.getMetadata().getOwnerReferences().stream()
                    .filter(r -> !Objects.equals(r.getUid(), pipeline.getMetadata().getUid()))
                    .forEach(owners::add);
        }
        if (deleteWithPipeline) {
            owners.add(owner(pipeline));
        }
        return owners;
    }

    private static Integer partitions(DesiredTopic topic, Integer current) {
        if (topic.partitions().isEmpty()) {
            return current;
        }
        int wanted = topic.partitions().get();
        return current != null && current > wanted ? current : wanted;
    }

    private static Map<String, Object> config(Map<String, String> wanted, Map<String, Object> was) {
        Map<String, Object> config = new TreeMap<>();
        if (was != null) {
            config.putAll(was);
        }
        // A value written as a number or boolean that says the same is left as it is.
        wanted.forEach(
                (key, value) -> {
                    if (!Objects.equals(String.valueOf(config.get(key)), value)) {
                        config.put(key, value);
                    }
                });
        return config.isEmpty() ? null : config;
    }
}
