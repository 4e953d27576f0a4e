package io.eventpipeline.operator.reconciler;

import static io.eventpipeline.operator.testing.PipelineStatus.condition;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.eventpipeline.kafka.embedded.EmbeddedKafkaBroker;
import io.eventpipeline.operator.api.EventPipeline;
import io.eventpipeline.operator.api.Phase;
import io.eventpipeline.operator.api.TopicStatus;
import io.eventpipeline.operator.config.OperatorConfig;
import io.eventpipeline.operator.testing.CrashAt;
import io.eventpipeline.operator.testing.OperatorHarness;
import io.eventpipeline.operator.testing.OperatorMockApi;
import io.eventpipeline.operator.testing.Pipelines;
import io.eventpipeline.operator.topics.PipelineTopicOwnership;
import io.eventpipeline.operator.topics.TopicCreationSteps.Step;
import io.eventpipeline.testsupport.kafka.KafkaTopics;
import io.eventpipeline.testsupport.kubernetes.KubernetesApi;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Ownership of created topics survives a crash at every step of creating them: the operator is
 * stopped at a step (nothing after it runs, as with kill -9), a fresh operator starts on the same
 * API server and broker, and deleting the pipeline ({@code topicDeletionPolicy: Delete}) removes
 * exactly the topics the operator created, never the pre-existing one the pipeline also uses.
 * Against the mock API server; {@link TopicOwnershipCrashRealApiIT} runs the same against a real
 * one.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS) // so that a subclass can override start and stop
class TopicOwnershipCrashIT {
    static final String NAMESPACE = "crash";
    EmbeddedKafkaBroker broker;
    KafkaTopics kafka;
    OperatorConfig config;

    @BeforeAll
    void start() {
        broker = EmbeddedKafkaBroker.builder().build().start();
        kafka = new KafkaTopics(broker.clientConfig());
        config = OperatorConfig.fromEnvironment(OperatorHarness.environment(broker));
    }

    @AfterAll
    void stop() {
        kafka.close();
        broker.close();
    }

    /** A fresh API server per test; a subclass runs the same checks on a real one. */
    KubernetesApi newApi() {
        return OperatorMockApi.start();
    }

    private KubernetesApi api() {
        KubernetesApi kube = newApi();
        kube.createNamespace(NAMESPACE);
        return kube;
    }

    /** Input and output created by the operator; the dead-letter topic exists before it. */
    private String pipeline(String name) throws Exception {
        kafka.create(name + "-shared", 1, Map.of());
        return Pipelines.flightDelays(NAMESPACE, name)
                .replace("topicDeletionPolicy: Retain", "topicDeletionPolicy: Delete")
                .replace("topic: " + name + "-dlq", "topic: " + name + "-shared");
    }

    private EventPipeline get(KubernetesApi kube, String name) {
        return kube.client()
                .resources(EventPipeline.class)
                .inNamespace(NAMESPACE)
                .withName(name)
                .get();
    }

    /** Applies the pipeline to an operator that crashes at the step, and stops that operator. */
    private EventPipeline crashAt(KubernetesApi kube, Step step, String name, String yaml)
            throws Exception {
        CrashAt crash = new CrashAt(step, name + "-events");
        OperatorHarness crashing = OperatorHarness.replica(kube, config, crash);
        crashing.apply(yaml);
        crash.awaitCrash(OperatorHarness.WAIT);
        crashing.closeOperatorOnly();
        EventPipeline crashed = get(kube, name);
        // Nothing but the claim recorded what was being created.
        assertThat(PipelineTopicOwnership.claimsOf(crashed))
                .containsExactly(name + "-alerts", name + "-events");
        assertThat(createdInStatus(crashed)).isEmpty();
        return crashed;
    }

