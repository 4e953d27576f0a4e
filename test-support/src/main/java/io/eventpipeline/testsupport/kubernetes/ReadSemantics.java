package io.eventpipeline.testsupport.kubernetes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;

/**
 * Reads as a real API server answers them: a list with a field selector holds only the objects that
 * match it, on any field (the mock knows only a few; {@code kubectl describe} and {@code kubectl
 * events} select Events by {@code involvedObject.*}); and every JSON answer says it is JSON, since
 * kubectl, asking for protobuf first, decodes an answer without a content type as protobuf.
 */
final class ReadSemantics extends Dispatcher {
    private static final ObjectMapper JSON = Serialization.jsonMapper();

    private final Dispatcher next;

    ReadSemantics(Dispatcher next) {
        this.next = next;
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        MockResponse response = selectedList(request);
        if (response == null) {
            response = next.dispatch(request);
        }
        if ("GET".equals(request.getMethod()) && request.getPath().contains("/events")) {
            response = typedEventList(response);
        }
        if (response.getWebSocketListener() == null
                && response.header("Content-Type") == null
                && response.getBody() != null
                && response.getBody().size() > 0) {
            response.setHeader("Content-Type", "application/json");
        }
        return response;
    }

    /** A list filtered by its field selector; null for every other request. */
    private MockResponse selectedList(RecordedRequest request) {
        ApiRequest api = ApiRequest.of(request);
        String selector = api.query().get("fieldSelector");
        if (!"GET".equals(request.getMethod())
                || selector == null
                || "true".equals(api.query().get("watch"))) {
            return null;
        }
        FieldSelector fields;
        try {
            fields = FieldSelector.parse(selector);
        } catch (IllegalArgumentException e) {
            return Statuses.failure(400, "BadRequest", e.getMessage());
        }
        MockResponse all =
                ApiRequest.send(next, HttpMethod.GET, api.pathWithout("fieldSelector"), null);
        if (all.code() != 200) {
            return all;
        }
        try {
            JsonNode list = JSON.readTree(ApiRequest.body(all));
            if (!list.has("items")) {
                return all;
            }
            ArrayNode kept = JSON.createArrayNode();
            list.get("items")
                    .forEach(
                            item -> {
                                if (fields.matches(item)) {
                                    kept.add(item);
                                }
                            });
            ((ObjectNode) list).set("items", kept);
            return Statuses.json(200, JSON.writeValueAsString(list));
        } catch (JsonProcessingException e) {
            return all;
        }
    }

    /**
     * The mock calls every list a {@code List}; kubectl decodes Events into the typed {@code
     * EventList} and finds none in a {@code List}.
     */
    private static MockResponse typedEventList(MockResponse response) {
        if (response.code() != 200 || response.getWebSocketListener() != null) {
            return response;
        }
        try {
            JsonNode list = JSON.readTree(ApiRequest.body(response));
            if (!list.isObject() || !"List".equals(list.path("kind").asText())) {
                return response;
            }
            ((ObjectNode) list).put("kind", "EventList");
            return Statuses.json(200, JSON.writeValueAsString(list));
        } catch (JsonProcessingException e) {
            return response;
        }
    }

    @Override
    public void shutdown() {
        next.shutdown();
    }
}
