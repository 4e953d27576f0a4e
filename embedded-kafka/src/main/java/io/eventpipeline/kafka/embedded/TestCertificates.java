package io.eventpipeline.kafka.embedded;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throw-away PKI for TLS tests, in PEM as a Kubernetes Secret carries it and as Kafka's PEM key
 * and trust stores read it: a CA, a server certificate it signed for {@code 127.0.0.1} and {@code
 * localhost}, a client certificate it signed, an expired client certificate it signed, and an
 * unrelated CA that trusts none of them.
 *
 * <p>Made with the JDK's {@code keytool}, as the JDK has no public API to sign certificates and no
 * certificate library is on the classpath. Keys are RSA 2048, private keys unencrypted PKCS#8.
 *
 * @param caPem the CA certificate clients and the broker trust
 * @param untrustedCaPem a CA that signed nothing here: trusting only it rejects the server
 */
public record TestCertificates(
        String caPem,
        CertificateAndKey server,
        CertificateAndKey client,
        CertificateAndKey expiredClient,
        String untrustedCaPem) {

    private static final String STORE_PASSWORD = "test-store";
    private static final DateTimeFormatter KEYTOOL_DATE =
            DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm:ss");

    /**
     * A certificate chain (leaf first, then the CA) and its private key.
     *
     * @param chainPem PEM certificates, as {@code ssl.keystore.certificate.chain} takes them
     * @param keyPem an unencrypted PKCS#8 PEM key, as {@code ssl.keystore.key} takes it
     */
    public record CertificateAndKey(String chainPem, String keyPem) {

        @Override
        public String toString() {
            // Never print the key, not even in a test's failure message.
            return "CertificateAndKey[chain=" + chainPem.length() + " chars, key=<hidden>]";
        }
    }

    /** Generates everything afresh; takes a few seconds (one keytool process per step). */
    public static TestCertificates generate() {
        DataDirectory dir = DataDirectory.createTemporary();
        try {
            Keytool keytool = new Keytool(dir.path());
            keytool.generateCa("ca", "CN=eventpipeline test CA");
            keytool.generateCa("untrusted-ca", "CN=untrusted test CA");
            String caPem = keytool.exportCertificate("ca");

            ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
            String validFrom = now.minusHours(1).format(KEYTOOL_DATE);
            String expiredFrom = now.minusDays(3).format(KEYTOOL_DATE);
            CertificateAndKey server =
                    keytool.signedLeaf(
                            "server",
                            "CN=localhost",
                            "SAN=ip:127.0.0.1,dns:localhost",
                            validFrom,
                            30,
                            caPem);
            CertificateAndKey client =
                    keytool.signedLeaf("client", "CN=client", null, validFrom, 30, caPem);
            CertificateAndKey expired =
                    keytool.signedLeaf("expired", "CN=expired-client", null, expiredFrom, 1, caPem);
            return new TestCertificates(
                    caPem, server, client, expired, keytool.exportCertificate("untrusted-ca"));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not generate test certificates", e);
        } finally {
            dir.deleteIfOwned();
        }
    }

    /** Runs keytool against one PKCS#12 store per alias in a working directory. */
    private record Keytool(Path dir) {

        void generateCa(String alias, String dname) throws IOException {
            generateKeyPair(alias, dname, "-validity", "30", "-ext", "bc:c");
        }

        /** An RSA key pair with a self-signed certificate, in the alias's own store. */
        private void generateKeyPair(String alias, String dname, String... options)
                throws IOException {
            List<String> args =
                    new ArrayList<>(
                            List.of(
                                    "-genkeypair",
                                    "-alias",
                                    alias,
                                    "-keyalg",
                                    "RSA",
                                    "-keysize",
                                    "2048",
                                    "-dname",
                                    dname,
                                    "-keystore",
                                    store(alias)));
            args.addAll(List.of(options));
            run(args.toArray(String[]::new));
        }

        CertificateAndKey signedLeaf(
                String alias,
                String dname,
                String subjectAltNames,
                String startDate,
                int validityDays,
                String caPem)
                throws IOException {
            generateKeyPair(alias, dname);
            Path request = dir.resolve(alias + ".csr");
            run(
                    "-certreq",
                    "-alias",
                    alias,
                    "-keystore",
                    store(alias),
                    "-file",
                    request.toString());
            List<String> sign =
                    new ArrayList<>(
                            List.of(
                                    "-gencert",
                                    "-alias",
                                    "ca",
                                    "-keystore",
                                    store("ca"),
                                    "-infile",
                                    request.toString(),
                                    "-rfc",
                                    "-startdate",
                                    startDate,
                                    "-validity",
                                    String.valueOf(validityDays),
                                    "-outfile",
                                    dir.resolve(alias + ".crt").toString()));
            if (subjectAltNames != null) {
                sign.addAll(List.of("-ext", subjectAltNames));
            }
            run(sign.toArray(String[]::new));
            String leafPem = Files.readString(dir.resolve(alias + ".crt"));
            return new CertificateAndKey(
                    leafPem.strip() + "\n" + caPem.strip() + "\n", privateKeyPem(alias));
        }

        String exportCertificate(String alias) throws IOException {
            Path file = dir.resolve(alias + ".pem");
            run(
                    "-exportcert",
                    "-rfc",
                    "-alias",
                    alias,
                    "-keystore",
                    store(alias),
                    "-file",
                    file.toString());
            return Files.readString(file);
        }

        private String privateKeyPem(String alias) throws IOException {
            try (InputStream in = Files.newInputStream(Path.of(store(alias)))) {
                KeyStore store = KeyStore.getInstance("PKCS12");
                store.load(in, STORE_PASSWORD.toCharArray());
                Key key = store.getKey(alias, STORE_PASSWORD.toCharArray());
                String base64 =
                        Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                                .encodeToString(key.getEncoded());
                return "-----BEGIN PRIVATE KEY-----\n" + base64 + "\n-----END PRIVATE KEY-----\n";
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("Could not read the key of " + alias, e);
            }
        }

        private String store(String alias) {
            return dir.resolve(alias + ".p12").toString();
        }

        private void run(String... args) throws IOException {
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
            command.addAll(List.of(args));
            command.addAll(List.of("-storetype", "PKCS12", "-storepass", STORE_PASSWORD));
            Process process =
                    new ProcessBuilder(command)
                            .directory(dir.toFile())
                            .redirectErrorStream(true)
                            .start();
            String output =
                    new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            try {
                if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                    throw new IllegalStateException("keytool " + args[0] + " failed: " + output);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while running keytool", e);
            }
        }
    }
}
