package io.eventpipeline.operator.topics;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventpipeline.kafka.embedded.EmbeddedKafkaBroker;
import io.eventpipeline.kafka.embedded.SecureListener;
import io.eventpipeline.kafka.embedded.ServerTls;
import io.eventpipeline.kafka.embedded.TestCertificates;
import io.eventpipeline.kafka.embedded.TestCertificates.CertificateAndKey;
import io.eventpipeline.operator.api.EventPipeline;
import io.eventpipeline.operator.api.Phase;
import io.eventpipeline.operator.api.StatusCondition;
import io.eventpipeline.operator.testing.OperatorHarness;
import io.eventpipeline.operator.testing.PipelineStatus;
import io.eventpipeline.operator.testing.Pipelines;
import io.eventpipeline.testsupport.kafka.KafkaTopics;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * TLS, mTLS and SCRAM listeners; the operator's Admin client takes PEM certificates, keys and SCRAM
 * credentials from the pipeline's auth Secret.
 */
class KafkaTlsAuthIT {
    private static final String NAMESPACE = "tls";
    private static final String PASSWORD = "scram-password-1";

    static TestCertificates certificates;
    static EmbeddedKafkaBroker broker;
    static OperatorHarness harness;

    @BeforeAll
    static void start() {
        certificates = TestCertificates.generate();
        broker =
                EmbeddedKafkaBroker.builder()
                        .serverTls(ServerTls.of(certificates))
                        .secureListeners(SecureListener.values())
                        .scramUsers(Map.of("pipelines", PASSWORD))
                        .build()
                        .start();
        harness = OperatorHarness.start(broker);
    }

    @AfterAll
    static void stop() {
        harness.close();
        broker.close();
    }

    @Test
    void sslTopicsAreCreated() throws Exception {
        Map<String, String> settings = settings(SecureListener.SSL);
        trust(settings, certificates.caPem());
        assertTopicsCreated("ssl", SecureListener.SSL, settings);
    }

    @Test
    void mtlsTopicsAreCreated() throws Exception {
        Map<String, String> settings = settings(SecureListener.MTLS);
        trust(settings, certificates.caPem());
        present(settings, certificates.client());
        assertTopicsCreated("mtls", SecureListener.MTLS, settings);
    }

    @Test
    void saslSslScramTopicsAreCreated() throws Exception {
        Map<String, String> settings = settings(SecureListener.SASL_SSL_SCRAM);
        trust(settings, certificates.caPem());
        settings.put("sasl.jaas.config", scramLogin(PASSWORD));
        assertTopicsCreated("saslssl", SecureListener.SASL_SSL_SCRAM, settings);
    }

    @Test
    void saslPlaintextScramTopicsAreCreated() throws Exception {
        Map<String, String> settings = settings(SecureListener.SASL_PLAINTEXT_SCRAM);
        settings.put("sasl.jaas.config", scramLogin(PASSWORD));
        assertTopicsCreated("scram", SecureListener.SASL_PLAINTEXT_SCRAM, settings);
    }

    @Test
    void aWrongScramPasswordIsAClearReason() {
        Map<String, String> settings = settings(SecureListener.SASL_SSL_SCRAM);
        trust(settings, certificates.caPem());
        settings.put("sasl.jaas.config", scramLogin("wrong-scram-password"));
        StatusCondition topicsReady = degraded("wrongpw", SecureListener.SASL_SSL_SCRAM, settings);
        assertThat(topicsReady.getReason()).isEqualTo("AuthenticationFailed");
        assertThat(topicsReady.getMessage())
                .contains("refused the credentials")
                .doesNotContain("wrong-scram-password");
    }

    @Test
    void anUntrustedServerCertificateIsAClearReason() {
        Map<String, String> settings = settings(SecureListener.SSL);
        trust(settings, certificates.untrustedCaPem());
        StatusCondition topicsReady = degraded("untrusted", SecureListener.SSL, settings);
        assertThat(topicsReady.getReason()).isEqualTo("AuthenticationFailed");
        assertThat(topicsReady.getMessage())
                .contains("TLS handshake")
                .contains("not trusted")
                .doesNotContain("BEGIN");
    }

