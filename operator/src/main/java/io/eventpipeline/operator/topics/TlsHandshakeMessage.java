package io.eventpipeline.operator.topics;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;

/**
 * Says which side of a failed TLS handshake gave up, since Kafka reports both as one "SSL handshake
 * failed". Only exception messages are quoted, never configuration values, so no key or password
 * can leak into a status condition.
 */
final class TlsHandshakeMessage {

    private static final String CLIENT_CHAIN = "ssl.keystore.certificate.chain";

    private TlsHandshakeMessage() {}

    static String describe(KafkaCluster cluster, Throwable failure) {
        Throwable root = failure;
        boolean serverNotTrusted = false;
        for (Throwable t = failure; t != null; t = t.getCause()) {
            serverNotTrusted |=
                    t instanceof CertPathBuilderException
                            || t instanceof CertPathValidatorException
                            || t instanceof CertificateException;
            root = t;
        }
        String detail =
                root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        String prefix = "TLS handshake with Kafka at " + cluster + " failed: ";
        if (serverNotTrusted) {
            return prefix
                    + "the broker's certificate is not trusted by "
                    + cluster.origin().trustedBy()
                    + ", or does not name the bootstrap host ("
                    + detail
                    + ")";
        }
        if (detail.contains("Received fatal alert")) {
            return prefix
                    + "the broker rejected the client certificate ("
                    + clientCertificateState(cluster)
                    + ") ("
                    + detail
                    + ")";
        }
        return prefix + detail;
    }

    /**
     * The broker's alert does not say why it refused; an out-of-date certificate in the Secret is
     * the one cause the operator can see for itself.
     */
    private static String clientCertificateState(KafkaCluster cluster) {
        String chain = cluster.clientSettings().get(CLIENT_CHAIN);
        String where = cluster.origin().clientCertificate();
        if (chain == null) {
            return cluster.origin().noClientCertificate();
        }
        try {
            X509Certificate leaf =
                    (X509Certificate)
                            CertificateFactory.getInstance("X.509")
                                    .generateCertificates(
                                            new ByteArrayInputStream(
                                                    chain.getBytes(StandardCharsets.US_ASCII)))
                                    .iterator()
                                    .next();
            Instant now = Instant.now();
            if (now.isAfter(leaf.getNotAfter().toInstant())) {
                return "the certificate in "
                        + where
                        + " expired at "
                        + leaf.getNotAfter().toInstant();
            }
            if (now.isBefore(leaf.getNotBefore().toInstant())) {
                return "the certificate in "
                        + where
                        + " is not valid before "
                        + leaf.getNotBefore().toInstant();
            }
        } catch (CertificateException | RuntimeException e) {
            return where + " is not a readable PEM certificate";
        }
        return "not signed by a CA the broker trusts, or revoked";
    }
}
