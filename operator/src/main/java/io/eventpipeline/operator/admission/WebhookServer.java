package io.eventpipeline.operator.admission;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.eventpipeline.operator.http.HttpExchanges;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the validating webhook over HTTPS at {@link #PATH}. The JDK's own server, as for the
 * health endpoints: one POST endpoint does not justify a web framework. Every replica serves it,
 * leader or not, since validation reads nothing but the request.
 */
public final class WebhookServer implements AutoCloseable {
    public static final String PATH = "/validate-eventpipeline";

    private static final Logger LOG = LoggerFactory.getLogger(WebhookServer.class);

    /**
     * An AdmissionReview holds the object and, on update, the old one: twice the API server's 3 MiB
     * request limit, with room for the envelope.
     */
    static final int MAX_REQUEST_BYTES = 8 * 1024 * 1024;

    private final HttpsServer server;
    private final ExecutorService executor;
    private final PipelineAdmission admission;
    private final ObjectMapper mapper;

    public WebhookServer(
            InetSocketAddress address,
            SSLContext tls,
            PipelineAdmission admission,
            ObjectMapper mapper)
            throws IOException {
        this.admission = admission;
        this.mapper = mapper;
        this.server = HttpsServer.create(address, 0);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        server.createContext(PATH, this::handle);
        // The API server calls with a deadline of a few seconds; two threads keep one slow
        // request from queueing the next.
        this.executor =
                Executors.newFixedThreadPool(2, HttpExchanges.daemonThreads("admission-webhook"));
        server.setExecutor(executor);
    }

    public WebhookServer start() {
        server.start();
        return this;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!exchange.getRequestMethod().equals("POST")) {
                HttpExchanges.respond(exchange, 405, "text/plain", "only POST is served here\n");
                return;
            }
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readNBytes(MAX_REQUEST_BYTES + 1);
            }
            if (body.length > MAX_REQUEST_BYTES) {
                HttpExchanges.respond(
                        exchange, 413, "text/plain", "an AdmissionReview larger than 8 MiB\n");
                return;
            }
            JsonNode review;
            try {
                review = mapper.readTree(body);
            } catch (JsonProcessingException e) {
                HttpExchanges.respond(
                        exchange,
                        400,
                        "text/plain",
                        "not an AdmissionReview: " + e.getOriginalMessage() + "\n");
                return;
            }
            if (review == null || !review.path("request").isObject()) {
                HttpExchanges.respond(
                        exchange, 400, "text/plain", "not an AdmissionReview: no request\n");
                return;
            }
            HttpExchanges.respond(
                    exchange,
                    200,
                    "application/json",
                    mapper.writeValueAsString(admission.review(review)));
        } catch (RuntimeException e) {
            // A bug must answer (the API server applies failurePolicy), never hang the call.
            LOG.error("webhook request failed", e);
            try {
                HttpExchanges.respond(exchange, 500, "text/plain", "internal error\n");
            } catch (IOException | RuntimeException ignored) {
                // The response was already under way; nothing more can be said.
            }
        }
    }
}
