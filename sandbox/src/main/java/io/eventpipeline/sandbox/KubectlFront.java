package io.eventpipeline.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.eventpipeline.operator.http.HttpExchanges;
import io.eventpipeline.testsupport.kubernetes.ServerTables;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.UnaryOperator;

/**
 * What kubectl talks to: passes every request through to the mock API server, except watches. The
 * mock serves a watch only over a WebSocket, kubectl asks for it as a streamed HTTP response
 * ({@code get -w}, {@code delete --wait}); here the mock's watch events are streamed to kubectl one
 * JSON object a line, as a real API server streams them.
 */
final class KubectlFront implements AutoCloseable {
    /** Headers the JDK client sets itself, or that belong to one hop only. */
    private static final Set<String> HOP_HEADERS =
            Set.of(
                    "connection",
                    "content-length",
                    "expect",
                    "host",
                    "upgrade",
                    "transfer-encoding",
                    "keep-alive",
                    "date");

    private final HttpServer server;
    private final ExecutorService threads;
    private final HttpClient client;
    private final String backend;
    private final ServerTables tables;

    private KubectlFront(
            HttpServer server, ExecutorService threads, String backend, ServerTables tables) {
        this.server = server;
        this.threads = threads;
        this.backend = backend;
        this.tables = tables;
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    }

    /**
     * @param port 0 for any free port
     * @param backend the mock's URL
     * @param tables how the mock renders Tables, for watches that ask for them
     */
    static KubectlFront start(int port, String backend, ServerTables tables) throws IOException {
        HttpServer server =
                HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        ExecutorService threads =
                Executors.newCachedThreadPool(HttpExchanges.daemonThreads("kubectl-front"));
        KubectlFront front = new KubectlFront(server, threads, backend, tables);
        server.createContext("/", front::handle);
        server.setExecutor(threads);
        server.start();
        return front;
    }

    String url() {
        return "http://"
                + InetAddress.getLoopbackAddress().getHostAddress()
                + ":"
                + server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String query = exchange.getRequestURI().getRawQuery();
            if ("GET".equals(exchange.getRequestMethod()) && isWatch(query)) {
                streamWatch(exchange);
            } else {
                pass(exchange);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean isWatch(String query) {
        if (query == null) {
            return false;
        }
        return List.of(query.split("&")).stream()
                .anyMatch(p -> p.equals("watch=true") || p.equals("watch=1"));
    }

    private void pass(HttpExchange exchange) throws IOException, InterruptedException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(backend + exchange.getRequestURI()))
                        .method(
                                exchange.getRequestMethod(),
                                body.length == 0
                                        ? HttpRequest.BodyPublishers.noBody()
                                        : HttpRequest.BodyPublishers.ofByteArray(body));
        exchange.getRequestHeaders()
                .forEach(
                        (name, values) -> {
                            if (!HOP_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                                values.forEach(v -> request.header(name, v));
                            }
                        });
        HttpResponse<byte[]> response =
                client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        response.headers()
                .map()
                .forEach(
                        (name, values) -> {
                            if (!HOP_HEADERS.contains(name.toLowerCase(Locale.ROOT))
                                    && !name.startsWith(":")) {
                                exchange.getResponseHeaders().put(name, values);
                            }
                        });
        byte[] answer = response.body();
        exchange.sendResponseHeaders(
                response.statusCode(), answer.length == 0 ? -1 : answer.length);
        if (answer.length > 0) {
            exchange.getResponseBody().write(answer);
        }
    }

    /** Streams the mock's WebSocket watch until kubectl hangs up or the mock ends it. */
    private void streamWatch(HttpExchange exchange) throws IOException, InterruptedException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        CountDownLatch ended = new CountDownLatch(1);
        URI uri = URI.create(backend.replaceFirst("^http", "ws") + exchange.getRequestURI());
        UnaryOperator<String> events = UnaryOperator.identity();
        if (ServerTables.wanted(exchange.getRequestHeaders().getFirst("Accept"))) {
            Optional<ServerTables.Columns> columns =
                    tables.columnsFor(exchange.getRequestURI().getPath());
            if (columns.isPresent()) {
                events = new TableEvents(columns.get(), includeObject(exchange));
            }
        }
        WebSocket socket;
        try {
            socket =
                    client.newWebSocketBuilder()
                            .buildAsync(uri, new LineWriter(out, ended, events))
                            .join();
        } catch (RuntimeException e) {
            return;
        }
        ended.await();
        socket.abort();
    }

    private static String includeObject(HttpExchange exchange) {
        String query = exchange.getRequestURI().getQuery();
        if (query != null) {
            for (String parameter : query.split("&")) {
                if (parameter.startsWith("includeObject=")) {
                    return parameter.substring("includeObject=".length());
                }
            }
        }
        return "Metadata";
    }

    /**
     * Each watched object as a one-row Table, as a real server sends a watch asked for as Table
     * ({@code kubectl get -w}); column definitions in the first event only.
     */
    private static final class TableEvents implements UnaryOperator<String> {
        private static final ObjectMapper JSON = Serialization.jsonMapper();
        private final ServerTables.Columns columns;
        private final String includeObject;
        private boolean first = true;

        TableEvents(ServerTables.Columns columns, String includeObject) {
            this.columns = columns;
            this.includeObject = includeObject;
        }

        @Override
        public String apply(String line) {
            try {
                JsonNode event = JSON.readTree(line);
                String type = event.path("type").asText();
                if (!List.of("ADDED", "MODIFIED", "DELETED").contains(type)) {
                    return line;
                }
                ((ObjectNode) event)
                        .set("object", columns.table(event.get("object"), includeObject, first));
                first = false;
                return event.toString();
            } catch (IOException | RuntimeException e) {
                return line;
            }
        }
    }

    /** Writes each WebSocket message as one line; a failed write means kubectl is gone. */
    private static final class LineWriter implements WebSocket.Listener {
        private final OutputStream out;
        private final CountDownLatch ended;
        private final UnaryOperator<String> events;
        private final StringBuilder message = new StringBuilder();

        LineWriter(OutputStream out, CountDownLatch ended, UnaryOperator<String> events) {
            this.out = out;
            this.ended = ended;
            this.events = events;
        }

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            message.append(data);
            if (last) {
                try {
                    out.write(
                            (events.apply(message.toString()) + "\n")
                                    .getBytes(StandardCharsets.UTF_8));
                    out.flush();
                } catch (IOException e) {
                    ended.countDown();
                }
                message.setLength(0);
            }
            socket.request(1);
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletionStage<?> onClose(WebSocket socket, int status, String reason) {
            ended.countDown();
            return null;
        }

        @Override
        public void onError(WebSocket socket, Throwable error) {
            ended.countDown();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
