package io.eventpipeline.kafka.embedded;

import io.eventpipeline.kafka.embedded.TestCertificates.CertificateAndKey;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The client settings that reach a {@link SecureListener}, besides {@code bootstrap.servers}: Kafka
 * client property names with string values, PEM inline. That is what a user writes into a
 * pipeline's auth Secret, so tests build the Secret's data and their own clients from one place.
 */
public final class ClientAuthSettings {

    private final Map<String, String> settings = new LinkedHashMap<>();

    private ClientAuthSettings(SecureListener listener) {
        settings.put("security.protocol", listener.securityProtocol());
        if (listener.usesScram()) {
            settings.put("sasl.mechanism", SecureListener.SCRAM_MECHANISM);
        }
    }

    /** {@code security.protocol} and, for the SCRAM listeners, {@code sasl.mechanism}. */
    public static ClientAuthSettings forListener(SecureListener listener) {
        return new ClientAuthSettings(listener);
    }

    /** Trusts server certificates signed by this CA (PEM trust store). */
    public ClientAuthSettings trust(String caPem) {
        settings.put("ssl.truststore.type", "PEM");
        settings.put("ssl.truststore.certificates", caPem);
        return this;
    }

    /** Presents this certificate chain and key to the broker (PEM key store), for mTLS. */
    public ClientAuthSettings present(CertificateAndKey identity) {
        settings.put("ssl.keystore.type", "PEM");
        settings.put("ssl.keystore.certificate.chain", identity.chainPem());
        settings.put("ssl.keystore.key", identity.keyPem());
        return this;
    }

    /** Logs in with SCRAM as this user ({@code sasl.jaas.config}). */
    public ClientAuthSettings scramLogin(String username, String password) {
        settings.put(
                "sasl.jaas.config",
                "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
                        + username
                        + "\" password=\""
                        + password
                        + "\";");
        return this;
    }

    /** A new, modifiable copy, in the order the settings were added. */
    public Map<String, String> asMap() {
        return new LinkedHashMap<>(settings);
    }

    @Override
    public String toString() {
        // Keys only: the values hold passwords and private keys.
        return "ClientAuthSettings" + settings.keySet();
    }
}
