package io.eventpipeline.testsupport.kubernetes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.zjsonpatch.JsonPatch;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Writes as a real API server makes them, in front of the mock's CRUD store: patches are applied
 * here (JSON merge patch per RFC 7386, JSON patch per RFC 6902) and stored with a PUT, which checks
 * the resourceVersion; strategic merge patch on a custom resource is refused with 415 as a real
 * server refuses it (kubectl then uses a merge patch); server-side apply is refused with a message
 * saying what works instead; a request with {@code dryRun} is answered with what would be stored,
 * and nothing is stored; and a write asking for strict field validation is checked against the
 * CRD's schema ({@link SchemaValidation}).
 */
final class WriteSemantics extends Dispatcher {
    static final String MERGE_PATCH = "application/merge-patch+json";
    static final String JSON_PATCH = "application/json-patch+json";
    static final String STRATEGIC_MERGE_PATCH = "application/strategic-merge-patch+json";
    static final String APPLY_PATCH = "application/apply-patch+yaml";
    static final String PROTOBUF = "application/vnd.kubernetes.protobuf";

    /** A patch lost a race with another writer this many times in a row: give up with 409. */
    private static final int PATCH_ATTEMPTS = 10;

    private static final ObjectMapper JSON = Serialization.jsonMapper();

    private final Dispatcher store;
    private final Set<String> customGroups;
    private final SchemaValidation validation;

    WriteSemantics(Dispatcher store, List<CustomResourceDefinition> crds) {
        this.store = store;
        this.customGroups =
                crds.stream().map(crd -> crd.getSpec().getGroup()).collect(Collectors.toSet());
        this.validation = new SchemaValidation(crds);
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        ApiRequest api = ApiRequest.of(request);
        if (contentType(request).equals(PROTOBUF)) {
            // kubectl's generators (create namespace, create secret ...) send built-in kinds as
            // protobuf, which the mock cannot read; objects from files go as JSON.
            return Statuses.failure(
                    415,
                    "UnsupportedMediaType",
                    "this mock API server reads JSON only, and this request body is protobuf:"
                            + " write the object to a file and use kubectl create -f FILE");
        }
        try {
            return switch (request.getMethod()) {
                case "PATCH" -> patch(request, api);
                case "POST", "PUT" -> write(request, api);
                case "DELETE" -> delete(request, api);
                default -> store.dispatch(request);
            };
        } catch (JsonProcessingException | RuntimeException e) {
            return Statuses.failure(400, "BadRequest", "the request body is invalid: " + e);
        }
    }

    private MockResponse write(RecordedRequest request, ApiRequest api)
            throws JsonProcessingException {
        // Reading the body consumes it: what goes on to the store is a copy.
        String body = request.getUtf8Body();
        RecordedRequest copy =
                new RecordedRequest(
                        request.getHttpVersion(),
                        request.method(),
                        request.getPath(),
                        request.getHeaders(),
                        new Buffer().writeUtf8(body));
        MockResponse rejected =
                strictValidation(api) ? validation.refusal(api.path(), JSON.readTree(body)) : null;
        if (rejected != null) {
            return rejected;
        }
        if (!api.dryRun()) {
            return store.dispatch(copy);
        }
        return request.getMethod().equals("POST")
                ? dryRunCreate(body, api)
                : dryRunUpdate(body, api);
    }

    /** Whether the write asked for it (the status has no schema checks here). */
    private static boolean strictValidation(ApiRequest api) {
        return api.query().getOrDefault("fieldValidation", "").equalsIgnoreCase("Strict")
                && !api.path().endsWith("/status");
    }

    private MockResponse patch(RecordedRequest request, ApiRequest api)
            throws JsonProcessingException {
        String type = contentType(request);
        boolean custom = isCustomResource(api.path());
        if (APPLY_PATCH.equals(type)) {
            return Statuses.failure(
                    415,
                    "UnsupportedMediaType",
                    "server-side apply is not supported by this mock API server: use kubectl"
                            + " apply without --server-side, or kubectl patch --type merge");
        }
        if (STRATEGIC_MERGE_PATCH.equals(type) && custom) {
            return Statuses.failure(
                    415,
                    "UnsupportedMediaType",
                    "the body of the request was in an unknown format - accepted media types"
                            + " include: application/json-patch+json,"
                            + " application/merge-patch+json, application/apply-patch+yaml");
        }
        if (!MERGE_PATCH.equals(type) && !JSON_PATCH.equals(type)) {
            // Strategic merge patch on a built-in kind (an Event, a Namespace): the mock's own.
            return api.dryRun() ? refuseDryRun(type) : store.dispatch(request);
        }
        JsonNode patch = JSON.readTree(request.getUtf8Body());
        for (int attempt = 1; ; attempt++) {
            MockResponse current = ApiRequest.send(store, HttpMethod.GET, api.objectPath(), null);
            if (current.code() != 200) {
                return current;
            }
            JsonNode before = JSON.readTree(ApiRequest.body(current));
            JsonNode after =
                    MERGE_PATCH.equals(type)
                            ? JsonMergePatch.apply(before, patch)
                            : JsonPatch.apply(patch, before);
            MockResponse rejected =
                    strictValidation(api) ? validation.refusal(api.path(), after) : null;
            if (rejected != null) {
                return rejected;
            }
            if (api.dryRun()) {
                return Statuses.json(200, JSON.writeValueAsString(asStored(before, after)));
            }
            MockResponse stored =
                    ApiRequest.send(
                            store, HttpMethod.PUT, api.path(), JSON.writeValueAsString(after));
            // A real server retries a patch that lost a race, unless the patch named the version.
            boolean raced =
                    stored.code() == 409
                            && !patchNamesResourceVersion(patch)
                            && attempt < PATCH_ATTEMPTS;
            if (!raced) {
                return stored;
            }
        }
    }

