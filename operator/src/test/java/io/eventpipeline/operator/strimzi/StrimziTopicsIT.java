package io.eventpipeline.operator.strimzi;

import static io.eventpipeline.operator.testing.PipelineStatus.condition;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.eventpipeline.operator.api.EventPipeline;
import io.eventpipeline.operator.api.Phase;
import io.eventpipeline.operator.api.StatusCondition;
import io.eventpipeline.operator.api.TopicStatus;
import io.eventpipeline.operator.config.OperatorConfig;
import io.eventpipeline.operator.testing.OperatorHarness;
import io.eventpipeline.operator.testing.OperatorMockApi;
import io.eventpipeline.operator.testing.PipelineStatus;
import io.eventpipeline.operator.testing.Pipelines;
import io.eventpipeline.operator.testing.StrimziTopicOperator;
import io.eventpipeline.testsupport.kubernetes.MockKubernetes;
import io.strimzi.api.kafka.Crds;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import io.strimzi.api.kafka.model.topic.KafkaTopicBuilder;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.JobStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Topics owned by Strimzi: the operator, with Strimzi topic management as its default, writes
 * KafkaTopics and reads their status, while the test plays Strimzi's Topic Operator. The default
 * cluster's bootstrap address leads nowhere: nothing here may need Kafka.
 */
class StrimziTopicsIT {
    static final String NS = "shop";
    static MockKubernetes kube;
    static OperatorHarness harness;
    static StrimziTopicOperator strimzi;

    @BeforeAll
    static void start() {
        kube = OperatorMockApi.startWithStrimzi();
        harness = OperatorHarness.replica(kube, OperatorConfig.fromEnvironment(environment()));
        strimzi = new StrimziTopicOperator(kube.client());
    }

    @AfterAll
    static void stop() {
        harness.close();
        kube.close();
    }

    /** The operator's settings: Strimzi manages the default cluster's topics. */
    static Map<String, String> environment() {
        return Map.of(
                "EP_KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:1",
                "EP_KAFKA_TOPIC_MANAGEMENT", "strimzi",
                "EP_KAFKA_STRIMZI_CLUSTER", "events",
                "EP_SAVEPOINT_DIR", OperatorHarness.SAVEPOINT_DIR,
                "EP_CHECKPOINT_DIR", OperatorHarness.CHECKPOINT_DIR,
                "EP_RESYNC_INTERVAL", "2s");
    }

    @Test
    void writesOneKafkaTopicPerTopicForTheStrimziCluster() {
        harness.apply(
                Pipelines.flightDelays(NS, "orders")
                        .replace("topic: orders-events", "topic: Orders_In"));
        String inputName = KafkaTopicNames.of("Orders_In");
        KafkaTopic input = strimzi.awaitTopic(NS, inputName);
        KafkaTopic output = strimzi.awaitTopic(NS, "orders-alerts");
        KafkaTopic deadLetter = strimzi.awaitTopic(NS, "orders-dlq");

        assertThat(inputName).matches("orders-in-[0-9a-f]{8}");
        assertThat(input.getSpec().getTopicName()).isEqualTo("Orders_In");
        assertThat(input.getSpec().getPartitions()).isEqualTo(6);
        assertThat(input.getSpec().getReplicas()).isEqualTo(1);
        assertThat(input.getSpec().getConfig())
                .containsExactly(Map.entry("retention.ms", "86400000"));
        assertThat(output.getSpec().getTopicName()).as("the name is the topic's").isNull();
        assertThat(output.getSpec().getPartitions()).isEqualTo(3);
        for (KafkaTopic topic : List.of(input, output, deadLetter)) {
            assertThat(topic.getMetadata().getLabels())
                    .containsEntry("strimzi.io/cluster", "events")
                    .containsEntry("eventpipeline.io/pipeline", "orders")
                    .containsEntry("app.kubernetes.io/managed-by", "eventpipeline-operator");
            assertThat(topic.getMetadata().getOwnerReferences())
                    .as("topicDeletionPolicy Retain: the topics outlive the pipeline")
                    .isEmpty();
        }

        EventPipeline waiting = harness.awaitPhase(NS, "orders", Phase.Deploying);
        StatusCondition topicsReady = condition(waiting, "TopicsReady");
        assertThat(topicsReady.getStatus()).isEqualTo("False");
        assertThat(topicsReady.getReason()).isEqualTo("WaitingForTopicOperator");
        assertThat(topicsReady.getMessage()).contains("must watch namespace shop");
        assertThat(condition(waiting, "Reconciling").getStatus()).isEqualTo("True");
        assertThat(harness.flinkDeployment(NS, "orders")).as("no job before its topics").isNull();
    }

