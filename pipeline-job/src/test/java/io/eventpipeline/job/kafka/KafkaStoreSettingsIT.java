package io.eventpipeline.job.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventpipeline.kafka.embedded.EmbeddedKafkaBroker;
import io.eventpipeline.kafka.embedded.SecureListener;
import io.eventpipeline.kafka.embedded.ServerTls;
import io.eventpipeline.kafka.embedded.TestCertificates;
import io.eventpipeline.kafka.embedded.TestStores;
import io.eventpipeline.spec.KafkaAuthSettings;
import io.eventpipeline.spec.resolved.ResolvedKafka;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job's side of mounted stores: the environment the operator renders (store files at a path,
 * types and locations as values, passwords from the Secret) becomes client properties with which a
 * real producer and consumer get through the broker's mutual-TLS listener.
 */
class KafkaStoreSettingsIT {
    private static final String PASSWORD = "mounted-store-pw";

    static TestCertificates certificates;
    static EmbeddedKafkaBroker broker;

    @BeforeAll
    static void start() {
        certificates = TestCertificates.generate();
        broker =
                EmbeddedKafkaBroker.builder()
                        .serverTls(ServerTls.of(certificates))
                        .secureListeners(SecureListener.MTLS)
                        .build()
                        .start();
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    @Test
    void mountedPkcs12StoresConnectAProducerAndConsumer(@TempDir Path mount) throws Exception {
        Path truststore = mount.resolve("truststore.pkcs12");
        Path keystore = mount.resolve("keystore.pkcs12");
        Files.write(truststore, TestStores.truststore(certificates.caPem(), "PKCS12", PASSWORD));
        Files.write(keystore, TestStores.keystore(certificates.client(), "PKCS12", PASSWORD));
        Map<String, String> env = new HashMap<>();
        env.put(KafkaAuthSettings.envVarName("security.protocol"), "SSL");
        env.put(KafkaAuthSettings.envVarName("ssl.truststore.type"), "PKCS12");
        env.put(KafkaAuthSettings.envVarName("ssl.truststore.location"), truststore.toString());
        env.put(KafkaAuthSettings.envVarName("ssl.truststore.password"), PASSWORD);
        env.put(KafkaAuthSettings.envVarName("ssl.keystore.type"), "PKCS12");
        env.put(KafkaAuthSettings.envVarName("ssl.keystore.location"), keystore.toString());
        env.put(KafkaAuthSettings.envVarName("ssl.keystore.password"), PASSWORD);
        env.put("UNRELATED", "ignored");

        KafkaJobSettings settings =
                KafkaJobSettings.forDeployment(
                        new ResolvedKafka(
                                Optional.of(broker.bootstrapServers(SecureListener.MTLS)),
                                Optional.empty()),
                        env);

        assertThat(settings.clientProperties())
                .containsEntry("ssl.truststore.location", truststore.toString())
                .containsEntry("ssl.keystore.password", PASSWORD)
                .hasSize(7);
        try (Admin admin = Admin.create(new HashMap<>(broker.clientConfig()))) {
            admin.createTopics(List.of(new NewTopic("mounted", 1, (short) 1))).all().get();
        }
        Map<String, Object> client = new HashMap<>(settings.clientProperties());
        client.put("bootstrap.servers", settings.bootstrapServers());
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(client, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>("mounted", "k", "over mTLS")).get();
        }
        client.put("group.id", "mounted-reader");
        client.put("auto.offset.reset", "earliest");
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(client, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of("mounted"));
            ConsumerRecords<String, String> records = ConsumerRecords.empty();
            for (int i = 0; i < 30 && records.isEmpty(); i++) {
                records = consumer.poll(Duration.ofSeconds(1));
            }
            assertThat(records).extracting(r -> r.value()).containsExactly("over mTLS");
        }
    }
}
