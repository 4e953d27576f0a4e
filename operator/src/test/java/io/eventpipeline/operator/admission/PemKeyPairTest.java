package io.eventpipeline.operator.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventpipeline.operator.chart.HelmChart;
import io.fabric8.kubernetes.api.model.Secret;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.util.Base64;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The key formats a kubernetes.io/tls Secret comes with, from Helm and from cert-manager. */
class PemKeyPairTest {
    private static String certificate;
    private static String pkcs1Key;

    @TempDir Path dir;

    @BeforeAll
    static void renderTheChartsCertificate() {
        Secret secret =
                HelmChart.template("").named(Secret.class, HelmChart.FULLNAME + "-webhook-tls");
        certificate = decode(secret.getData().get("tls.crt"));
        pkcs1Key = decode(secret.getData().get("tls.key"));
    }

    @Test
    void helmsPkcs1RsaKeyAndItsPkcs8FormReadAsTheSameKey() throws Exception {
        assertThat(pkcs1Key).startsWith("-----BEGIN RSA PRIVATE KEY-----");
        PrivateKey fromPkcs1 = read(pkcs1Key).key();

        PrivateKey fromPkcs8 = read(pem("PRIVATE KEY", fromPkcs1.getEncoded())).key();

        assertThat(fromPkcs1.getAlgorithm()).isEqualTo("RSA");
        assertThat(fromPkcs8.getEncoded()).isEqualTo(fromPkcs1.getEncoded());
        assertThat(read(pkcs1Key).chain()).hasSize(1);
    }

    @Test
    void anEcKeyInPkcs8IsRead() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256);
        PrivateKey key = generator.generateKeyPair().getPrivate();

        assertThat(read(pem("PRIVATE KEY", key.getEncoded())).key().getAlgorithm()).isEqualTo("EC");
    }

    @Test
    void whatCannotBeReadIsNamedWithTheFile() throws Exception {
        assertThatThrownBy(() -> read(pem("EC PRIVATE KEY", new byte[] {1, 2, 3})))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("tls.key")
                .hasMessageContaining("PKCS8");
        assertThatThrownBy(() -> read("no key here"))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("tls.key: no PEM PRIVATE KEY");
        assertThatThrownBy(() -> read(pem("PRIVATE KEY", new byte[] {1, 2, 3})))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("tls.key");
    }

    private PemKeyPair read(String key) throws IOException {
        Files.writeString(dir.resolve("tls.crt"), certificate);
        Files.writeString(dir.resolve("tls.key"), key);
        return PemKeyPair.read(dir.resolve("tls.crt"), dir.resolve("tls.key"));
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN "
                + type
                + "-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END "
                + type
                + "-----\n";
    }

    private static String decode(String base64) {
        return new String(Base64.getDecoder().decode(base64), StandardCharsets.US_ASCII);
    }
}
