package io.eventpipeline.kafka.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** One broker with every secure listener; each test is one client of one listener. */
class SecureListenersIT {

    private static TestCertificates certificates;
    private static EmbeddedKafkaBroker broker;

    @BeforeAll
    static void startBroker() {
        certificates = TestCertificates.generate();
        broker =
                EmbeddedKafkaBroker.builder()
                        .serverTls(ServerTls.of(certificates))
                        .secureListeners(SecureListener.values())
                        .scramUsers(Map.of("carol", "carol-secret"))
                        .build()
                        .start();
    }

    @AfterAll
    static void closeBroker() {
        broker.close();
    }

    @Test
    void sslClientTrustingTheCaCreatesAndListsATopic() throws Exception {
        assertCreatesAndLists(
                config(
                        SecureListener.SSL,
                        ClientAuthSettings.forListener(SecureListener.SSL)
                                .trust(certificates.caPem())),
                "ssl-topic");
    }

    @Test
    void mtlsClientWithACertificateCreatesAndListsATopic() throws Exception {
        assertCreatesAndLists(
                config(
                        SecureListener.MTLS,
                        ClientAuthSettings.forListener(SecureListener.MTLS)
                                .trust(certificates.caPem())
                                .present(certificates.client())),
                "mtls-topic");
    }

    @Test
    void saslSslScramClientCreatesAndListsATopic() throws Exception {
        assertCreatesAndLists(
                config(
                        SecureListener.SASL_SSL_SCRAM,
                        ClientAuthSettings.forListener(SecureListener.SASL_SSL_SCRAM)
                                .trust(certificates.caPem())
                                .scramLogin("carol", "carol-secret")),
                "sasl-ssl-topic");
    }

    @Test
    void saslPlaintextScramClientCreatesAndListsATopic() throws Exception {
        Map<String, Object> config = broker.clientConfig(SecureListener.SASL_PLAINTEXT_SCRAM);
        // The broker's own client config names the mechanism, before any settings are added.
        assertThat(config).containsEntry(SaslConfigs.SASL_MECHANISM, "SCRAM-SHA-512");
        config.putAll(
                ClientAuthSettings.forListener(SecureListener.SASL_PLAINTEXT_SCRAM)
                        .scramLogin("carol", "carol-secret")
                        .asMap());
        assertCreatesAndLists(config, "sasl-plaintext-topic");
    }

    @Test
    void aWrongScramPasswordIsRejected() {
        assertFailsWith(
                config(
                        SecureListener.SASL_SSL_SCRAM,
                        ClientAuthSettings.forListener(SecureListener.SASL_SSL_SCRAM)
                                .trust(certificates.caPem())
                                .scramLogin("carol", "not-her-password")),
                SaslAuthenticationException.class);
    }

    @Test
    void aServerCertificateFromAnotherCaIsRejected() {
        assertFailsWith(
                config(
                        SecureListener.SSL,
                        ClientAuthSettings.forListener(SecureListener.SSL)
                                .trust(certificates.untrustedCaPem())),
                SslAuthenticationException.class);
    }

    @Test
    void anExpiredClientCertificateIsRejected() {
        assertFailsWith(
                config(
                        SecureListener.MTLS,
                        ClientAuthSettings.forListener(SecureListener.MTLS)
                                .trust(certificates.caPem())
                                .present(certificates.expiredClient())),
                SslAuthenticationException.class);
    }

    @Test
    void aClientWithoutACertificateIsRejectedByTheMtlsListener() {
        assertFailsWith(
                config(
                        SecureListener.MTLS,
                        ClientAuthSettings.forListener(SecureListener.MTLS)
                                .trust(certificates.caPem())),
                SslAuthenticationException.class);
    }

    /** The broker's client config for the listener with these settings added. */
    private static Map<String, Object> config(
            SecureListener listener, ClientAuthSettings settings) {
        Map<String, Object> config = broker.clientConfig(listener);
        config.putAll(settings.asMap());
        return config;
    }

    private static void assertCreatesAndLists(Map<String, Object> config, String topic)
            throws Exception {
        try (Admin admin = Admin.create(config)) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1)))
                    .all()
                    .get(10, TimeUnit.SECONDS);
            // The create is answered by the controller; the broker lists the topic once its
            // metadata has caught up, moments later.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            java.util.Set<String> listed = admin.listTopics().names().get(10, TimeUnit.SECONDS);
            while (!listed.contains(topic) && System.nanoTime() < deadline) {
                Thread.sleep(50);
                listed = admin.listTopics().names().get(10, TimeUnit.SECONDS);
            }
            assertThat(listed).contains(topic);
        }
    }

    private static void assertFailsWith(
            Map<String, Object> config, Class<? extends Throwable> failure) {
        // Authentication failures are fatal: the call fails at once, well within the timeout.
        try (Admin admin = Admin.create(config)) {
            assertThatThrownBy(
                            () ->
                                    admin.createTopics(
                                                    List.of(new NewTopic("refused", 1, (short) 1)))
                                            .all()
                                            .get(15, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(failure);
        }
    }
}
