package io.eventpipeline.kafka.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class EmbeddedKafkaBrokerIT {

    private static EmbeddedKafkaBroker broker;

    @BeforeAll
    static void startBroker() {
        broker = EmbeddedKafkaBroker.builder().build().start();
    }

    @AfterAll
    static void closeBroker() {
        broker.close();
    }

    @Test
    void createsTopicAndRoundTripsARecord() throws Exception {
        try (Admin admin = Admin.create(broker.clientConfig())) {
            admin.createTopics(List.of(new NewTopic("orders", 3, (short) 1)))
                    .all()
                    .get(10, TimeUnit.SECONDS);
            TopicDescription orders =
                    admin.describeTopics(Set.of("orders"))
                            .allTopicNames()
                            .get(10, TimeUnit.SECONDS)
                            .get("orders");
            assertThat(orders.partitions()).hasSize(3);
        }

        RecordMetadata sent;
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(
                        broker.clientConfig(), new StringSerializer(), new StringSerializer())) {
            sent =
                    producer.send(new ProducerRecord<>("orders", 1, "order-1", "{\"total\":42}"))
                            .get(10, TimeUnit.SECONDS);
        }
        assertThat(sent.partition()).isEqualTo(1);

        Map<String, Object> consumerConfig = broker.clientConfig();
        consumerConfig.put(ConsumerConfig.GROUP_ID_CONFIG, "orders-reader");
        consumerConfig.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<String, String>> received = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(
                        consumerConfig, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of("orders"));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            while (received.isEmpty() && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(received::add);
            }
        }
        assertThat(received)
                .singleElement()
                .satisfies(
                        record -> {
                            assertThat(record.key()).isEqualTo("order-1");
                            assertThat(record.value()).isEqualTo("{\"total\":42}");
                            assertThat(record.partition()).isEqualTo(1);
                        });
    }

    @Test
    void bindsToLoopbackAndKnowsItsClusterId() {
        assertThat(broker.isRunning()).isTrue();
        assertThat(broker.bootstrapServers()).matches("127\\.0\\.0\\.1:\\d+");
        assertThat(broker.clientConfig()).containsOnlyKeys("bootstrap.servers");
        assertThat(broker.clusterId()).isNotBlank();
    }

    @Test
    void hasNoSaslListenerUnlessUsersAreGiven() {
        assertThatThrownBy(() -> broker.saslBootstrapServers())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no SASL listener");
    }
}
