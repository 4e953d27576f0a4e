package io.eventpipeline.operator.topics;

import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;

/**
 * Says which side of a failed TLS handshake gave up, since Kafka reports both as one "SSL handshake
 * failed". Only exception messages are quoted, never configuration values, so no key or password
 * can leak into a status condition.
 */
final class TlsHandshakeMessage {

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
                    + "the broker's certificate is not trusted by ssl.truststore.certificates of"
                    + " the auth Secret, or does not name the bootstrap host ("
                    + detail
                    + ")";
        }
        if (detail.contains("Received fatal alert")) {
            return prefix
                    + "the broker rejected the client certificate (missing, expired or not signed"
                    + " by a CA it trusts) ("
                    + detail
                    + ")";
        }
        return prefix + detail;
    }
}
