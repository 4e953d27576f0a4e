package io.eventpipeline.testsupport.kubernetes;

import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** A request's path and query taken apart, and requests of our own to the store behind. */
record ApiRequest(String path, Map<String, String> query) {
    static ApiRequest of(RecordedRequest request) {
        String full = request.getPath();
        int at = full.indexOf('?');
        Map<String, String> query = new LinkedHashMap<>();
        if (at >= 0) {
            for (String pair : full.substring(at + 1).split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String name = eq < 0 ? pair : pair.substring(0, eq);
                String value = eq < 0 ? "" : pair.substring(eq + 1);
                query.put(decode(name), decode(value));
            }
        }
        return new ApiRequest(at < 0 ? full : full.substring(0, at), query);
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }

    boolean dryRun() {
        return query.containsKey("dryRun");
    }

    /** Without its {@code /status} suffix: the object itself. */
    String objectPath() {
        return path.endsWith("/status") ? path.substring(0, path.length() - 7) : path;
    }

    /** This path with the query, less the named parameter. */
    String pathWithout(String parameter) {
        StringBuilder rest = new StringBuilder();
        query.forEach(
                (name, value) -> {
                    if (!name.equals(parameter)) {
                        rest.append(rest.length() == 0 ? '?' : '&')
                                .append(name)
                                .append('=')
                                .append(java.net.URLEncoder.encode(value, StandardCharsets.UTF_8));
                    }
                });
        return path + rest;
    }

    static MockResponse send(Dispatcher store, HttpMethod method, String path, String body) {
        Headers headers =
                Headers.builder()
                        .add("Content-Type", "application/json")
                        .add("Accept", "application/json")
                        .build();
        Buffer buffer = new Buffer();
        if (body != null) {
            buffer.writeUtf8(body);
        }
        return store.dispatch(new RecordedRequest("HTTP/1.1", method, path, headers, buffer));
    }

    static String body(MockResponse response) {
        return response.getBody() == null
                ? ""
                : new String(response.getBody().getBytes(), StandardCharsets.UTF_8);
    }
}
