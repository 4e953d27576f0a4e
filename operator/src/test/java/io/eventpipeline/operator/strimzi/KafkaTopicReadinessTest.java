package io.eventpipeline.operator.strimzi;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventpipeline.operator.topics.DesiredTopic;
import io.eventpipeline.operator.topics.TopicRole;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class KafkaTopicReadinessTest {
    static final DesiredTopic TOPIC =
            new DesiredTopic(
                    TopicRole.INPUT, "events", true, Optional.of(3), Optional.empty(), Map.of());

    static KafkaTopic kafkaTopic(long generation, Long observed, String ready, String reason) {
        KafkaTopic topic = new KafkaTopic();
        topic.setMetadata(
                new ObjectMetaBuilder().withName("events").withGeneration(generation).build());
        KafkaTopic.Spec spec = new KafkaTopic.Spec();
        spec.setPartitions(3);
        topic.setSpec(spec);
        if (ready != null) {
            KafkaTopic.Status status = new KafkaTopic.Status();
            status.setObservedGeneration(observed);
            status.setConditions(
                    List.of(
                            new ConditionBuilder()
                                    .withType("Ready")
                                    .withStatus(ready)
                                    .withReason(reason)
                                    .withMessage(reason == null ? null : "Replication factor: 3")
                                    .build()));
            topic.setStatus(status);
        }
        return topic;
    }

    @Test
    void readyForTheLatestGenerationIsReady() {
        KafkaTopicReadiness readiness =
                KafkaTopicReadiness.of(TOPIC, kafkaTopic(2, 2L, "True", null), true, "shop");
        assertThat(readiness.status().getReady()).isTrue();
        assertThat(readiness.status().getCreated()).isTrue();
        assertThat(readiness.status().getPartitions()).isEqualTo(3);
        assertThat(readiness.status().getRole()).isEqualTo("input");
    }

    @Test
    void noStatusYetIsProgressingAndSaysWhichNamespaceMustBeWatched() {
        KafkaTopicReadiness readiness =
                KafkaTopicReadiness.of(TOPIC, kafkaTopic(1, null, null, null), true, "shop");
        assertThat(readiness.status().getReady()).isFalse();
        assertThat(readiness.progressing()).isTrue();
        assertThat(readiness.reason()).isEqualTo(KafkaTopicReadiness.WAITING);
        assertThat(readiness.status().getMessage()).contains("watch namespace shop");
    }

    @Test
    void aReadyConditionForAnEarlierGenerationIsNotReadyYet() {
        KafkaTopicReadiness readiness =
                KafkaTopicReadiness.of(TOPIC, kafkaTopic(3, 2L, "True", null), true, "shop");
        assertThat(readiness.status().getReady()).isFalse();
        assertThat(readiness.progressing()).isTrue();
        assertThat(readiness.status().getMessage()).contains("generation 3");
    }

    @Test
    void notReadyCarriesStrimzisReasonAndMessage() {
        KafkaTopicReadiness readiness =
                KafkaTopicReadiness.of(
                        TOPIC, kafkaTopic(1, 1L, "False", "KafkaError"), true, "shop");
        assertThat(readiness.status().getReady()).isFalse();
        assertThat(readiness.progressing()).isFalse();
        assertThat(readiness.reason()).isEqualTo("KafkaError");
        assertThat(readiness.status().getMessage())
                .isEqualTo("KafkaTopic events is not Ready (KafkaError): Replication factor: 3");
    }

    @Test
    void aTopicNoKafkaTopicStandsForIsTakenAsItIsAndSaysItWasNotChecked() {
        DesiredTopic existing =
                new DesiredTopic(
                        TopicRole.INPUT,
                        "events",
                        false,
                        Optional.empty(),
                        Optional.empty(),
                        Map.of());
        KafkaTopicReadiness readiness = KafkaTopicReadiness.of(existing, null, false, "shop");
        assertThat(readiness.status().getReady()).isTrue();
        assertThat(readiness.status().getCreated()).isNull();
        assertThat(readiness.status().getMessage()).startsWith("not checked");
    }
}
