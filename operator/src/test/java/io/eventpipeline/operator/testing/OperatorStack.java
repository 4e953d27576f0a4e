package io.eventpipeline.operator.testing;

import io.eventpipeline.kafka.embedded.EmbeddedKafkaBroker;
import io.eventpipeline.testsupport.kafka.KafkaTopics;
import java.util.Map;

/** A broker, the operator against the mock API, and a test's own view of the broker. */
public final class OperatorStack implements AutoCloseable {
    public final EmbeddedKafkaBroker broker;
    public final OperatorHarness harness;
    public final KafkaTopics kafka;

    private OperatorStack(Map<String, String> extraEnvironment) {
        broker = EmbeddedKafkaBroker.builder().build().start();
        Map<String, String> env = OperatorHarness.environment(broker);
        env.putAll(extraEnvironment);
        harness = OperatorHarness.start(env);
        kafka = new KafkaTopics(broker.clientConfig());
    }

    public static OperatorStack start() {
        return new OperatorStack(Map.of());
    }

    /** With more operator settings (environment variables) than the harness's. */
    public static OperatorStack with(Map<String, String> environment) {
        return new OperatorStack(environment);
    }

    /**
     * With no periodic resync within a test's time: every reconcile (or request) a test counts has
     * a cause it can name.
     */
    public static OperatorStack withoutResync() {
        return new OperatorStack(Map.of("EP_RESYNC_INTERVAL", "10m"));
    }

    @Override
    public void close() {
        kafka.close();
        harness.close();
        broker.close();
    }
}
