package io.eventpipeline.operator.topics;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.cert.CertPathBuilderException;
import java.util.Map;
import javax.net.ssl.SSLHandshakeException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.junit.jupiter.api.Test;

class TlsHandshakeMessageTest {

    private static final KafkaCluster CLUSTER =
            new KafkaCluster(
                    "kafka:9093",
                    Map.of("security.protocol", "SSL", "ssl.keystore.key", "KEY-MATERIAL"));
    private final AdminFutures futures = new AdminFutures(CLUSTER, java.time.Duration.ofSeconds(1));

    @Test
    void anUntrustedBrokerCertificateBlamesTheTruststore() {
        var handshake = new SSLHandshakeException("PKIX path building failed");
        handshake.initCause(
                new CertPathBuilderException(
                        "unable to find valid certification path to requested target"));
        TopicOperationException failure =
                futures.failure(
                        "create topics",
                        new SslAuthenticationException("SSL handshake failed", handshake));

        assertThat(failure.failure()).isEqualTo(TopicFailure.AuthenticationFailed);
        assertThat(failure.getMessage())
                .isEqualTo(
                        "TLS handshake with Kafka at kafka:9093 (SSL) failed: the broker's"
                                + " certificate is not trusted by ssl.truststore.certificates of"
                                + " the auth Secret, or does not name the bootstrap host (unable"
                                + " to find valid certification path to requested target)")
                .doesNotContain("KEY-MATERIAL");
    }

    @Test
    void aRejectedClientCertificateBlamesTheClientCertificate() {
        TopicOperationException failure =
                futures.failure(
                        "create topics",
                        new SslAuthenticationException(
                                "SSL handshake failed",
                                new SSLHandshakeException(
                                        "Received fatal alert: certificate_unknown")));

        assertThat(failure.getMessage())
                .contains(
                        "the broker rejected the client certificate (the auth Secret has no"
                                + " ssl.keystore.certificate.chain)")
                .endsWith("(Received fatal alert: certificate_unknown)");
    }

    @Test
    void anUnreadableClientCertificateIsSaidSoWithoutQuotingIt() {
        KafkaCluster cluster =
                new KafkaCluster(
                        "kafka:9093",
                        Map.of("ssl.keystore.certificate.chain", "not-a-certificate-SECRETISH"));
        TopicOperationException failure =
                new AdminFutures(cluster, java.time.Duration.ofSeconds(1))
                        .failure(
                                "create topics",
                                new SslAuthenticationException(
                                        "SSL handshake failed",
                                        new SSLHandshakeException(
                                                "Received fatal alert: bad_certificate")));

        assertThat(failure.getMessage())
                .contains("ssl.keystore.certificate.chain is not a readable PEM certificate")
                .doesNotContain("SECRETISH");
    }

    @Test
    void aRefusedPasswordKeepsItsMessage() {
        TopicOperationException failure =
                futures.failure(
                        "create topics", new SaslAuthenticationException("invalid credentials"));

        assertThat(failure.getMessage())
                .isEqualTo(
                        "Kafka at kafka:9093 (SSL) refused the credentials: invalid credentials");
    }
}
