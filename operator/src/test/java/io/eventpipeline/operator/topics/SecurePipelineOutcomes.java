package io.eventpipeline.operator.topics;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventpipeline.kafka.embedded.EmbeddedKafkaBroker;
import io.eventpipeline.operator.api.EventPipeline;
import io.eventpipeline.operator.api.Phase;
import io.eventpipeline.operator.api.StatusCondition;
import io.eventpipeline.operator.testing.OperatorHarness;
import io.eventpipeline.operator.testing.PipelineStatus;
import io.eventpipeline.testsupport.kafka.KafkaTopics;

/**
 * What a pipeline applied with some Kafka credentials comes to, for the credential ITs: its topics
 * made through them, or a Degraded pipeline with no job and the TopicsReady condition saying why.
 */
final class SecurePipelineOutcomes {
    private final OperatorHarness harness;
    private final EmbeddedKafkaBroker broker;
    private final String namespace;

    SecurePipelineOutcomes(OperatorHarness harness, EmbeddedKafkaBroker broker, String namespace) {
        this.harness = harness;
        this.broker = broker;
        this.namespace = namespace;
    }

    /**
     * The pipeline {@code name}, applied by {@code apply}, has its three topics and is deploying.
     */
    void assertTopicsCreated(String name, Runnable apply) throws Exception {
        apply.run();
        harness.awaitPhase(namespace, name, Phase.Deploying);
        try (KafkaTopics kafka = new KafkaTopics(broker.clientConfig())) {
            assertThat(kafka.names()).contains(name + "-events", name + "-alerts", name + "-dlq");
        }
        EventPipeline pipeline = harness.awaitPhase(namespace, name, Phase.Deploying);
        assertThat(PipelineStatus.condition(pipeline, "TopicsReady").getStatus()).isEqualTo("True");
    }

    /** The pipeline, applied by {@code apply}, is Degraded without a job; its TopicsReady. */
    StatusCondition degraded(String name, Runnable apply) {
        apply.run();
        EventPipeline degraded = harness.awaitPhase(namespace, name, Phase.Degraded);
        assertThat(harness.flinkDeployment(namespace, name)).isNull();
        StatusCondition topicsReady = PipelineStatus.condition(degraded, "TopicsReady");
        assertThat(topicsReady.getStatus()).isEqualTo("False");
        return topicsReady;
    }
}
