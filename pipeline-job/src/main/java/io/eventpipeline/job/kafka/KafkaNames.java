package io.eventpipeline.job.kafka;

/**
 * Kafka-side names of one pipeline, unique per namespace and name: its consumer group and its
 * sinks' transactional id prefixes (two pipelines sharing a prefix would fence each other).
 */
public record KafkaNames(String namespace, String name) {
    public String consumerGroup() {
        return "eventpipeline-" + namespace + "-" + name;
    }

    /**
     * @param sink which sink: {@code matches} or {@code dead-letters}
     */
    public String transactionalIdPrefix(String sink) {
        return consumerGroup() + "-" + sink;
    }
}
