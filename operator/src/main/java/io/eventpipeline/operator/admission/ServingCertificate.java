package io.eventpipeline.operator.admission;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.GeneralSecurityException;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The webhook's TLS identity, from {@code tls.crt} and {@code tls.key} in a directory (a mounted
 * Secret). cert-manager renews certificates and the kubelet swaps the mounted files in place, so
 * each handshake checks the files' modification times and reads them again when they changed: a
 * renewed certificate is served without a restart. A pair that fails to read keeps the last good
 * one serving (and is logged), so a half-written rotation never takes the webhook down.
 */
public final class ServingCertificate extends X509ExtendedKeyManager {
    private static final Logger LOG = LoggerFactory.getLogger(ServingCertificate.class);
    private static final String ALIAS = "webhook";

    private final Path certificateFile;
    private final Path keyFile;
    private Loaded loaded;

    private record Loaded(PemKeyPair pair, FileTime certificateTime, FileTime keyTime) {}

    /** Reads the pair now: a webhook that cannot serve TLS at start is a configuration error. */
    public ServingCertificate(Path dir) throws IOException {
        this.certificateFile = dir.resolve("tls.crt");
        this.keyFile = dir.resolve("tls.key");
        this.loaded = load();
    }

    public SSLContext sslContext() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(new javax.net.ssl.KeyManager[] {this}, null, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("TLS is not available in this JVM", e);
        }
    }

    /** The certificate served now (its first in the chain). */
    public synchronized X509Certificate certificate() {
        return current().chain().get(0);
    }

    private Loaded load() throws IOException {
        FileTime certificateTime = Files.getLastModifiedTime(certificateFile);
        FileTime keyTime = Files.getLastModifiedTime(keyFile);
        return new Loaded(PemKeyPair.read(certificateFile, keyFile), certificateTime, keyTime);
    }

    private synchronized PemKeyPair current() {
        try {
            if (!Files.getLastModifiedTime(certificateFile).equals(loaded.certificateTime())
                    || !Files.getLastModifiedTime(keyFile).equals(loaded.keyTime())) {
                loaded = load();
                LOG.info(
                        "webhook certificate reloaded from {}; valid until {}",
                        certificateFile.getParent(),
                        loaded.pair().chain().get(0).getNotAfter().toInstant());
            }
        } catch (IOException | UncheckedIOException e) {
            LOG.warn(
                    "webhook certificate not reloaded, still serving the previous one: {}",
                    e.toString());
        }
        return loaded.pair();
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
        return aliasFor(keyType);
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return aliasFor(keyType);
    }

    /** TLS asks once per key type it could use; only the type of our key has an answer. */
    private String aliasFor(String keyType) {
        return current().key().getAlgorithm().equalsIgnoreCase(keyType) ? ALIAS : null;
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        List<X509Certificate> chain = current().chain();
        return chain.toArray(X509Certificate[]::new);
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        return current().key();
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        String alias = aliasFor(keyType);
        return alias == null ? null : new String[] {alias};
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return new String[0];
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
        return null;
    }
}
