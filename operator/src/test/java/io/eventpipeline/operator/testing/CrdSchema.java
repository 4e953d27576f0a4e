package io.eventpipeline.operator.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Checks an object against a CRD's openAPIV3Schema the way the API server would: schema violations,
 * and fields the server would silently prune because the schema does not know them.
 */
public final class CrdSchema {
    private final JsonNode openApiSchema;
    private final JsonSchema validator;

    private CrdSchema(JsonNode openApiSchema) {
        this.openApiSchema = openApiSchema;
        this.validator =
                JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(openApiSchema);
    }

    /** The schema of the given served version in a CRD YAML on the classpath. */
    public static CrdSchema fromResource(String resource, String version) {
        try (InputStream in = CrdSchema.class.getResourceAsStream(resource)) {
            JsonNode crd = new YAMLMapper().readTree(in);
            for (JsonNode v : crd.path("spec").path("versions")) {
                if (version.equals(v.path("name").asText())) {
                    return new CrdSchema(v.path("schema").path("openAPIV3Schema"));
                }
            }
            throw new IllegalArgumentException("no version " + version + " in " + resource);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every problem: schema violations and would-be-pruned fields, as readable lines. */
    public List<String> problems(Object object) {
        JsonNode json = new ObjectMapper().valueToTree(toJsonTree(object));
        List<String> problems = new ArrayList<>();
        for (ValidationMessage message : validator.validate(json)) {
            problems.add(message.getMessage());
        }
        unknownFields("", json, openApiSchema, problems);
        return problems;
    }

    private static Object toJsonTree(Object object) {
        return io.fabric8.kubernetes.client.utils.Serialization.jsonMapper()
                .convertValue(object, Map.class);
    }

    private static void unknownFields(
            String path, JsonNode value, JsonNode schema, List<String> problems) {
        // Object metadata is validated by the API server itself, not by the CRD's schema.
        if (".metadata".equals(path)
                || schema.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)) {
            return;
        }
        if (value.isObject()) {
            JsonNode properties = schema.path("properties");
            JsonNode additional = schema.path("additionalProperties");
            Iterator<Map.Entry<String, JsonNode>> fields = value.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                String at = path + "." + field.getKey();
                boolean typeMeta =
                        path.isEmpty()
                                && java.util.Set.of("apiVersion", "kind", "metadata")
                                        .contains(field.getKey());
                if (typeMeta) {
                    continue; // every object has them, whatever its schema lists
                }
                if (properties.has(field.getKey())) {
                    unknownFields(at, field.getValue(), properties.get(field.getKey()), problems);
                } else if (additional.isObject()) {
                    unknownFields(at, field.getValue(), additional, problems);
                } else {
                    problems.add(at + ": not in the schema (the API server would drop it)");
                }
            }
        } else if (value.isArray()) {
            for (int i = 0; i < value.size(); i++) {
                unknownFields(path + "[" + i + "]", value.get(i), schema.path("items"), problems);
            }
        }
    }
}
