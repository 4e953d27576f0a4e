package io.eventpipeline.operator.testing;

import com.marcnuri.helm.Helm;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;

/**
 * A CA and a server certificate it signed, made by real helm ({@code genCA}, {@code genSignedCert},
 * as the chart makes the webhook's), for the names and addresses a test server is called by.
 *
 * @param caBundle the CA's PEM, as a caBundle holds it
 */
public record TestCertificate(byte[] caBundle, String certificatePem, String keyPem) {

    public static TestCertificate forAddresses(List<String> ips, List<String> dnsNames) {
        Path chart;
        try {
            chart = Path.of(TestCertificate.class.getResource("/test-certificate").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        var template = new Helm(chart).template().withName("test");
        for (int i = 0; i < ips.size(); i++) {
            template.set("ips[" + i + "]", ips.get(i));
        }
        for (int i = 0; i < dnsNames.size(); i++) {
            template.set("dnsNames[" + i + "]", dnsNames.get(i));
        }
        String manifest = template.call();
        Secret secret =
                new KubernetesSerialization()
                        .unmarshal(
                                manifest.substring(manifest.indexOf("apiVersion:")), Secret.class);
        return new TestCertificate(
                Base64.getDecoder().decode(secret.getData().get("ca.crt")),
                decode(secret.getData().get("tls.crt")),
                decode(secret.getData().get("tls.key")));
    }

    /**
     * Writes {@code tls.crt} and {@code tls.key} into {@code dir}, as a mounted Secret holds them.
     */
    public void mountIn(Path dir) throws IOException {
        Files.writeString(dir.resolve("tls.crt"), certificatePem);
        Files.writeString(dir.resolve("tls.key"), keyPem);
    }

    private static String decode(String base64) {
        return new String(Base64.getDecoder().decode(base64), StandardCharsets.US_ASCII);
    }
}
