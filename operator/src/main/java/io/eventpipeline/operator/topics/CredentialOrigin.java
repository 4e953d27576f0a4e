package io.eventpipeline.operator.topics;

import io.eventpipeline.spec.resolved.ResolvedKafka;

/**
 * Where a cluster's TLS settings came from, in the words a handshake message uses to point at them
 * ({@link TlsHandshakeMessage}).
 *
 * @param trustedBy what the broker's certificate is checked against
 * @param noClientCertificate said when no client certificate was configured
 * @param clientCertificate where the client certificate is
 */
public record CredentialOrigin(
        String trustedBy, String noClientCertificate, String clientCertificate) {

    /** Settings from an auth Secret of Kafka client properties (or none at all). */
    public static final CredentialOrigin AUTH_SECRET =
            new CredentialOrigin(
                    "ssl.truststore.certificates of the auth Secret",
                    "the auth Secret has no ssl.keystore.certificate.chain",
                    "ssl.keystore.certificate.chain");

    /** Settings from {@code spec.kafka.tls} or {@code spec.kafka.strimzi}. */
    static CredentialOrigin of(ResolvedKafka kafka) {
        var truststore = kafka.tls().flatMap(t -> t.truststore());
        var keystore = kafka.tls().flatMap(t -> t.keystore());
        return new CredentialOrigin(
                truststore
                        .map(t -> "the truststore of " + t.path())
                        .orElse("the JVM's default CAs (spec.kafka.tls names no truststore)"),
                "no keystore is given: neither spec.kafka.tls.keystore nor a tls KafkaUser in"
                        + " spec.kafka.strimzi",
                keystore.map(k -> "the keystore of " + k.path()).orElse("the keystore"));
    }
}
