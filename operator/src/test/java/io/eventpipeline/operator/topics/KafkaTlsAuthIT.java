package io.eventpipeline.operator.topics;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventpipeline.kafka.embedded.ClientAuthSettings;
import io.eventpipeline.kafka.embedded.EmbeddedKafkaBroker;
import io.eventpipeline.kafka.embedded.SecureListener;
import io.eventpipeline.kafka.embedded.ServerTls;
import io.eventpipeline.kafka.embedded.TestCertificates;
import io.eventpipeline.kafka.embedded.TestCertificates.CertificateAndKey;
import io.eventpipeline.operator.api.StatusCondition;
import io.eventpipeline.operator.testing.OperatorHarness;
import io.eventpipeline.operator.testing.Pipelines;
import io.fabric8.kubernetes.api.model.SecretBuilder;
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
    private static final String USER = "pipelines";
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
                        .scramUsers(Map.of(USER, PASSWORD))
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
        assertTopicsCreated(
                "ssl",
                SecureListener.SSL,
                ClientAuthSettings.forListener(SecureListener.SSL).trust(certificates.caPem()));
    }

    @Test
    void mtlsTopicsAreCreated() throws Exception {
        assertTopicsCreated(
                "mtls",
                SecureListener.MTLS,
                ClientAuthSettings.forListener(SecureListener.MTLS)
                        .trust(certificates.caPem())
                        .present(certificates.client()));
    }

    @Test
    void saslSslScramTopicsAreCreated() throws Exception {
        assertTopicsCreated(
                "saslssl",
                SecureListener.SASL_SSL_SCRAM,
                ClientAuthSettings.forListener(SecureListener.SASL_SSL_SCRAM)
                        .trust(certificates.caPem())
                        .scramLogin(USER, PASSWORD));
    }

    @Test
    void saslPlaintextScramTopicsAreCreated() throws Exception {
        assertTopicsCreated(
                "scram",
                SecureListener.SASL_PLAINTEXT_SCRAM,
                ClientAuthSettings.forListener(SecureListener.SASL_PLAINTEXT_SCRAM)
                        .scramLogin(USER, PASSWORD));
    }

    @Test
    void aWrongScramPasswordIsAClearReason() {
        StatusCondition topicsReady =
                degraded(
                        "wrongpw",
                        SecureListener.SASL_SSL_SCRAM,
                        ClientAuthSettings.forListener(SecureListener.SASL_SSL_SCRAM)
                                .trust(certificates.caPem())
                                .scramLogin(USER, "wrong-scram-password"));
        assertThat(topicsReady.getReason()).isEqualTo("AuthenticationFailed");
        assertThat(topicsReady.getMessage())
                .contains("refused the credentials")
                .doesNotContain("wrong-scram-password");
    }

    @Test
    void anUntrustedServerCertificateIsAClearReason() {
        StatusCondition topicsReady =
                degraded(
                        "untrusted",
                        SecureListener.SSL,
                        ClientAuthSettings.forListener(SecureListener.SSL)
                                .trust(certificates.untrustedCaPem()));
        assertThat(topicsReady.getReason()).isEqualTo("AuthenticationFailed");
        assertThat(topicsReady.getMessage())
                .contains("TLS handshake")
                .contains("not trusted")
                .doesNotContain("BEGIN");
    }

    @Test
    void anExpiredClientCertificateIsAClearReason() {
        StatusCondition topicsReady =
                degraded(
                        "expired",
                        SecureListener.MTLS,
                        ClientAuthSettings.forListener(SecureListener.MTLS)
                                .trust(certificates.caPem())
                                .present(certificates.expiredClient()));
        assertThat(topicsReady.getReason()).isEqualTo("AuthenticationFailed");
        assertThat(topicsReady.getMessage())
                .contains("TLS handshake")
                .contains("the broker rejected the client certificate")
                .contains("ssl.keystore.certificate.chain expired at")
                .doesNotContain("BEGIN")
                .doesNotContain(keyBody(certificates.expiredClient()));
    }

    /** A line from the middle of the PEM key: no message may contain any of it. */
    private static String keyBody(CertificateAndKey identity) {
        return identity.keyPem().lines().skip(2).findFirst().orElseThrow();
    }

    private static void assertTopicsCreated(
            String name, SecureListener listener, ClientAuthSettings settings) throws Exception {
        outcomes().assertTopicsCreated(name, () -> apply(name, listener, settings));
    }

    private static StatusCondition degraded(
            String name, SecureListener listener, ClientAuthSettings settings) {
        return outcomes().degraded(name, () -> apply(name, listener, settings));
    }

    private static SecurePipelineOutcomes outcomes() {
        return new SecurePipelineOutcomes(harness, broker, NAMESPACE);
    }

    private static void apply(String name, SecureListener listener, ClientAuthSettings settings) {
        harness.client()
                .secrets()
                .inNamespace(NAMESPACE)
                .resource(
                        new SecretBuilder()
                                .withNewMetadata()
                                .withName(name + "-kafka")
                                .withNamespace(NAMESPACE)
                                .endMetadata()
                                .withStringData(settings.asMap())
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
