package io.eventpipeline.operator.admission;

import static io.eventpipeline.operator.admission.AdmissionRequests.JSON;
import static io.eventpipeline.operator.admission.AdmissionRequests.flightDelays;
import static io.eventpipeline.operator.admission.AdmissionRequests.review;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eventpipeline.operator.chart.HelmChart;
import io.eventpipeline.operator.testing.TestCertificate;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The webhook over real HTTPS, with the certificate the chart generates (real helm), called as the
 * API server calls it: trusting only the registration's caBundle, checking the certificate is for
 * the webhook Service's DNS name.
 */
class WebhookServerIT {
    private static final String SERVICE_HOST =
            HelmChart.FULLNAME + "-webhook." + HelmChart.NAMESPACE + ".svc";

    @TempDir Path certDir;
    private WebhookServer server;

    /** One chart installation's certificate, as the operator pod sees it mounted. */
    private record Installation(byte[] caBundle, String certificate, String key) {
        static Installation render() {
            HelmChart.Rendered rendered = HelmChart.template("");
            Secret secret = rendered.named(Secret.class, HelmChart.FULLNAME + "-webhook-tls");
            String caBundle =
                    rendered.one(ValidatingWebhookConfiguration.class)
                            .getWebhooks()
                            .get(0)
                            .getClientConfig()
                            .getCaBundle();
            return new Installation(
                    Base64.getDecoder().decode(caBundle),
                    decode(secret.getData().get("tls.crt")),
                    decode(secret.getData().get("tls.key")));
        }

        void mountIn(Path dir, Instant at) throws IOException {
            write(dir.resolve("tls.crt"), certificate, at);
            write(dir.resolve("tls.key"), key, at);
        }

        private static void write(Path file, String content, Instant at) throws IOException {
            Files.writeString(file, content);
            Files.setLastModifiedTime(file, FileTime.from(at));
        }

        private static String decode(String base64) {
            return new String(Base64.getDecoder().decode(base64), StandardCharsets.US_ASCII);
        }
    }

