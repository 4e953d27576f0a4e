package io.eventpipeline.kafka.embedded;

import io.eventpipeline.kafka.embedded.TestCertificates.CertificateAndKey;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

/**
 * The PEM material of {@link TestCertificates} as password-protected PKCS12 or JKS stores, the way
 * Strimzi ({@code ca.p12}, {@code user.p12}) and other tooling hand them out.
 */
public final class TestStores {
    private TestStores() {}

    /**
     * A truststore holding the CA certificates of {@code caPem}.
     *
     * @param type {@code PKCS12} or {@code JKS}
     */
    public static byte[] truststore(String caPem, String type, String password) {
        try {
            KeyStore store = empty(type);
            int index = 0;
            for (Certificate certificate : certificates(caPem)) {
                store.setCertificateEntry("ca-" + index++, certificate);
            }
            return bytes(store, password);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("Could not build a " + type + " truststore", e);
        }
    }

    /** A keystore holding one private key with its certificate chain, key password = store's. */
    public static byte[] keystore(CertificateAndKey identity, String type, String password) {
        try {
            KeyStore store = empty(type);
            Certificate[] chain = certificates(identity.chainPem()).toArray(Certificate[]::new);
            store.setKeyEntry(
                    "client", privateKey(identity.keyPem()), password.toCharArray(), chain);
            return bytes(store, password);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("Could not build a " + type + " keystore", e);
        }
    }

    private static KeyStore empty(String type) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance(type);
        store.load(null, null);
        return store;
    }

    private static java.util.Collection<? extends Certificate> certificates(String pem)
            throws GeneralSecurityException {
        return CertificateFactory.getInstance("X.509")
                .generateCertificates(
                        new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
    }

    private static PrivateKey privateKey(String pkcs8Pem) throws GeneralSecurityException {
        String base64 =
                pkcs8Pem.replace("-----BEGIN PRIVATE KEY-----", "")
                        .replace("-----END PRIVATE KEY-----", "")
                        .replaceAll("\\s", "");
        return KeyFactory.getInstance("RSA")
                .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
    }

    private static byte[] bytes(KeyStore store, String password)
            throws IOException, GeneralSecurityException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        store.store(out, password.toCharArray());
        return out.toByteArray();
    }
}
