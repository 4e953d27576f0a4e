package io.eventpipeline.job.kafka;

import io.eventpipeline.kafka.embedded.EmbeddedKafkaBroker;

/**
 * One broker for every Kafka test class in the JVM: start-up costs seconds, and tests use their own
 * topics. Stopped when the JVM exits.
 */
final class SharedKafka {
    private static EmbeddedKafkaBroker broker;

    private SharedKafka() {}

    static synchronized EmbeddedKafkaBroker broker() {
        if (broker == null) {
            EmbeddedKafkaBroker started = EmbeddedKafkaBroker.builder().build().start();
            Runtime.getRuntime().addShutdownHook(new Thread(started::close));
            broker = started;
        }
        return broker;
    }
}
