package io.eventpipeline.kafka.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** One broker with every secure listener; each test is one client of one listener. */
class SecureListenersIT {

    private static final String SCRAM_LOGIN =
            "org.apache.kafka.common.security.scram.ScramLoginModule required"
                    + " username=\"carol\" password=\"%s\";";

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
        Map<String, Object> config = broker.clientConfig(SecureListener.SSL);
        trust(config, certificates.caPem());
        assertCreatesAndLists(config, "ssl-topic");
    }

    @Test
    void mtlsClientWithACertificateCreatesAndListsATopic() throws Exception {
        Map<String, Object> config = broker.clientConfig(SecureListener.MTLS);
        trust(config, certificates.caPem());
        present(config, certificates.client());
        assertCreatesAndLists(config, "mtls-topic");
    }

    @Test
    void saslSslScramClientCreatesAndListsATopic() throws Exception {
        Map<String, Object> config = broker.clientConfig(SecureListener.SASL_SSL_SCRAM);
        trust(config, certificates.caPem());
        config.put(SaslConfigs.SASL_JAAS_CONFIG, SCRAM_LOGIN.formatted("carol-secret"));
        assertCreatesAndLists(config, "sasl-ssl-topic");
    }

    @Test
    void saslPlaintextScramClientCreatesAndListsATopic() throws Exception {
        Map<String, Object> config = broker.clientConfig(SecureListener.SASL_PLAINTEXT_SCRAM);
        config.put(SaslConfigs.SASL_JAAS_CONFIG, SCRAM_LOGIN.formatted("carol-secret"));
        assertCreatesAndLists(config, "sasl-plaintext-topic");
        assertThat(config).containsEntry(SaslConfigs.SASL_MECHANISM, "SCRAM-SHA-512");
    }

    @Test
    void aWrongScramPasswordIsRejected() {
        Map<String, Object> config = broker.clientConfig(SecureListener.SASL_SSL_SCRAM);
        trust(config, certificates.caPem());
        config.put(SaslConfigs.SASL_JAAS_CONFIG, SCRAM_LOGIN.formatted("not-her-password"));
        assertFailsWith(config, SaslAuthenticationException.class);
    }

    @Test
    void aServerCertificateFromAnotherCaIsRejected() {
        Map<String, Object> config = broker.clientConfig(SecureListener.SSL);
        trust(config, certificates.untrustedCaPem());
        assertFailsWith(config, SslAuthenticationException.class);
    }

    @Test
    void anExpiredClientCertificateIsRejected() {
        Map<String, Object> config = broker.clientConfig(SecureListener.MTLS);
        trust(config, certificates.caPem());
        present(config, certificates.expiredClient());
        assertFailsWith(config, SslAuthenticationException.class);
    }

    @Test
    void aClientWithoutACertificateIsRejectedByTheMtlsListener() {
        Map<String, Object> config = broker.clientConfig(SecureListener.MTLS);
        trust(config, certificates.caPem());
        assertFailsWith(config, SslAuthenticationException.class);
    }

    private static void trust(Map<String, Object> config, String caPem) {
        config.put(SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, "PEM");
        config.put(SslConfigs.SSL_TRUSTSTORE_CERTIFICATES_CONFIG, caPem);
    }

    private static void present(
            Map<String, Object> config, TestCertificates.CertificateAndKey identity) {
        config.put(SslConfigs.SSL_KEYSTORE_TYPE_CONFIG, "PEM");
        config.put(SslConfigs.SSL_KEYSTORE_CERTIFICATE_CHAIN_CONFIG, identity.chainPem());
        config.put(SslConfigs.SSL_KEYSTORE_KEY_CONFIG, identity.keyPem());
    }

    private static void assertCreatesAndLists(Map<String, Object> config, String topic)
            throws Exception {
        try (Admin admin = Admin.create(config)) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1)))
                    .all()
                    .get(10, TimeUnit.SECONDS);
            assertThat(admin.listTopics().names().get(10, TimeUnit.SECONDS)).contains(topic);
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