    private static boolean patchNamesResourceVersion(JsonNode patch) {
        return patch.path("metadata").has("resourceVersion")
                || patch.toString().contains("/metadata/resourceVersion");
    }

    /**
     * What a write of {@code after} over {@code before} would store: generation moves with spec.
     */
    private static JsonNode asStored(JsonNode before, JsonNode after) {
        ObjectNode result = after.deepCopy();
        if (!Objects.equals(before.get("spec"), after.get("spec"))) {
            ObjectNode metadata = result.with("metadata");
            metadata.put("generation", before.path("metadata").path("generation").asLong(0) + 1);
        }
        return result;
    }

    private MockResponse dryRunCreate(String body, ApiRequest api) throws JsonProcessingException {
        ObjectNode object = (ObjectNode) JSON.readTree(body);
        ObjectNode metadata = object.with("metadata");
        String name = metadata.path("name").asText("");
        if (name.isEmpty()) {
            return Statuses.failure(422, "Invalid", "metadata.name: Required value: name");
        }
        MockResponse existing =
                ApiRequest.send(store, HttpMethod.GET, api.path() + "/" + name, null);
        if (existing.code() == 200) {
            return Statuses.failure(
                    409, "AlreadyExists", api.path() + " \"" + name + "\" already exists");
        }
        String namespace = namespaceOf(api.path());
        if (namespace != null) {
            metadata.put("namespace", namespace);
        }
        metadata.put("uid", UUID.randomUUID().toString());
        metadata.put("generation", 1);
        metadata.put("creationTimestamp", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        return Statuses.json(201, JSON.writeValueAsString(object));
    }

    private MockResponse dryRunUpdate(String body, ApiRequest api) throws JsonProcessingException {
        MockResponse current = ApiRequest.send(store, HttpMethod.GET, api.objectPath(), null);
        if (current.code() != 200) {
            return current;
        }
        JsonNode before = JSON.readTree(ApiRequest.body(current));
        JsonNode after = JSON.readTree(body);
        String sent = after.path("metadata").path("resourceVersion").asText("");
        String live = before.path("metadata").path("resourceVersion").asText("");
        if (!sent.isEmpty() && !sent.equals(live)) {
            return Statuses.failure(
                    409,
                    "Conflict",
                    "Operation cannot be fulfilled: the object has been modified; please apply"
                            + " your changes to the latest version and try again");
        }
        return Statuses.json(200, JSON.writeValueAsString(asStored(before, after)));
    }

    /** A delete asks for a dry run in its query, or (kubectl's way) in its DeleteOptions body. */
    private MockResponse delete(RecordedRequest request, ApiRequest api)
            throws JsonProcessingException {
        String body = request.getUtf8Body();
        boolean dryRun =
                api.dryRun() || (!body.isBlank() && JSON.readTree(body).path("dryRun").size() > 0);
        if (dryRun) {
            return dryRunDelete(api);
        }
        return store.dispatch(
                new RecordedRequest(
                        request.getHttpVersion(),
                        request.method(),
                        request.getPath(),
                        request.getHeaders(),
                        new Buffer().writeUtf8(body)));
    }

    private MockResponse dryRunDelete(ApiRequest api) {
        MockResponse current = ApiRequest.send(store, HttpMethod.GET, api.objectPath(), null);
        return current.code() != 200 ? current : Statuses.json(200, ApiRequest.body(current));
    }

    private static MockResponse refuseDryRun(String type) {
        return Statuses.failure(
                415,
                "UnsupportedMediaType",
                "dry run of a "
                        + type
                        + " patch is not supported by this mock API server: use"
                        + " --type merge or --type json");
    }

    private boolean isCustomResource(String path) {
        if (!path.startsWith("/apis/")) {
            return false;
        }
        String group = path.substring("/apis/".length()).split("/")[0];
        return customGroups.contains(group);
    }

    private static String namespaceOf(String path) {
        String[] parts = path.split("/");
        for (int i = 0; i < parts.length - 1; i++) {
            if (parts[i].equals("namespaces")) {
                return parts[i + 1];
            }
        }
        return null;
    }

    private static String contentType(RecordedRequest request) {
        String header = request.getHeader("Content-Type");
        return header == null ? "" : header.split(";")[0].trim();
    }

    @Override
    public void shutdown() {
        store.shutdown();
    }
}
