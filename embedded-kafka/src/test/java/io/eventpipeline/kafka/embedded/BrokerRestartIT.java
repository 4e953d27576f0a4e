package io.eventpipeline.kafka.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;

class BrokerRestartIT {

    @Test
    void comesBackOnTheSamePortWithItsTopicsAfterStop() throws Exception {
        Path dataDir;
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().build()) {
            dataDir = broker.dataDir();
            broker.start();
            String bootstrapServers = broker.bootstrapServers();
            String clusterId = broker.clusterId();
            try (Admin admin = Admin.create(broker.clientConfig())) {
                admin.createTopics(List.of(new NewTopic("payments", 3, (short) 1)))
                        .all()
                        .get(10, TimeUnit.SECONDS);
            }

            broker.stop();

            assertThat(broker.isRunning()).isFalse();
            try (Admin admin = Admin.create(quickAdminConfig(broker))) {
                assertThatThrownBy(() -> admin.listTopics().names().get())
                        .isInstanceOf(ExecutionException.class)
                        .hasCauseInstanceOf(TimeoutException.class);
            }

            broker.start();

            assertThat(broker.isRunning()).isTrue();
            assertThat(broker.bootstrapServers()).isEqualTo(bootstrapServers);
            assertThat(broker.clusterId()).isEqualTo(clusterId);
            try (Admin admin = Admin.create(broker.clientConfig())) {
                assertThat(
                                admin.describeTopics(Set.of("payments"))
                                        .allTopicNames()
                                        .get(10, TimeUnit.SECONDS)
                                        .get("payments")
                                        .partitions())
                        .hasSize(3);
            }
        }
        assertThat(Files.exists(dataDir)).as("temp data dir deleted on close").isFalse();
    }

    private static Map<String, Object> quickAdminConfig(EmbeddedKafkaBroker broker) {
        Map<String, Object> config = broker.clientConfig();
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 500);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 1_000);
        return config;
    }
}