    @Test
    void readyKafkaTopicsLetThePipelineRunAndAtRestNothingIsWritten() throws Exception {
        harness.apply(Pipelines.flightDelays(NS, "ready"));
        for (String topic : List.of("ready-events", "ready-alerts", "ready-dlq")) {
            strimzi.ready(NS, topic);
        }
        EventPipeline running =
                harness.applyRunning(Pipelines.flightDelays(NS, "ready"), NS, "ready");

        assertThat(condition(running, "TopicsReady").getStatus()).isEqualTo("True");
        assertThat(condition(running, "Ready").getStatus()).isEqualTo("True");
        assertThat(running.getStatus().getTopics())
                .extracting(TopicStatus::getName, TopicStatus::getReady, TopicStatus::getCreated)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("ready-events", true, true),
                        org.assertj.core.groups.Tuple.tuple("ready-alerts", true, true),
                        org.assertj.core.groups.Tuple.tuple("ready-dlq", true, true));

        long writes = operatorWrites();
        // Strimzi reporting again (a new resource version) and resyncs every 2 s: nothing to do.
        strimzi.ready(NS, "ready-events");
        Thread.sleep(Duration.ofSeconds(5).toMillis());
        assertThat(operatorWrites()).as("writes at rest").isEqualTo(writes);
    }

    @Test
    void aKafkaTopicStrimziRefusesMakesTopicsReadyFalseWithItsMessage() {
        harness.apply(Pipelines.flightDelays(NS, "refused"));
        strimzi.ready(NS, "refused-alerts");
        strimzi.ready(NS, "refused-dlq");
        strimzi.notReady(
                NS,
                "refused-events",
                "KafkaError",
                "org.apache.kafka.common.errors.InvalidReplicationFactorException: Replication"
                        + " factor: 3 larger than available brokers: 1.");

        EventPipeline refused =
                await().atMost(OperatorHarness.WAIT)
                        .until(
                                () -> harness.get(NS, "refused"),
                                p ->
                                        p.getStatus() != null
                                                && "KafkaError"
                                                        .equals(
                                                                condition(p, "TopicsReady")
                                                                        .getReason()));
        StatusCondition topicsReady = condition(refused, "TopicsReady");
        assertThat(topicsReady.getStatus()).isEqualTo("False");
        assertThat(topicsReady.getMessage())
                .contains("refused-events")
                .contains("Replication factor: 3 larger than available brokers: 1");
        assertThat(condition(refused, "Ready").getReason()).isEqualTo("KafkaError");
        assertThat(refused.getStatus().getPhase()).isEqualTo(Phase.Degraded);
        assertThat(harness.flinkDeployment(NS, "refused")).isNull();
    }

    @Test
    void deleteRemovesTheKafkaTopicsOnlyWithPolicyDelete() {
        String purge =
                Pipelines.flightDelays(NS, "purge")
                        .replace("topicDeletionPolicy: Retain", "topicDeletionPolicy: Delete");
        harness.apply(purge);
        harness.apply(Pipelines.flightDelays(NS, "keep"));
        for (String topic : List.of("purge-events", "purge-alerts", "purge-dlq")) {
            strimzi.ready(NS, topic);
        }
        harness.awaitPhase(NS, "purge", Phase.Deploying);
        String uid = harness.get(NS, "purge").getMetadata().getUid();
        assertThat(strimzi.get(NS, "purge-events").getMetadata().getOwnerReferences())
                .singleElement()
                .satisfies(
                        owner -> {
                            assertThat(owner.getUid()).isEqualTo(uid);
                            assertThat(owner.getKind()).isEqualTo("EventPipeline");
                        });
        strimzi.awaitTopic(NS, "keep-events");

        delete("purge");
        delete("keep");

        assertThat(PipelineStatus.eventReasons(kube.client(), NS, "purge"))
                .contains("TopicsDeleted");
        assertThat(strimzi.list(NS))
                .extracting(t -> t.getMetadata().getName())
                .doesNotContain("purge-events", "purge-alerts", "purge-dlq")
                .contains("keep-events", "keep-alerts", "keep-dlq");
        assertThat(harness.get(NS, "purge")).isNull();
    }

    @Test
    void theKafkaTopicsAPipelineOwnsGoWithItEvenWhenItsSpecTurnedInvalid() {
        String broken =
                Pipelines.flightDelays(NS, "broken")
                        .replace("topicDeletionPolicy: Retain", "topicDeletionPolicy: Delete");
        harness.apply(broken);
        strimzi.awaitTopic(NS, "broken-dlq");
        harness.apply(broken.replace("event.minutes >= 30", "event.minutes >= "));
        harness.awaitPhase(NS, "broken", Phase.Failed);

        delete("broken");

        assertThat(strimzi.list(NS))
                .extracting(t -> t.getMetadata().getName())
                .doesNotContain("broken-events", "broken-alerts", "broken-dlq");
        assertThat(PipelineStatus.eventReasons(kube.client(), NS, "broken"))
                .contains("TopicsDeleted");
    }

    @Test
    void aPipelineWhoseTopicsGoWithItWaitsUntilStrimziHasDeletedThem() {
        harness.apply(
                Pipelines.flightDelays(NS, "held")
                        .replace("topicDeletionPolicy: Retain", "topicDeletionPolicy: Delete"));
        strimzi.awaitTopic(NS, "held-dlq");
        // Strimzi's Topic Operator holds a KafkaTopic until it has deleted the topic.
        Crds.topicOperation(kube.client())
                .inNamespace(NS)
                .withName("held-events")
                .edit(
                        t -> {
                            t.getMetadata().getFinalizers().add("strimzi.io/topic-operator");
                            return t;
                        });

        harness.client().resources(EventPipeline.class).inNamespace(NS).withName("held").delete();
        await().atMost(OperatorHarness.WAIT)
                .until(
                        () ->
                                strimzi.get(NS, "held-events").getMetadata().getDeletionTimestamp()
                                        != null);
        await().during(Duration.ofSeconds(3))
                .atMost(Duration.ofSeconds(10))
                .until(() -> harness.get(NS, "held") != null);

        Crds.topicOperation(kube.client())
                .inNamespace(NS)
                .withName("held-events")
                .edit(
                        t -> {
                            t.getMetadata().getFinalizers().clear();
                            return t;
                        });
        await().atMost(OperatorHarness.WAIT).until(() -> harness.get(NS, "held") == null);
    }

    @Test
    void aKafkaTopicSomeoneElseMadeIsOnlyRead() {
        KafkaTopic theirs =
                Crds.topicOperation(kube.client())
                        .inNamespace(NS)
                        .resource(
                                new KafkaTopicBuilder()
                                        .withNewMetadata()
                                        .withName("shared-feed")
                                        .withNamespace(NS)
                                        .addToLabels("strimzi.io/cluster", "events")
                                        .endMetadata()
                                        .withNewSpec()
                                        .withTopicName("shared.events")
                                        .withPartitions(12)
                                        .endSpec()
                                        .build())
                        .create();
        strimzi.ready(NS, "shared-feed");
        harness.apply(
                Pipelines.flightDelays(NS, "reader")
                        .replace("topic: reader-events", "topic: shared.events"));
        EventPipeline reader = harness.awaitPhase(NS, "reader", Phase.Deploying);
        strimzi.ready(NS, "reader-alerts");
        strimzi.ready(NS, "reader-dlq");
        harness.reportJob(NS, "reader", JobStatus.RUNNING);
        reader = harness.awaitPhase(NS, "reader", Phase.Running);

        assertThat(reader.getStatus().getTopics().get(0))
                .satisfies(
                        t -> {
                            assertThat(t.getName()).isEqualTo("shared.events");
                            assertThat(t.getReady()).isTrue();
                            assertThat(t.getCreated()).as("not the operator's").isNull();
                            assertThat(t.getPartitions()).isEqualTo(12);
                        });
        KafkaTopic after = strimzi.get(NS, "shared-feed");
        assertThat(after.getSpec()).isEqualTo(theirs.getSpec());
        assertThat(after.getMetadata().getLabels()).isEqualTo(theirs.getMetadata().getLabels());
        assertThat(strimzi.get(NS, KafkaTopicNames.of("shared.events")))
                .as("no second KafkaTopic for the same topic")
                .isNull();
    }

    @Test
    void withoutStrimziTheOperatorStartsAndThePipelineNamesTheMissingCrd() {
        try (MockKubernetes plain = OperatorMockApi.start();
                OperatorHarness without =
                        OperatorHarness.replica(
                                plain, OperatorConfig.fromEnvironment(environment()))) {
            await().atMost(OperatorHarness.WAIT).until(() -> without.operator().isReady());
            plain.createNamespace(NS);
            without.apply(Pipelines.flightDelays(NS, "lost"));

            EventPipeline lost = without.awaitPhase(NS, "lost", Phase.Degraded);
            StatusCondition topicsReady = condition(lost, "TopicsReady");
            assertThat(topicsReady.getStatus()).isEqualTo("False");
            assertThat(topicsReady.getReason()).isEqualTo("StrimziNotInstalled");
            assertThat(topicsReady.getMessage())
                    .contains("kafkatopics.kafka.strimzi.io")
                    .contains("install Strimzi");
            assertThat(without.flinkDeployment(NS, "lost")).isNull();
        }
    }

    private static void delete(String name) {
        harness.client().resources(EventPipeline.class).inNamespace(NS).withName(name).delete();
        await().atMost(OperatorHarness.WAIT).until(() -> harness.get(NS, name) == null);
    }

    private static long operatorWrites() {
        return kube.requests().stream()
                .filter(r -> OperatorHarness.OPERATOR_USER_AGENT.equals(r.userAgent()))
                .filter(r -> !r.method().equals("GET"))
                .count();
    }
}
