package io.eventpipeline.testsupport.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.http.MockResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A custom resource checked against its CRD's schema, as the API server checks a write that asks
 * for {@code fieldValidation=Strict} (kubectl's default): fields the schema does not declare, and
 * values of the wrong type, outside an enum, or missing where required. The mock stores anything
 * otherwise; clients that do not ask (the operator's) are not checked.
 */
final class SchemaValidation {
    private static final ObjectMapper JSON = Serialization.jsonMapper();
    private static final Set<String> ENVELOPE = Set.of("apiVersion", "kind", "metadata");

    /** What is wrong: fields not declared (a 400), invalid values (a 422). */
    record Problems(List<String> unknownFields, List<String> invalid) {
        boolean none() {
            return unknownFields.isEmpty() && invalid.isEmpty();
        }
    }

    /** "group/version/plural" to schema. */
    private final Map<String, JsonNode> schemas = new HashMap<>();

    SchemaValidation(List<CustomResourceDefinition> crds) {
        for (CustomResourceDefinition crd : crds) {
            for (CustomResourceDefinitionVersion version : crd.getSpec().getVersions()) {
                if (version.getSchema() != null) {
                    schemas.put(
                            crd.getSpec().getGroup()
                                    + "/"
                                    + version.getName()
                                    + "/"
                                    + crd.getSpec().getNames().getPlural(),
                            JSON.valueToTree(version.getSchema().getOpenAPIV3Schema()));
                }
            }
        }
    }

    /**
     * The refusal of a write that asked for strict field validation and breaks the CRD's schema;
     * null when it may go on.
     */
    MockResponse refusal(String path, JsonNode object) {
        Problems problems = check(path, object);
        String kind = object.path("kind").asText("object");
        if (!problems.unknownFields().isEmpty()) {
            return Statuses.failure(
                    400,
                    "BadRequest",
                    kind
                            + " in version \""
                            + object.path("apiVersion").asText()
                            + "\" cannot be handled as a "
                            + kind
                            + ": strict decoding error: "
                            + problems.unknownFields().stream()
                                    .map(f -> "unknown field \"" + f + "\"")
                                    .collect(Collectors.joining(", ")));
        }
        if (!problems.invalid().isEmpty()) {
            return Statuses.failure(
                    422,
                    "Invalid",
                    kind
                            + " \""
                            + object.path("metadata").path("name").asText()
                            + "\" is invalid: "
                            + String.join(", ", problems.invalid()));
        }
        return null;
    }

    /** The problems of the object written to this path; none when the path is no CRD's. */
    Problems check(String path, JsonNode object) {
        Problems problems = new Problems(new ArrayList<>(), new ArrayList<>());
        JsonNode schema = schemaFor(path);
        if (schema == null || !object.isObject()) {
            return problems;
        }
        JsonNode properties = schema.path("properties");
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (ENVELOPE.contains(field.getKey())) {
                continue;
            }
            JsonNode fieldSchema = properties.get(field.getKey());
            if (fieldSchema == null) {
                problems.unknownFields().add(field.getKey());
            } else {
                walk(field.getValue(), fieldSchema, field.getKey(), problems);
            }
        }
        return problems;
    }

    private JsonNode schemaFor(String path) {
        // /apis/<group>/<version>/[namespaces/<ns>/]<plural>[/<name>]
        String[] parts = path.split("/");
        if (parts.length < 5 || !parts[1].equals("apis")) {
            return null;
        }
        int plural = parts[4].equals("namespaces") ? 6 : 4;
        return plural < parts.length
                ? schemas.get(parts[2] + "/" + parts[3] + "/" + parts[plural])
                : null;
    }

    private static void walk(JsonNode value, JsonNode schema, String at, Problems problems) {
        if (value.isNull() && schema.path("nullable").asBoolean(false)) {
            return;
        }
        if (schema.path("x-kubernetes-int-or-string").asBoolean(false)) {
            if (!value.isTextual() && !value.isIntegralNumber()) {
                problems.invalid().add(invalidType(at, "integer or string", value));
            }
            return;
        }
        String type = schema.path("type").asText("");
        switch (type) {
            case "object" -> object(value, schema, at, problems);
            case "array" -> {
                if (!value.isArray()) {
                    problems.invalid().add(invalidType(at, "array", value));
                    return;
                }
                for (int i = 0; i < value.size(); i++) {
                    walk(value.get(i), schema.path("items"), at + "[" + i + "]", problems);
                }
            }
            case "string" -> {
                if (!value.isTextual()) {
                    problems.invalid().add(invalidType(at, "string", value));
                }
            }
            case "integer" -> {
                if (!value.isIntegralNumber()) {
                    problems.invalid().add(invalidType(at, "integer", value));
                }
            }
            case "number" -> {
                if (!value.isNumber()) {
                    problems.invalid().add(invalidType(at, "number", value));
                }
            }
            case "boolean" -> {
                if (!value.isBoolean()) {
                    problems.invalid().add(invalidType(at, "boolean", value));
                }
            }
            default -> {}
        }
        JsonNode allowed = schema.get("enum");
        if (allowed != null && allowed.isArray() && value.isValueNode()) {
            boolean listed = false;
            List<String> quoted = new ArrayList<>();
            for (JsonNode option : allowed) {
                listed |= option.equals(value);
                quoted.add(option.toString());
            }
            if (!listed) {
                problems.invalid()
                        .add(
                                at
                                        + ": Unsupported value: "
                                        + value
                                        + ": supported values: "
                                        + String.join(", ", quoted));
            }
        }
    }

    private static void object(JsonNode value, JsonNode schema, String at, Problems problems) {
        if (!value.isObject()) {
            problems.invalid().add(invalidType(at, "object", value));
            return;
        }
        for (JsonNode required : schema.path("required")) {
            if (!value.has(required.asText())) {
                problems.invalid().add(at + "." + required.asText() + ": Required value");
            }
        }
        if (schema.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)
                && !schema.has("properties")) {
            return;
        }
        JsonNode properties = schema.path("properties");
        JsonNode additional = schema.get("additionalProperties");
        for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String fieldAt = at + "." + field.getKey();
            JsonNode fieldSchema = properties.get(field.getKey());
            if (fieldSchema != null) {
                walk(field.getValue(), fieldSchema, fieldAt, problems);
            } else if (additional != null && additional.isObject()) {
                walk(field.getValue(), additional, fieldAt, problems);
            } else if (additional == null || !additional.asBoolean(true)) {
                if (!schema.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)) {
                    problems.unknownFields().add(fieldAt);
                }
            }
        }
    }

    private static String invalidType(String at, String type, JsonNode value) {
        String actual = value.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        return at
                + ": Invalid value: \""
                + actual
                + "\": "
                + at
                + " in body must be of type "
                + type
                + ": \""
                + actual
                + "\"";
    }
}
