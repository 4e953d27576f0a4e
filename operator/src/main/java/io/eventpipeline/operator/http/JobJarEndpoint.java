package io.eventpipeline.operator.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Serves the pattern job's jar, which the Flink Kubernetes Operator fetches to submit a pipeline to
 * a session cluster. The jar is the job image's own (the operator image bundles the jar of the job
 * image of its version), so a session job runs the same code as a pipeline in a cluster of its own.
 * It holds no secret: read-only, GET and HEAD only.
 */
public final class JobJarEndpoint implements HttpHandler {
    private final Path jar;

    public JobJarEndpoint(Path jar) {
        this.jar = jar;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        if (!"GET".equals(method) && !"HEAD".equals(method)) {
            exchange.getResponseHeaders().set("Allow", "GET, HEAD");
            HttpExchanges.respond(exchange, 405, "text/plain", "GET or HEAD\n");
            return;
        }
        if (!Files.isRegularFile(jar)) {
            HttpExchanges.respond(exchange, 404, "text/plain", "no job jar in this image\n");
            return;
        }
        exchange.getResponseHeaders().set("Content-Type", "application/java-archive");
        if ("HEAD".equals(method)) {
            exchange.getResponseHeaders().set("Content-Length", Long.toString(Files.size(jar)));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
            return;
        }
        exchange.sendResponseHeaders(200, Files.size(jar));
        try (OutputStream out = exchange.getResponseBody()) {
            Files.copy(jar, out);
        }
    }
}
