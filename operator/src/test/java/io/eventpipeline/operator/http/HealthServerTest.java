package io.eventpipeline.operator.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class HealthServerTest {
    final HttpClient http = HttpClient.newHttpClient();

    HttpResponse<String> get(HealthServer server, String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void probesAndMetrics() throws Exception {
        AtomicBoolean ready = new AtomicBoolean(false);
        try (HealthServer server =
                new HealthServer(
                                new InetSocketAddress(0),
                                () -> true,
                                ready::get,
                                () -> "eventpipeline_pipeline_ready 1\n")
                        .start()) {
            assertThat(get(server, "/healthz").statusCode()).isEqualTo(200);
            assertThat(get(server, "/readyz").statusCode()).isEqualTo(503);
            ready.set(true);
            assertThat(get(server, "/readyz").statusCode()).isEqualTo(200);
            HttpResponse<String> metrics = get(server, "/metrics");
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.body()).contains("eventpipeline_pipeline_ready 1");
            assertThat(metrics.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
        }
    }

    @Test
    void aFailingCheckIsNotReady() throws Exception {
        try (HealthServer server =
                new HealthServer(
                                new InetSocketAddress(0),
                                () -> {
                                    throw new IllegalStateException("informer down");
                                },
                                () -> true,
                                () -> "")
                        .start()) {
            assertThat(get(server, "/healthz").statusCode()).isEqualTo(503);
        }
    }

    @Test
    void aLoopbackServerIsNotReachableFromOtherInterfaces() throws Exception {
        try (HealthServer server =
                new HealthServer(
                                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                                () -> true,
                                () -> true,
                                () -> "")
                        .start()) {
            assertThat(server.address().getAddress().isLoopbackAddress()).isTrue();
            assertThat(get(server, "/healthz").statusCode()).isEqualTo(200);
            Optional<InetAddress> other = nonLoopbackAddress();
            if (other.isPresent()) {
                assertThatThrownBy(() -> new Socket(other.get(), server.port()).close())
                        .isInstanceOf(ConnectException.class);
            }
        }
    }

    private static Optional<InetAddress> nonLoopbackAddress() throws Exception {
        return NetworkInterface.networkInterfaces()
                .flatMap(NetworkInterface::inetAddresses)
                .filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress())
                .findFirst();
    }
}