    /**
     * Deletes the pipeline and waits until exactly {@code expected} went from the broker. A topic
     * whose deletion the controller has committed can still be listed for a moment, until the
     * broker's metadata catches up, so the list is read until it agrees or the wait runs out.
     */
    private void deleteAndAwaitGone(KubernetesApi kube, String name, String... expected)
            throws Exception {
        Set<String> before = kafka.names();
        kube.client().resources(EventPipeline.class).inNamespace(NAMESPACE).withName(name).delete();
        await().atMost(OperatorHarness.WAIT).until(() -> get(kube, name) == null);
        await().atMost(OperatorHarness.WAIT)
                .untilAsserted(() -> assertThat(gone(before)).containsExactlyInAnyOrder(expected));
    }

    private Set<String> gone(Set<String> before) throws Exception {
        Set<String> gone = new TreeSet<>(before);
        gone.removeAll(kafka.names());
        return gone;
    }

    private List<String> createdInStatus(EventPipeline pipeline) {
        if (pipeline.getStatus() == null) {
            return List.of();
        }
        return pipeline.getStatus().getTopics().stream()
                .filter(t -> Boolean.TRUE.equals(t.getCreated()))
                .map(TopicStatus::getName)
                .toList();
    }

    @Test
    void aCrashAfterTheClaimCreatesAndOwnsTheTopicsOnRestart() throws Exception {
        String name = "claimed";
        try (KubernetesApi kube = api()) {
            crashAt(kube, Step.CLAIMED, name, pipeline(name));
            assertThat(kafka.names()).doesNotContain(name + "-events", name + "-alerts");

            try (OperatorHarness restarted = OperatorHarness.replica(kube, config)) {
                EventPipeline deploying = restarted.awaitPhase(NAMESPACE, name, Phase.Deploying);
                assertThat(createdInStatus(deploying))
                        .containsExactly(name + "-events", name + "-alerts");
                assertThat(kafka.names()).contains(name + "-events", name + "-alerts");

                deleteAndAwaitGone(kube, name, name + "-events", name + "-alerts");
            }
            assertThat(kafka.names()).contains(name + "-shared");
        }
    }

    @Test
    void aCrashAfterTheCreateWasAnsweredStillDeletesTheCreatedTopics() throws Exception {
        String name = "answered";
        try (KubernetesApi kube = api()) {
            EventPipeline crashed = crashAt(kube, Step.CREATE_ANSWERED, name, pipeline(name));
            assertThat(kafka.names()).contains(name + "-events", name + "-alerts");

            // Deleted while the operator is down: the restarted one only ever sees the deletion.
            Set<String> before = kafka.names();
            kube.client().resource(crashed).delete();
            try (OperatorHarness restarted = OperatorHarness.replica(kube, config)) {
                await().atMost(OperatorHarness.WAIT).until(() -> get(kube, name) == null);
                await().atMost(OperatorHarness.WAIT)
                        .untilAsserted(
                                () ->
                                        assertThat(gone(before))
                                                .containsExactlyInAnyOrder(
                                                        name + "-events", name + "-alerts"));
            }
            assertThat(kafka.names()).contains(name + "-shared");
        }
    }

    @Test
    void aCrashBeforeTheStatusWriteIsConfirmedInTheStatusOnRestart() throws Exception {
        String name = "unreported";
        try (KubernetesApi kube = api()) {
            crashAt(kube, Step.TOPICS_RECONCILED, name, pipeline(name));
            assertThat(kafka.names()).contains(name + "-events", name + "-alerts");

            try (OperatorHarness restarted = OperatorHarness.replica(kube, config)) {
                EventPipeline deploying = restarted.awaitPhase(NAMESPACE, name, Phase.Deploying);
                assertThat(createdInStatus(deploying))
                        .containsExactly(name + "-events", name + "-alerts");
                // Ours again, so kept as the spec asks: drift on a created topic is reverted.
                kafka.setConfig(name + "-events", "retention.ms", "1000");
                await().atMost(OperatorHarness.WAIT)
                        .until(
                                () ->
                                        kafka.config(name + "-events", "retention.ms")
                                                .equals("86400000"));

                deleteAndAwaitGone(kube, name, name + "-events", name + "-alerts");
            }
            assertThat(kafka.names()).contains(name + "-shared");
        }
    }

