package io.eventpipeline.kafka.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SaslPlainListenerIT {

    private static EmbeddedKafkaBroker broker;

    @BeforeAll
    static void startBroker() {
        broker =
                EmbeddedKafkaBroker.builder()
                        .saslPlainUsers(Map.of("alice", "alice-secret"))
                        .build()
                        .start();
    }

    @AfterAll
    static void closeBroker() {
        broker.close();
    }

    @Test
    void acceptsAKnownUser() throws Exception {
        try (Admin admin = Admin.create(broker.saslClientConfig("alice", "alice-secret"))) {
            admin.createTopics(List.of(new NewTopic("alice-topic", 1, (short) 1)))
                    .all()
                    .get(10, TimeUnit.SECONDS);
            assertThat(admin.listTopics().names().get(10, TimeUnit.SECONDS))
                    .contains("alice-topic");
        }
        assertThat(broker.saslBootstrapServers())
                .matches("127\\.0\\.0\\.1:\\d+")
                .isNotEqualTo(broker.bootstrapServers());
    }

    @Test
    void rejectsAWrongPassword() {
        try (Admin admin = Admin.create(broker.saslClientConfig("alice", "not-her-password"))) {
            assertThatThrownBy(
                            () ->
                                    admin.createTopics(
                                                    List.of(new NewTopic("mallory", 1, (short) 1)))
                                            .all()
                                            .get(10, TimeUnit.SECONDS))
                    .hasRootCauseInstanceOf(SaslAuthenticationException.class);
        }
    }
}