    @Test
    void anExpiredClientCertificateIsAClearReason() {
        Map<String, String> settings = settings(SecureListener.MTLS);
        trust(settings, certificates.caPem());
        present(settings, certificates.expiredClient());
        StatusCondition topicsReady = degraded("expired", SecureListener.MTLS, settings);
        assertThat(topicsReady.getReason()).isEqualTo("AuthenticationFailed");
        assertThat(topicsReady.getMessage())
                .contains("TLS handshake")
                .contains("the broker rejected the client certificate")
                .contains("ssl.keystore.certificate.chain expired at")
                .doesNotContain("BEGIN")
                .doesNotContain(keyBody(certificates.expiredClient()));
    }

    private static Map<String, String> settings(SecureListener listener) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("security.protocol", listener.securityProtocol());
        if (listener.securityProtocol().startsWith("SASL")) {
            settings.put("sasl.mechanism", SecureListener.SCRAM_MECHANISM);
        }
        return settings;
    }

    private static void trust(Map<String, String> settings, String caPem) {
        settings.put("ssl.truststore.type", "PEM");
        settings.put("ssl.truststore.certificates", caPem);
    }

    private static void present(Map<String, String> settings, CertificateAndKey identity) {
        settings.put("ssl.keystore.type", "PEM");
        settings.put("ssl.keystore.certificate.chain", identity.chainPem());
        settings.put("ssl.keystore.key", identity.keyPem());
    }

    private static String scramLogin(String password) {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required"
                + " username=\"pipelines\" password=\""
                + password
                + "\";";
    }

    /** A line from the middle of the PEM key: no message may contain any of it. */
    private static String keyBody(CertificateAndKey identity) {
        return identity.keyPem().lines().skip(2).findFirst().orElseThrow();
    }

    private static void assertTopicsCreated(
            String name, SecureListener listener, Map<String, String> settings) throws Exception {
        apply(name, listener, settings);
        harness.awaitPhase(NAMESPACE, name, Phase.Deploying);
        try (KafkaTopics kafka = new KafkaTopics(broker.clientConfig())) {
            assertThat(kafka.names()).contains(name + "-events", name + "-alerts", name + "-dlq");
        }
        EventPipeline pipeline = harness.awaitPhase(NAMESPACE, name, Phase.Deploying);
        assertThat(PipelineStatus.condition(pipeline, "TopicsReady").getStatus()).isEqualTo("True");
    }

    private static StatusCondition degraded(
            String name, SecureListener listener, Map<String, String> settings) {
        apply(name, listener, settings);
        EventPipeline degraded = harness.awaitPhase(NAMESPACE, name, Phase.Degraded);
        assertThat(harness.flinkDeployment(NAMESPACE, name)).isNull();
        StatusCondition topicsReady = PipelineStatus.condition(degraded, "TopicsReady");
        assertThat(topicsReady.getStatus()).isEqualTo("False");
        return topicsReady;
    }

    private static void apply(String name, SecureListener listener, Map<String, String> settings) {
        harness.client()
                .secrets()
                .inNamespace(NAMESPACE)
                .resource(
                        new SecretBuilder()
                                .withNewMetadata()
                                .withName(name + "-kafka")
                                .withNamespace(NAMESPACE)
                                .endMetadata()
                                .withStringData(settings)
                                .build())
                .create();
        harness.apply(
                Pipelines.flightDelays(NAMESPACE, name)
                        .replace(
                                "spec:\n  input:",
                                "spec:\n  kafka:\n    bootstrapServers: "
                                        + broker.bootstrapServers(listener)
                                        + "\n    authSecretRef: {name: "
                                        + name
                                        + "-kafka}\n  input:"));
    }
}
