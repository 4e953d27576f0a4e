package io.eventpipeline.job.bench;

import io.eventpipeline.spec.PipelineDefinition;
import io.eventpipeline.testsupport.kafka.KafkaTopics;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.LongSummaryStatistics;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The latency benchmark's topics on the broker, and its pipeline: {@code
 * bench/checkout-journey.yaml} reading and writing them, at-least-once. Every topic stamps records
 * with the broker's append time ({@code LogAppendTime}), so that a record's timestamp is when it
 * arrived, on one clock.
 */
final class BenchTopics {
    private static final Map<String, String> APPEND_TIME =
            Map.of("message.timestamp.type", "LogAppendTime");

    private final KafkaTopics topics;
    private final Map<String, Object> clientConfig;
    private final String bootstrapServers;
    final String name;
    final String input;
    final String output;
    final String deadLetter;

    /**
     * @param name the pipeline's name; its output and dead-letter topics are named after it
     * @param input the input topic: pipelines of several runs may read the same one
     */
    BenchTopics(
            KafkaTopics topics,
            Map<String, Object> clientConfig,
            String bootstrapServers,
            String name,
            String input) {
        this.topics = topics;
        this.clientConfig = clientConfig;
        this.bootstrapServers = bootstrapServers;
        this.name = name;
        this.input = input;
        this.output = name + "-out";
        this.deadLetter = name + "-dlq";
    }

    void createInput(int partitions) throws Exception {
        topics.create(input, partitions, APPEND_TIME);
    }

    void createOutputs() throws Exception {
        topics.create(output, 1, APPEND_TIME);
        topics.create(deadLetter, 1, APPEND_TIME);
    }

    /**
     * The benchmark's pipeline on these topics, from the earliest offset, at-least-once, with the
     * pattern's time limit set to {@code within}.
     */
    PipelineDefinition pipeline(String within) throws Exception {
        String yaml;
        try (InputStream in =
                BenchTopics.class.getResourceAsStream("/bench/checkout-journey.yaml")) {
            yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        yaml =
                replace(yaml, "name: checkout-journey", "name: " + name)
                        .transform(
                                y ->
                                        replace(
                                                y,
                                                "    topic: shop-events",
                                                "    topic: "
                                                        + input
                                                        + "\n    startFrom: earliest"))
                        .transform(y -> replace(y, "topic: shop-alerts", "topic: " + output))
                        .transform(y -> replace(y, "within: 10m", "within: " + within));
        yaml +=
                """
                  kafka: {bootstrapServers: "%s"}
                  deadLetter: {topic: %s}
                  delivery: at-least-once
                """
                        .formatted(bootstrapServers, deadLetter);
        return PipelineDefinition.parse(yaml);
    }

    private static String replace(String yaml, String target, String replacement) {
        if (!yaml.contains(target)) {
            throw new IllegalStateException("bench/checkout-journey.yaml has no '" + target + "'");
        }
        return yaml.replace(target, replacement);
    }

    /**
     * Writes a record that is not JSON to every input partition: the job dead-letters each as soon
     * as it reads it, so the dead-letter topic's first append time tells when the job started
     * reading.
     */
    void produceStartMarkers(int partitions) throws Exception {
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config)) {
            for (int partition = 0; partition < partitions; partition++) {
                byte[] marker = "start".getBytes(StandardCharsets.UTF_8);
                producer.send(new ProducerRecord<>(input, partition, null, marker)).get();
            }
        }
    }

    /**
     * Waits until {@code topic} has records and has had no new one for {@code quiet}: a job that
     * does not stop by itself is through its input.
     */
    void awaitQuiet(String topic, Duration quiet) throws InterruptedException {
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config)) {
            List<TopicPartition> partitions =
                    consumer.partitionsFor(topic).stream()
                            .map(p -> new TopicPartition(topic, p.partition()))
                            .toList();
            long seen = 0;
            long changedAt = System.nanoTime();
            long deadline = System.nanoTime() + Duration.ofMinutes(15).toNanos();
            while (seen == 0 || System.nanoTime() - changedAt < quiet.toNanos()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(topic + " is still growing");
                }
                Thread.sleep(250);
                long end =
                        consumer.endOffsets(partitions).values().stream()
                                .mapToLong(Long::longValue)
                                .sum();
                if (end != seen) {
                    seen = end;
                    changedAt = System.nanoTime();
                }
            }
        }
    }

    /** The append times of every record now on {@code topic}: count, first, last. */
    LongSummaryStatistics appendTimes(String topic) {
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        LongSummaryStatistics times = new LongSummaryStatistics();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config)) {
            List<TopicPartition> partitions =
                    consumer.partitionsFor(topic).stream()
                            .map(p -> new TopicPartition(topic, p.partition()))
                            .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<byte[], byte[]> record :
                        consumer.poll(Duration.ofMillis(200))) {
                    times.accept(record.timestamp());
                }
            }
        }
        return times;
    }
}
