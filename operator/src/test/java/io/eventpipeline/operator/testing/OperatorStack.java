package io.eventpipeline.operator.testing;

import io.eventpipeline.kafka.embedded.EmbeddedKafkaBroker;

/** A broker, the operator against the mock API, and a test's own view of the broker. */
public final class OperatorStack implements AutoCloseable {
    public final EmbeddedKafkaBroker broker;
    public final OperatorHarness harness;
    public final KafkaTopics kafka;

    private OperatorStack() {
        broker = EmbeddedKafkaBroker.builder().build().start();
        harness = OperatorHarness.start(broker);
        kafka = new KafkaTopics(broker.clientConfig());
    }

    public static OperatorStack start() {
        return new OperatorStack();
    }

    @Override
    public void close() {
        kafka.close();
        harness.close();
        broker.close();
    }
}
