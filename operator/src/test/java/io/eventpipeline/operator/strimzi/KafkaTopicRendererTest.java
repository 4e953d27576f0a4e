package io.eventpipeline.operator.strimzi;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventpipeline.operator.api.EventPipeline;
import io.eventpipeline.operator.topics.DesiredTopic;
import io.eventpipeline.operator.topics.TopicRole;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class KafkaTopicRendererTest {
    static EventPipeline pipeline() {
        EventPipeline pipeline = new EventPipeline();
        pipeline.setMetadata(
                new ObjectMetaBuilder()
                        .withName("orders")
                        .withNamespace("shop")
                        .withUid("uid-1")
                        .build());
        return pipeline;
    }

    static DesiredTopic topic(
            String name, Integer partitions, Short replicas, Map<String, String> config) {
        return new DesiredTopic(
                TopicRole.OUTPUT,
                name,
                true,
                Optional.ofNullable(partitions),
                Optional.ofNullable(replicas),
                config);
    }

    @Test
    void aNewKafkaTopicCarriesTheSpecTheClusterLabelAndThePipelinesLabels() {
        KafkaTopic desired =
                KafkaTopicRenderer.render(
                        pipeline(),
                        topic("Orders_Out", 6, (short) 3, Map.of("retention.ms", "1000")),
                        "events",
                        false,
                        null);

        assertThat(desired.getMetadata().getName()).isEqualTo(KafkaTopicNames.of("Orders_Out"));
        assertThat(desired.getMetadata().getNamespace()).isEqualTo("shop");
        assertThat(desired.getMetadata().getLabels())
                .containsEntry("strimzi.io/cluster", "events")
                .containsEntry("eventpipeline.io/pipeline", "orders");
        assertThat(desired.getMetadata().getOwnerReferences()).isEmpty();
        assertThat(desired.getSpec().getTopicName()).isEqualTo("Orders_Out");
        assertThat(desired.getSpec().getPartitions()).isEqualTo(6);
        assertThat(desired.getSpec().getReplicas()).isEqualTo(3);
        assertThat(desired.getSpec().getConfig())
                .containsExactly(Map.entry("retention.ms", "1000"));
    }

    @Test
    void thePipelineOwnsItOnlyWhenItsTopicsGoWithIt() {
        KafkaTopic owned =
                KafkaTopicRenderer.render(
                        pipeline(), topic("out", null, null, Map.of()), "events", true, null);
        assertThat(owned.getMetadata().getOwnerReferences())
                .singleElement()
                .satisfies(
                        r -> {
                            assertThat(r.getUid()).isEqualTo("uid-1");
                            assertThat(r.getController()).as("Strimzi acts on it").isNull();
                        });
        KafkaTopic backToRetain =
                KafkaTopicRenderer.render(
                        pipeline(), topic("out", null, null, Map.of()), "events", false, owned);
        assertThat(backToRetain.getMetadata().getOwnerReferences()).isEmpty();
    }

    @Test
    void partitionsRiseButNeverFallAndTheReplicationFactorIsChosenAtCreationOnly() {
        KafkaTopic existing =
                KafkaTopicRenderer.render(
                        pipeline(), topic("out", 6, (short) 3, Map.of()), "events", false, null);

        KafkaTopic fewer =
                KafkaTopicRenderer.render(
                        pipeline(),
                        topic("out", 2, (short) 1, Map.of()),
                        "events",
                        false,
                        existing);
        assertThat(fewer.getSpec().getPartitions()).isEqualTo(6);
        assertThat(fewer.getSpec().getReplicas()).isEqualTo(3);

        KafkaTopic more =
                KafkaTopicRenderer.render(
                        pipeline(), topic("out", 12, null, Map.of()), "events", false, existing);
        assertThat(more.getSpec().getPartitions()).isEqualTo(12);
    }

    @Test
    void whatOthersPutThereStaysAndAnUnchangedTopicNeedsNoWrite() {
        KafkaTopic existing =
                KafkaTopicRenderer.render(
                        pipeline(),
                        topic("out", 3, null, Map.of("retention.ms", "1000")),
                        "events",
                        true,
                        null);
        existing.getMetadata().getLabels().put("team", "payments");
        existing.getMetadata()
                .getOwnerReferences()
                .add(0, new OwnerReferenceBuilder().withUid("someone-else").withName("x").build());
        existing.getSpec().setConfig(Map.of("retention.ms", 1000, "cleanup.policy", "compact"));

        KafkaTopic desired =
                KafkaTopicRenderer.render(
                        pipeline(),
                        topic("out", 3, null, Map.of("retention.ms", "1000")),
                        "events",
                        true,
                        existing);

        assertThat(desired.getMetadata().getLabels()).containsEntry("team", "payments");
        assertThat(desired.getMetadata().getOwnerReferences())
                .extracting(r -> r.getUid())
                .containsExactly("someone-else", "uid-1");
        assertThat(desired.getSpec().getConfig())
                .as("the same value written as a number is left as it is")
                .containsEntry("retention.ms", 1000)
                .containsEntry("cleanup.policy", "compact");
        assertThat(StrimziTopics.needsWrite(desired, existing)).isFalse();

        KafkaTopic drifted =
                KafkaTopicRenderer.render(
                        pipeline(),
                        topic("out", 3, null, Map.of("retention.ms", "2000")),
                        "events",
                        true,
                        existing);
        assertThat(StrimziTopics.needsWrite(drifted, existing)).isTrue();
    }
}