    @Test
    void aTopicCreatedAlongsideARefusedOneStaysOwnedThroughACrash() throws Exception {
        String name = "refused";
        // One broker: the output's replication factor of 3 is refused, the input is created.
        String yaml =
                pipeline(name)
                        .replace(
                                "partitions: 3\n    replicationFactor: 1",
                                "partitions: 3\n    replicationFactor: 3");
        try (KubernetesApi kube = api()) {
            crashAt(kube, Step.CREATE_ANSWERED, name, yaml);
            assertThat(kafka.names()).contains(name + "-events").doesNotContain(name + "-alerts");

            try (OperatorHarness restarted = OperatorHarness.replica(kube, config)) {
                EventPipeline degraded = restarted.awaitPhase(NAMESPACE, name, Phase.Degraded);
                assertThat(condition(degraded, "TopicsReady").getReason())
                        .isEqualTo("InvalidRequest");

                deleteAndAwaitGone(kube, name, name + "-events");
            }
            assertThat(kafka.names()).contains(name + "-shared").doesNotContain(name + "-alerts");
        }
    }

    @Test
    void aTopicClaimedAfterTheFinalizerSurvivesACrashAfterItsCreate() throws Exception {
        String name = "renamed";
        String yaml = pipeline(name);
        try (KubernetesApi kube = api()) {
            // The first topics are claimed with the finalizer; a new output topic later is claimed
            // by a write of its own, and the operator crashes once that topic's create returned.
            CrashAt crash = new CrashAt(Step.CREATE_ANSWERED, name + "-new");
            OperatorHarness crashing = OperatorHarness.replica(kube, config, crash);
            crashing.apply(yaml);
            crashing.awaitPhase(NAMESPACE, name, Phase.Deploying);
            crashing.apply(yaml.replace("topic: " + name + "-alerts", "topic: " + name + "-new"));
            crash.awaitCrash(OperatorHarness.WAIT);
            crashing.closeOperatorOnly();
            EventPipeline crashed = get(kube, name);
            assertThat(PipelineTopicOwnership.claimsOf(crashed)).contains(name + "-new");
            assertThat(createdInStatus(crashed)).doesNotContain(name + "-new");
            assertThat(kafka.names()).contains(name + "-new");

            try (OperatorHarness restarted = OperatorHarness.replica(kube, config)) {
                // The spec's topics the operator created; the one an earlier spec named is kept.
                deleteAndAwaitGone(kube, name, name + "-events", name + "-new");
            }
            assertThat(kafka.names()).contains(name + "-shared", name + "-alerts");
        }
    }

    /** Writes to the pipeline other than its status (the test's own create is not one). */
    private long metadataWrites(KubernetesApi kube, String name) {
        return kube.writesTo("/eventpipelines/" + name)
                - kube.writesTo("/eventpipelines/" + name + "/status");
    }

    @Test
    void theClaimRidesOnTheFinalizerWriteAndCostsOneWriteWithoutIt() throws Exception {
        try (KubernetesApi kube = api();
                OperatorHarness operator = OperatorHarness.replica(kube, config)) {
            operator.apply(pipeline("policy-delete"));
            EventPipeline deleting =
                    operator.awaitPhase(NAMESPACE, "policy-delete", Phase.Deploying);
            assertThat(deleting.getMetadata().getFinalizers())
                    .containsExactly(PipelineDeletion.FINALIZER);
            // The pre-existing topic is never claimed.
            assertThat(PipelineTopicOwnership.claimsOf(deleting))
                    .containsExactly("policy-delete-alerts", "policy-delete-events");
            assertThat(metadataWrites(kube, "policy-delete")).isEqualTo(1);

            operator.apply(
                    pipeline("policy-retain")
                            .replace("topicDeletionPolicy: Delete", "topicDeletionPolicy: Retain"));
            EventPipeline retaining =
                    operator.awaitPhase(NAMESPACE, "policy-retain", Phase.Deploying);
            assertThat(retaining.getMetadata().getFinalizers()).isEmpty();
            assertThat(PipelineTopicOwnership.claimsOf(retaining))
                    .containsExactly("policy-retain-alerts", "policy-retain-events");
            assertThat(metadataWrites(kube, "policy-retain")).isEqualTo(1);
        }
    }
}
