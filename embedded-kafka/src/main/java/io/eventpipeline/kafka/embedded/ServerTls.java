package io.eventpipeline.kafka.embedded;

import java.util.Objects;

/**
 * The broker's TLS identity and the CA it trusts for client certificates, all PEM, as Kafka's PEM
 * key and trust stores take them.
 *
 * @param certificateChainPem the server certificate first, then its issuers
 * @param privateKeyPem the server's unencrypted PKCS#8 private key
 * @param trustedCaPem the CA client certificates must chain to on the {@link SecureListener#MTLS}
 *     listener
 */
public record ServerTls(String certificateChainPem, String privateKeyPem, String trustedCaPem) {

    public ServerTls {
        Objects.requireNonNull(certificateChainPem, "certificateChainPem");
        Objects.requireNonNull(privateKeyPem, "privateKeyPem");
        Objects.requireNonNull(trustedCaPem, "trustedCaPem");
    }

    /** The server identity and CA of generated test certificates. */
    public static ServerTls of(TestCertificates certificates) {
        return new ServerTls(
                certificates.server().chainPem(),
                certificates.server().keyPem(),
                certificates.caPem());
    }

    @Override
    public String toString() {
        return "ServerTls[privateKey=<hidden>]";
    }
}
