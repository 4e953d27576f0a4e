package io.eventpipeline.operator.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The operator's HTTP endpoints: {@code /healthz} (liveness), {@code /readyz} (readiness: started
 * and every informer healthy) and {@code /metrics} (Prometheus text format). The JDK's own server:
 * three tiny endpoints do not justify a web framework.
 */
public final class HealthServer implements AutoCloseable {
    private final HttpServer server;

    private final ExecutorService executor;

    /**
     * @param address where to listen: every interface in a pod (the kubelet probes and Prometheus
     *     scrapes the pod's IP), the loopback interface on a laptop
     */
    public HealthServer(
            InetSocketAddress address,
            BooleanSupplier live,
            BooleanSupplier ready,
            Supplier<String> metrics)
            throws IOException {
        server = HttpServer.create(address, 0);
        server.createContext("/healthz", exchange -> probe(exchange, live));
        server.createContext("/readyz", exchange -> probe(exchange, ready));
        server.createContext(
                "/metrics",
                exchange ->
                        HttpExchanges.respond(
                                exchange,
                                200,
                                "text/plain; version=0.0.4; charset=utf-8",
                                metrics.get()));
        executor = Executors.newSingleThreadExecutor(HttpExchanges.daemonThreads("health-http"));
        server.setExecutor(executor);
    }

    /** Also serves a file at {@code path} (the job jar for session jobs). */
    public HealthServer serving(String path, Path file) {
        server.createContext(path, new JobJarEndpoint(file));
        return this;
    }

    public HealthServer start() {
        server.start();
        return this;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** The address it listens on. */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private static void probe(HttpExchange exchange, BooleanSupplier check) throws IOException {
        boolean ok;
        try {
            ok = check.getAsBoolean();
        } catch (RuntimeException e) {
            ok = false;
        }
        HttpExchanges.respond(exchange, ok ? 200 : 503, "text/plain", ok ? "ok\n" : "not ready\n");
    }
}
