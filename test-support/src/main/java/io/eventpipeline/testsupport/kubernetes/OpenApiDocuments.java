package io.eventpipeline.testsupport.kubernetes;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * OpenAPI v3 documents built from the CRDs' schemas, as a real API server publishes them: the index
 * {@code /openapi/v3} and one document per group version, with each kind's schema and its
 * operations. kubectl reads them for {@code explain}, and to learn from the PATCH operation's
 * {@code fieldValidation} parameter that the server validates fields, so it needs no OpenAPI v2
 * (which it fetches as protobuf only).
 */
final class OpenApiDocuments {
    private static final ObjectMapper JSON = Serialization.jsonMapper();

    private OpenApiDocuments() {}

    /** Path (without query) to JSON document. */
    static Map<String, String> of(List<CustomResourceDefinition> crds) {
        Map<String, String> documents = new LinkedHashMap<>();
        ObjectNode index = JSON.createObjectNode();
        ObjectNode paths = index.putObject("paths");
        // Kinds of one group and version share a document (FlinkDeployment and FlinkSessionJob).
        Map<String, ObjectNode> byGroupVersion = new LinkedHashMap<>();
        for (CustomResourceDefinition crd : crds) {
            for (CustomResourceDefinitionVersion version : crd.getSpec().getVersions()) {
                String groupVersion = "apis/" + crd.getSpec().getGroup() + "/" + version.getName();
                ObjectNode document = groupVersionDocument(crd, version);
                ObjectNode shared = byGroupVersion.putIfAbsent(groupVersion, document);
                if (shared != null) {
                    shared.with("paths").setAll(document.with("paths"));
                    shared.with("components")
                            .with("schemas")
                            .setAll(document.with("components").with("schemas"));
                }
            }
        }
        byGroupVersion.forEach(
                (groupVersion, node) -> {
                    String document = node.toString();
                    String path = "/openapi/v3/" + groupVersion;
                    paths.putObject(groupVersion)
                            .put(
                                    "serverRelativeURL",
                                    path + "?hash=" + Integer.toHexString(document.hashCode()));
                    documents.put(path, document);
                });
        String core = coreDocument();
        paths.putObject("api/v1")
                .put(
                        "serverRelativeURL",
                        "/openapi/v3/api/v1?hash=" + Integer.toHexString(core.hashCode()));
        documents.put("/openapi/v3/api/v1", core);
        documents.put("/openapi/v3", index.toString());
        return documents;
    }

    /**
     * The core group's operations for the kinds the mock stores (no schemas): enough for kubectl to
     * see that the server validates fields of built-in kinds too.
     */
    private static String coreDocument() {
        ObjectNode document = JSON.createObjectNode();
        document.put("openapi", "3.0.0");
        document.putObject("info").put("title", "Kubernetes").put("version", "v1");
        ObjectNode paths = document.putObject("paths");
        for (String kind : List.of("Namespace", "Event", "Secret", "ConfigMap", "Service")) {
            String plural = kind.toLowerCase(java.util.Locale.ROOT) + "s";
            String path =
                    kind.equals("Namespace")
                            ? "/api/v1/namespaces/{name}"
                            : "/api/v1/namespaces/{namespace}/" + plural + "/{name}";
            ObjectNode patch = paths.putObject(path).putObject("patch");
            patch.putObject("x-kubernetes-group-version-kind")
                    .put("group", "")
                    .put("kind", kind)
                    .put("version", "v1");
            patch.putArray("parameters")
                    .addObject()
                    .put("name", "fieldValidation")
                    .put("in", "query");
        }
        return document.toString();
    }

    private static ObjectNode groupVersionDocument(
            CustomResourceDefinition crd, CustomResourceDefinitionVersion version) {
        var spec = crd.getSpec();
        ObjectNode gvk = JSON.createObjectNode();
        gvk.put("group", spec.getGroup());
        gvk.put("kind", spec.getNames().getKind());
        gvk.put("version", version.getName());

        ObjectNode document = JSON.createObjectNode();
        document.put("openapi", "3.0.0");
        document.putObject("info").put("title", "Kubernetes CRD Swagger").put("version", "v0.1.0");
        String collection =
                "/apis/"
                        + spec.getGroup()
                        + "/"
                        + version.getName()
                        + ("Namespaced".equals(spec.getScope()) ? "/namespaces/{namespace}/" : "/")
                        + spec.getNames().getPlural();
        String schemaName =
                schemaName(spec.getGroup(), version.getName(), spec.getNames().getKind());
        ObjectNode item = document.putObject("paths").putObject(collection + "/{name}");
        for (String verb : List.of("get", "put", "patch", "delete")) {
            ObjectNode operation = item.putObject(verb);
            operation.set("x-kubernetes-group-version-kind", gvk);
            operation.put("x-kubernetes-action", verb.equals("put") ? "update" : verb);
            ArrayNode parameters = operation.putArray("parameters");
            parameters.addObject().put("name", "dryRun").put("in", "query");
            if (verb.equals("patch") || verb.equals("put")) {
                parameters.addObject().put("name", "fieldValidation").put("in", "query");
            }
            operation
                    .putObject("responses")
                    .putObject("200")
                    .putObject("content")
                    .putObject("application/json")
                    .putObject("schema")
                    .put("$ref", "#/components/schemas/" + schemaName);
        }
        ObjectNode schema = JSON.valueToTree(version.getSchema().getOpenAPIV3Schema());
        ObjectNode properties = schema.with("properties");
        properties
                .putObject("apiVersion")
                .put("type", "string")
                .put("description", "APIVersion defines the versioned schema of this object.");
        properties
                .putObject("kind")
                .put("type", "string")
                .put("description", "Kind is a string value representing the REST resource.");
        properties
                .putObject("metadata")
                .put("type", "object")
                .put(
                        "description",
                        "Standard object's metadata: name, namespace, labels, annotations.");
        schema.putArray("x-kubernetes-group-version-kind").add(gvk);
        document.putObject("components").putObject("schemas").set(schemaName, schema);
        return document;
    }

    /** As the API server names a CRD's schema: the group reversed, then version and kind. */
    static String schemaName(String group, String version, String kind) {
        List<String> parts = new ArrayList<>(List.of(group.split("\\.")));
        Collections.reverse(parts);
        return String.join(".", parts) + "." + version + "." + kind;
    }
}
