package io.eventpipeline.kafka.embedded;

import java.util.Locale;

/** An optional client listener secured with TLS, SCRAM or both, next to the PLAINTEXT one. */
public enum SecureListener {
    /** TLS with server authentication only. */
    SSL("SSL", "SSL", false),
    /** TLS where the client must present a certificate signed by the trusted CA (mTLS). */
    MTLS("MTLS", "SSL", false),
    /** SASL over TLS, mechanism SCRAM-SHA-512. */
    SASL_SSL_SCRAM("SASL_SSL", "SASL_SSL", true),
    /** SASL without TLS, mechanism SCRAM-SHA-512. */
    SASL_PLAINTEXT_SCRAM("SCRAM_PLAINTEXT", "SASL_PLAINTEXT", true);

    /** The only SASL mechanism of the SCRAM listeners. */
    public static final String SCRAM_MECHANISM = "SCRAM-SHA-512";

    private final String listenerName;
    private final String securityProtocol;
    private final boolean scram;

    SecureListener(String listenerName, String securityProtocol, boolean scram) {
        this.listenerName = listenerName;
        this.securityProtocol = securityProtocol;
        this.scram = scram;
    }

    /** The {@code security.protocol} a client of this listener sets. */
    public String securityProtocol() {
        return securityProtocol;
    }

    String listenerName() {
        return listenerName;
    }

    /** The {@code listener.name.<name>.} prefix of per-listener server properties. */
    String propertyPrefix() {
        return "listener.name." + listenerName.toLowerCase(Locale.ROOT) + ".";
    }

    boolean usesTls() {
        return securityProtocol.endsWith("SSL");
    }

    boolean usesScram() {
        return scram;
    }
}
