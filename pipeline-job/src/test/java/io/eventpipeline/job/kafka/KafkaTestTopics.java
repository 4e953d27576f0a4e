package io.eventpipeline.job.kafka;

import io.eventpipeline.kafka.embedded.EmbeddedKafkaBroker;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Creates, fills and reads topics of the embedded broker with plain Kafka clients. */
final class KafkaTestTopics {
    private final EmbeddedKafkaBroker broker;

    KafkaTestTopics(EmbeddedKafkaBroker broker) {
        this.broker = broker;
    }

    void create(String... topics) throws Exception {
        createWithPartitions(1, topics);
    }

    void createWithPartitions(int partitions, String... topics) throws Exception {
        try (Admin admin = Admin.create(broker.clientConfig())) {
            List<NewTopic> newTopics = new ArrayList<>();
            for (String topic : topics) {
                newTopics.add(new NewTopic(topic, partitions, (short) 1));
            }
            admin.createTopics(newTopics).all().get();
        }
    }

    void produce(String topic, List<String> values) throws Exception {
        produce(topic, null, values);
    }

    /** Creates one topic with the given topic configs (e.g. a larger max.message.bytes). */
    void createWithConfig(String topic, Map<String, String> configs) throws Exception {
        try (Admin admin = Admin.create(broker.clientConfig())) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1).configs(configs)))
                    .all()
                    .get();
        }
    }

    /** Produces raw values, in order, allowing records of up to 16 MiB. */
    void produceBytes(String topic, List<byte[]> values) throws Exception {
        Map<String, Object> config = new HashMap<>(broker.clientConfig());
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        config.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 16 * 1024 * 1024);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config)) {
            for (byte[] value : values) {
                producer.send(new ProducerRecord<>(topic, value)).get();
            }
        }
    }

    /**
     * @param partition null: the producer's choice
     */
    void produce(String topic, Integer partition, List<String> values) throws Exception {
        Map<String, Object> config = new HashMap<>(broker.clientConfig());
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config)) {
            for (String value : values) {
                producer.send(
                                new ProducerRecord<>(
                                        topic,
                                        partition,
                                        null,
                                        value.getBytes(StandardCharsets.UTF_8)))
                        .get();
            }
        }
    }

    /** Reads committed records until {@code count} arrived or {@code timeout} passed. */
    List<ConsumerRecord<byte[], byte[]>> read(String topic, int count, Duration timeout) {
        return read(topic, count, timeout, "read_committed");
    }

    /**
     * Reads records until {@code count} arrived or {@code timeout} passed.
     *
     * @param isolationLevel read_uncommitted also returns records of aborted transactions
     */
    List<ConsumerRecord<byte[], byte[]>> read(
            String topic, int count, Duration timeout, String isolationLevel) {
        Map<String, Object> config = new HashMap<>(broker.clientConfig());
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolationLevel);
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config)) {
            // Assigned, not subscribed: no group join, whose time varies on a loaded machine.
            List<TopicPartition> partitions = new ArrayList<>();
            consumer.partitionsFor(topic)
                    .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (records.size() < count && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }

    static String value(ConsumerRecord<byte[], byte[]> record) {
        return new String(record.value(), StandardCharsets.UTF_8);
    }

    static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
