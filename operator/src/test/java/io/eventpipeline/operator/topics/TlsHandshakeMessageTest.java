package io.eventpipeline.operator.topics;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventpipeline.spec.model.StoreType;
import io.eventpipeline.spec.resolved.KafkaStore;
import io.eventpipeline.spec.resolved.ResolvedKafka;
import io.eventpipeline.spec.resolved.ResolvedKafkaTls;
import java.security.cert.CertPathBuilderException;
import java.util.Map;
import java.util.Optional;
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
    void storeCredentialsAreNamedByTheirSpecField() {
        var truststore =
                new KafkaStore(
                        "ca",
                        "ca.p12",
                        StoreType.PKCS12,
                        Optional.of("ca.password"),
                        "spec.kafka.tls.truststore");
        var kafka =
                new ResolvedKafka(
                        Optional.of("kafka:9093"),
                        Optional.empty(),
                        Optional.of(
                                new ResolvedKafkaTls(Optional.of(truststore), Optional.empty())),
                        Optional.empty());
        KafkaCluster cluster =
                new KafkaCluster(
                        "kafka:9093",
                        Map.of("security.protocol", "SSL"),
                        CredentialOrigin.of(kafka));
        AdminFutures stores = new AdminFutures(cluster, java.time.Duration.ofSeconds(1));
        var handshake = new SSLHandshakeException("PKIX path building failed");
        handshake.initCause(new CertPathBuilderException("no path"));

        assertThat(
                        stores.failure(
                                        "create topics",
                                        new SslAuthenticationException(
                                                "SSL handshake failed", handshake))
                                .getMessage())
                .contains("not trusted by the truststore of spec.kafka.tls.truststore,");
        assertThat(
                        stores.failure(
                                        "create topics",
                                        new SslAuthenticationException(
                                                "SSL handshake failed",
                                                new SSLHandshakeException(
                                                        "Received fatal alert:"
                                                                + " certificate_required")))
                                .getMessage())
                .contains(
                        "the broker rejected the client certificate (no keystore is given: neither"
                                + " spec.kafka.tls.keystore nor a tls KafkaUser in"
                                + " spec.kafka.strimzi)");
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