    @BeforeEach
    void noServerYet() {
        server = null;
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void theApiServersCallIsAnsweredOverTlsWithTheVerdict() throws Exception {
        Installation installation = Installation.render();
        installation.mountIn(certDir, Instant.parse("2026-01-01T00:00:00Z"));
        start();

        JsonNode allowed =
                post(
                        installation.caBundle(),
                        review("CREATE", flightDelays("airline", "ok"), null));
        ObjectNode broken = flightDelays("airline", "broken");
        ((ObjectNode) broken.get("spec").get("output")).put("topic", "");
        JsonNode denied = post(installation.caBundle(), review("CREATE", broken, null));

        assertThat(allowed.at("/response/allowed").asBoolean()).isTrue();
        assertThat(allowed.at("/response/uid").asText())
                .isEqualTo("705ab4f5-6393-11e8-b7cc-42010a800002");
        assertThat(denied.at("/response/allowed").asBoolean()).isFalse();
        assertThat(denied.at("/response/status/code").asInt()).isEqualTo(422);
        assertThat(denied.at("/response/status/message").asText()).contains("spec.output.topic");
    }

    @Test
    void aRenewedCertificateIsServedWithoutARestart() throws Exception {
        Installation first = Installation.render();
        first.mountIn(certDir, Instant.parse("2026-01-01T00:00:00Z"));
        start();
        assertThat(post(first.caBundle(), review("CREATE", flightDelays("a", "b"), null)))
                .isNotNull();

        // cert-manager renews; the kubelet swaps the mounted files.
        Installation renewed = Installation.render();
        renewed.mountIn(certDir, Instant.parse("2026-02-01T00:00:00Z"));

        assertThat(
                        post(renewed.caBundle(), review("CREATE", flightDelays("a", "b"), null))
                                .at("/response/allowed")
                                .asBoolean())
                .isTrue();
        assertThatThrownBy(
                        () ->
                                post(
                                        first.caBundle(),
                                        review("CREATE", flightDelays("a", "b"), null)))
                .isInstanceOf(SSLHandshakeException.class);
    }

    @Test
    void aBrokenRenewalKeepsTheLastGoodCertificateServing() throws Exception {
        Installation installation = Installation.render();
        installation.mountIn(certDir, Instant.parse("2026-01-01T00:00:00Z"));
        start();

        Files.writeString(certDir.resolve("tls.key"), "not a key");
        Files.setLastModifiedTime(
                certDir.resolve("tls.key"), FileTime.from(Instant.parse("2026-02-01T00:00:00Z")));

        assertThat(
                        post(
                                        installation.caBundle(),
                                        review("CREATE", flightDelays("a", "b"), null))
                                .at("/response/allowed")
                                .asBoolean())
                .isTrue();
    }

    @Test
    void whatIsNotAnAdmissionReviewGetsAClearStatus() throws Exception {
        Installation installation = Installation.render();
        installation.mountIn(certDir, Instant.parse("2026-01-01T00:00:00Z"));
        start();

        assertThat(status(installation.caBundle(), "GET", null)).isEqualTo(405);
        assertThat(status(installation.caBundle(), "POST", "{not json")).isEqualTo(400);
        assertThat(status(installation.caBundle(), "POST", "{\"kind\":\"AdmissionReview\"}"))
                .isEqualTo(400);
        assertThat(
                        status(
                                installation.caBundle(),
                                "POST",
                                "\"" + "x".repeat(WebhookServer.MAX_REQUEST_BYTES) + "\""))
                .isEqualTo(413);
    }

    @Test
    void aCertificateForTheLoopbackAddressPassesTheStandardHostnameCheck() throws Exception {
        // How the real-API-server tier registers the webhook: by URL, https://127.0.0.1:<port>.
        TestCertificate certificate =
                TestCertificate.forAddresses(List.of("127.0.0.1"), List.of("localhost"));
        certificate.mountIn(certDir);
        start();

        HttpsURLConnection connection = connect(certificate.caBundle(), "POST");
        connection.setHostnameVerifier(HttpsURLConnection.getDefaultHostnameVerifier());
        try (OutputStream out = connection.getOutputStream()) {
            out.write(JSON.writeValueAsBytes(review("CREATE", flightDelays("a", "b"), null)));
        }

        assertThat(connection.getResponseCode()).isEqualTo(200);
    }

    @Test
    void noReadableCertificateMeansNoServer() throws Exception {
        Files.writeString(certDir.resolve("tls.crt"), "-----BEGIN CERTIFICATE-----\n");
        Files.writeString(certDir.resolve("tls.key"), "");

        assertThatThrownBy(() -> new ServingCertificate(certDir))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("tls.crt");
    }

    private void start() throws IOException {
        server =
                new WebhookServer(
                                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                                new ServingCertificate(certDir).sslContext(),
                                AdmissionRequests.admission(),
                                JSON)
                        .start();
    }

    private JsonNode post(byte[] caBundle, JsonNode review) throws Exception {
        HttpsURLConnection connection = connect(caBundle, "POST");
        try (OutputStream out = connection.getOutputStream()) {
            out.write(JSON.writeValueAsBytes(review));
        }
        assertThat(connection.getResponseCode()).isEqualTo(200);
        assertThat(connection.getContentType()).isEqualTo("application/json");
        try (InputStream in = connection.getInputStream()) {
            return JSON.readTree(in);
        }
    }

    private int status(byte[] caBundle, String method, String body) throws Exception {
        HttpsURLConnection connection = connect(caBundle, method);
        if (body != null) {
            try (OutputStream out = connection.getOutputStream()) {
                out.write(body.getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                // The server may answer (413) before reading all of a large body.
            }
        }
        return connection.getResponseCode();
    }

    /** Trusting the caBundle only, and requiring the certificate to be for the Service's name. */
    private HttpsURLConnection connect(byte[] caBundle, String method) throws Exception {
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        List<? extends java.security.cert.Certificate> cas =
                List.copyOf(
                        CertificateFactory.getInstance("X.509")
                                .generateCertificates(new ByteArrayInputStream(caBundle)));
        for (int i = 0; i < cas.size(); i++) {
            trust.setCertificateEntry("ca" + i, cas.get(i));
        }
        TrustManagerFactory trustManagers =
                TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trustManagers.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trustManagers.getTrustManagers(), null);
        HttpsURLConnection connection =
                (HttpsURLConnection)
                        new URL("https://127.0.0.1:" + server.port() + WebhookServer.PATH)
                                .openConnection();
        connection.setSSLSocketFactory(context.getSocketFactory());
        // Connected by address, checked by name: what the API server dials is the Service's name.
        connection.setHostnameVerifier(
                (host, session) -> {
                    try {
                        X509Certificate served = (X509Certificate) session.getPeerCertificates()[0];
                        return served.getSubjectAlternativeNames().stream()
                                .anyMatch(name -> SERVICE_HOST.equals(name.get(1)));
                    } catch (Exception e) {
                        return false;
                    }
                });
        connection.setRequestMethod(method);
        connection.setDoOutput(method.equals("POST"));
        connection.setRequestProperty("Content-Type", "application/json");
        connection.setConnectTimeout(5000);
        connection.setReadTimeout(10000);
        return connection;
    }
}
