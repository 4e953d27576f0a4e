package io.eventpipeline.operator.testing;

import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.strimzi.api.kafka.Crds;
import io.strimzi.api.kafka.model.common.ConditionBuilder;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import io.strimzi.api.kafka.model.topic.KafkaTopicStatusBuilder;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Plays Strimzi's Topic Operator in tests, through Strimzi's own API model: reads the KafkaTopics
 * the operator wrote and reports on them as the Topic Operator would.
 */
public final class StrimziTopicOperator {
    private final KubernetesClient client;

    public StrimziTopicOperator(KubernetesClient client) {
        this.client = client;
    }

    /** Strimzi's KafkaTopic CRD, as its API jar defines it. */
    public static InputStream kafkaTopicCrd() {
        return new ByteArrayInputStream(
                Serialization.asYaml(Crds.kafkaTopic()).getBytes(StandardCharsets.UTF_8));
    }

    /** Waits for the KafkaTopic the operator writes. */
    public KafkaTopic awaitTopic(String namespace, String name) {
        return await().atMost(OperatorHarness.WAIT)
                .until(() -> get(namespace, name), t -> t != null);
    }

    public KafkaTopic get(String namespace, String name) {
        return Crds.topicOperation(client).inNamespace(namespace).withName(name).get();
    }

    public List<KafkaTopic> list(String namespace) {
        return Crds.topicOperation(client).inNamespace(namespace).list().getItems();
    }

    /** Ready=True for the KafkaTopic's current generation. */
    public void ready(String namespace, String name) {
        report(namespace, name, "True", null, null);
    }

    /** Ready=False with Strimzi's reason and message, for the current generation. */
    public void notReady(String namespace, String name, String reason, String message) {
        report(namespace, name, "False", reason, message);
    }

    private void report(
            String namespace, String name, String status, String reason, String message) {
        awaitTopic(namespace, name);
        await().atMost(OperatorHarness.WAIT)
                .ignoreExceptions()
                .until(
                        () -> {
                            KafkaTopic current = get(namespace, name);
                            current.setStatus(
                                    new KafkaTopicStatusBuilder()
                                            .withConditions(
                                                    new ConditionBuilder()
                                                            .withType("Ready")
                                                            .withStatus(status)
                                                            .withReason(reason)
                                                            .withMessage(message)
                                                            .withLastTransitionTime(
                                                                    "2026-01-01T00:00:00Z")
                                                            .build())
                                            .withObservedGeneration(
                                                    current.getMetadata().getGeneration())
                                            .withTopicName(
                                                    current.getSpec().getTopicName() == null
                                                            ? name
                                                            : current.getSpec().getTopicName())
                                            .build());
                            Crds.topicOperation(client)
                                    .inNamespace(namespace)
                                    .resource(current)
                                    .updateStatus();
                            return true;
                        });
    }
}
