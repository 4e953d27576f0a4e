package io.eventpipeline.operator.strimzi;

import io.eventpipeline.operator.api.EventPipeline;
import io.eventpipeline.operator.flink.PipelineLabels;
import io.eventpipeline.spec.SpecDefaults;
import io.eventpipeline.spec.model.EventPipelineSpec;
import io.eventpipeline.spec.model.TopicSpec;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.IndexerResourceCache;
import io.javaoperatorsdk.operator.processing.event.source.SecondaryToPrimaryMapper;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Which pipelines a change of a KafkaTopic concerns: the pipeline it was made for (its label), and
 * the pipelines of its namespace that use the topic without having made it (so that Strimzi's
 * verdict on someone else's KafkaTopic reaches them without waiting for a resync).
 */
final class KafkaTopicPipelines implements SecondaryToPrimaryMapper<KafkaTopic> {
    private final IndexerResourceCache<EventPipeline> pipelines;

    KafkaTopicPipelines(IndexerResourceCache<EventPipeline> pipelines) {
        this.pipelines = pipelines;
    }

    @Override
    public Set<ResourceID> toPrimaryResourceIDs(KafkaTopic topic) {
        String namespace = topic.getMetadata().getNamespace();
        Set<ResourceID> ids = new HashSet<>();
        String madeFor =
                topic.getMetadata().getLabels() == null
                        ? null
                        : topic.getMetadata().getLabels().get(PipelineLabels.PIPELINE);
        if (madeFor != null) {
            ids.add(new ResourceID(madeFor, namespace));
        }
        String name = topic.kafkaTopicName();
        pipelines
                .list(namespace)
                .filter(p -> names(p.getSpec()).anyMatch(name::equals))
                .forEach(p -> ids.add(ResourceID.fromResource(p)));
        return ids;
    }

    /** The topics a spec names, the default dead-letter topic included. */
    private static Stream<String> names(EventPipelineSpec spec) {
        if (spec == null || spec.getInput() == null) {
            return Stream.empty();
        }
        String input = spec.getInput().getTopic();
        TopicSpec deadLetter = spec.getDeadLetter();
        return Stream.of(
                        input,
                        spec.getOutput() == null ? null : spec.getOutput().getTopic(),
                        deadLetter == null
                                ? input + SpecDefaults.DEAD_LETTER_SUFFIX
                                : deadLetter.getTopic())
                .filter(java.util.Objects::nonNull);
    }
}
