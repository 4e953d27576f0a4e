package io.eventpipeline.testsupport.kubernetes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.Optional;

/**
 * Answers a read of a custom resource that asks for a Table ({@code kubectl get}) with one, built
 * from the CRD's printer columns ({@link ServerTables}); the mock itself only knows lists, which
 * kubectl would show as NAME and AGE. Watches are left to whoever streams them.
 */
final class TableResponses extends Dispatcher {
    private static final ObjectMapper JSON = Serialization.jsonMapper();

    private final Dispatcher next;
    private final ServerTables tables;

    TableResponses(Dispatcher next, ServerTables tables) {
        this.next = next;
        this.tables = tables;
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        MockResponse response = next.dispatch(request);
        if (!"GET".equals(request.getMethod())
                || !ServerTables.wanted(request.getHeader("Accept"))
                || response.code() != 200
                || response.getWebSocketListener() != null) {
            return response;
        }
        ApiRequest api = ApiRequest.of(request);
        if ("true".equals(api.query().get("watch"))) {
            return response;
        }
        Optional<ServerTables.Columns> columns = tables.columnsFor(api.path());
        if (columns.isEmpty()) {
            return response;
        }
        try {
            JsonNode body = JSON.readTree(ApiRequest.body(response));
            String include = api.query().getOrDefault("includeObject", "Metadata");
            return Statuses.json(200, columns.get().table(body, include, true).toString());
        } catch (JsonProcessingException e) {
            return response;
        }
    }

    @Override
    public void shutdown() {
        next.shutdown();
    }
}
