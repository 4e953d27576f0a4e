package io.eventpipeline.operator.topics;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;

/**
 * A PKCS12 or JKS store opened in memory and turned into the PEM text Kafka's PEM trust and key
 * stores take, so the operator's Admin client never needs a store file. Messages say which store
 * failed and why, never its bytes or password.
 */
final class StorePem {
    private final KeyStore store;
    private final String described;

    private StorePem(KeyStore store, String described) {
        this.store = store;
        this.described = described;
    }

    /**
     * @param type PKCS12 or JKS
     * @param described the store for messages, e.g. {@code the truststore ca.p12 in Secret ns/ca
     *     (spec.kafka.tls.truststore)}
     */
    static StorePem open(byte[] bytes, String type, char[] password, String described) {
        try {
            KeyStore store = KeyStore.getInstance(type);
            store.load(new ByteArrayInputStream(bytes), password);
            return new StorePem(store, described);
        } catch (IOException | GeneralSecurityException e) {
            throw new TopicOperationException(
                    TopicFailure.CredentialsUnreadable,
                    described + " cannot be opened: wrong password or not a " + type + " store",
                    null);
        }
    }

    /** Every certificate in the store, for {@code ssl.truststore.certificates}. */
    String certificates() {
        StringBuilder pem = new StringBuilder();
        try {
            for (String alias : aliases()) {
                Certificate certificate = store.getCertificate(alias);
                if (certificate != null) {
                    pem.append(pem("CERTIFICATE", certificate.getEncoded()));
                }
            }
        } catch (GeneralSecurityException e) {
            throw unreadable("holds a certificate that cannot be encoded");
        }
        if (pem.isEmpty()) {
            throw unreadable("holds no certificate");
        }
        return pem.toString();
    }

    /**
     * The first private key and its certificate chain, as {@code ssl.keystore.certificate.chain}
     * and an unencrypted PKCS#8 {@code ssl.keystore.key}.
     */
    ClientIdentity identity(char[] password) {
        try {
            for (String alias : aliases()) {
                if (!store.isKeyEntry(alias)) {
                    continue;
                }
                Key key = store.getKey(alias, password);
                Certificate[] chain = store.getCertificateChain(alias);
                if (key instanceof PrivateKey && chain != null && chain.length > 0) {
                    StringBuilder chainPem = new StringBuilder();
                    for (Certificate certificate : chain) {
                        chainPem.append(pem("CERTIFICATE", certificate.getEncoded()));
                    }
                    return new ClientIdentity(
                            chainPem.toString(), pem("PRIVATE KEY", key.getEncoded()));
                }
            }
        } catch (GeneralSecurityException e) {
            throw unreadable("has a private key its password does not open");
        }
        throw unreadable("holds no private key with a certificate chain");
    }

    /** A client certificate chain and key in PEM. */
    record ClientIdentity(String chainPem, String keyPem) {
        @Override
        public String toString() {
            return "ClientIdentity[key=<hidden>]";
        }
    }

    /** Aliases in a stable order, so the same store always gives the same settings. */
    private List<String> aliases() throws GeneralSecurityException {
        List<String> aliases = new ArrayList<>(Collections.list(store.aliases()));
        Collections.sort(aliases);
        return aliases;
    }

    private TopicOperationException unreadable(String why) {
        return new TopicOperationException(
                TopicFailure.CredentialsUnreadable, described + " " + why, null);
    }

    private static String pem(String type, byte[] der) {
        String base64 =
                Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + base64 + "\n-----END " + type + "-----\n";
    }
}
