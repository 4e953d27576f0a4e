package io.eventpipeline.testsupport.kafka;

import io.eventpipeline.kafka.embedded.EmbeddedKafkaBroker;

/**
 * One broker for every Kafka test class in the JVM: start-up costs seconds, and tests use their own
 * topics. Stopped when the JVM exits.
 */
public final class SharedKafka {
    private static EmbeddedKafkaBroker broker;
    private static KafkaTopics topics;

    private SharedKafka() {}

    public static synchronized EmbeddedKafkaBroker broker() {
        if (broker == null) {
            EmbeddedKafkaBroker started =
                    EmbeddedKafkaBroker.builder()
                            // Match records carry their event time, which tests set in 1970: the
                            // default 7-day retention would delete them at the broker's first
                            // retention check, 30 s after start.
                            .brokerProperty("log.retention.ms", "-1")
                            .build()
                            .start();
            Runtime.getRuntime().addShutdownHook(new Thread(started::close));
            broker = started;
        }
        return broker;
    }

    /** A view of the shared broker's topics, itself shared; closed when the JVM exits. */
    public static synchronized KafkaTopics topics() {
        if (topics == null) {
            KafkaTopics view = new KafkaTopics(broker().clientConfig());
            Runtime.getRuntime().addShutdownHook(new Thread(view::close));
            topics = view;
        }
        return topics;
    }
}
