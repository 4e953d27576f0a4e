package io.eventpipeline.spec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eventpipeline.spec.model.EventPipelineSpec;
import io.eventpipeline.spec.model.TimesSpec;
import io.eventpipeline.spec.validation.InvalidPipelineException;
import io.eventpipeline.spec.validation.ValidationProblem;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A pipeline as the job and the tools see it: the EventPipeline's name, namespace and spec. It is
 * read from an EventPipeline document exactly as a user would {@code kubectl apply} it, and written
 * (canonical JSON) into the job's arguments by the operator.
 */
public record PipelineDefinition(String name, String namespace, EventPipelineSpec spec) {
    public static final String API_VERSION = "eventpipeline.io/v1alpha1";
    public static final String KIND = "EventPipeline";

    /**
     * What an EventPipeline document may hold at its top: {@code status} too, as {@code kubectl get
     * -o yaml} writes it (it is ignored, as the API server ignores it on apply).
     */
    private static final Set<String> TOP_LEVEL_FIELDS =
            Set.of("apiVersion", "kind", "metadata", "spec", "status");

    /**
     * Reads an EventPipeline document (YAML or JSON), strictly ({@link StrictYaml}: no anchors,
     * duplicate keys or second document). Structural problems (not an EventPipeline, no name,
     * unknown or mistyped fields, at the top too) are reported with the field path; the spec's
     * meaning is checked separately by the validator.
     */
    public static PipelineDefinition parse(String document) throws InvalidPipelineException {
        JsonNode root;
        try {
            root = StrictYaml.readTree(document);
        } catch (StrictYaml.Refused e) {
            throw invalid("(document)", e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw invalid("(document)", "expected an EventPipeline object");
        }
        List<ValidationProblem> problems = new ArrayList<>();
        root.fieldNames()
                .forEachRemaining(
                        field -> {
                            if (!TOP_LEVEL_FIELDS.contains(field)) {
                                problems.add(
                                        new ValidationProblem(
                                                field, "unknown field '" + field + "'"));
                            }
                        });
        String apiVersion = root.path("apiVersion").asText(API_VERSION);
        if (!API_VERSION.equals(apiVersion)) {
            problems.add(
                    new ValidationProblem(
                            "apiVersion", "expected " + API_VERSION + ", got " + apiVersion));
        }
        String kind = root.path("kind").asText(KIND);
        if (!KIND.equals(kind)) {
            problems.add(new ValidationProblem("kind", "expected " + KIND + ", got " + kind));
        }
        String name = root.path("metadata").path("name").asText("");
        if (name.isEmpty()) {
            problems.add(new ValidationProblem("metadata.name", "is required"));
        }
        String namespace = root.path("metadata").path("namespace").asText("default");
        JsonNode specNode = root.get("spec");
        EventPipelineSpec spec = null;
        if (specNode == null || !specNode.isObject()) {
            problems.add(new ValidationProblem("spec", "is required"));
        } else {
            try {
                spec = PipelineJson.yaml().treeToValue(specNode, EventPipelineSpec.class);
            } catch (JsonProcessingException e) {
                problems.add(describe(e));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidPipelineException(problems);
        }
        return new PipelineDefinition(name, namespace, spec);
    }

    /** The document form: apiVersion, kind, metadata (name, namespace) and spec. */
    public ObjectNode toDocument() {
        ObjectMapper json = PipelineJson.json();
        ObjectNode root = json.createObjectNode();
        root.put("apiVersion", API_VERSION);
        root.put("kind", KIND);
        root.putObject("metadata").put("name", name).put("namespace", namespace);
        root.set("spec", json.valueToTree(spec));
        return root;
    }

    /** Canonical compact JSON of {@link #toDocument()}: the same pipeline, the same bytes. */
    public String toJson() {
        return PipelineJson.toJson(toDocument());
    }

    private static ValidationProblem describe(JsonProcessingException e) {
        String path = "spec";
        if (e instanceof JsonMappingException mapping) {
            path = pathOf(mapping);
        }
        if (e instanceof UnrecognizedPropertyException unknown) {
            return new ValidationProblem(path, "unknown field '" + unknown.getPropertyName() + "'");
        }
        if (e instanceof InvalidFormatException format) {
            return new ValidationProblem(
                    path,
                    "invalid value '"
                            + format.getValue()
                            + "' (expected "
                            + kindOf(format.getTargetType())
                            + ")");
        }
        if (e instanceof InputCoercionException || e.getCause() instanceof InputCoercionException) {
            // A number past what the field holds, e.g. partitions: 99999999999.
            return new ValidationProblem(
                    path, "is out of range: expected a whole number up to " + Integer.MAX_VALUE);
        }
        if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            return new ValidationProblem(
                    path,
                    "has the wrong type: expected "
                            + kindOf(mismatch.getTargetType())
                            + hint(mismatch.getTargetType()));
        }
        return new ValidationProblem(path, e.getOriginalMessage());
    }

    // What people write by mistake there, e.g. "times: oneOrMore".
    private static String hint(Class<?> type) {
        if (type == TimesSpec.class) {
            return " such as {min: 1, max: 3} (at most 3) or {min: 2} (two or more); for one or"
                    + " more, write oneOrMore: true on the step instead";
        }
        return "";
    }

    // What a user writes in YAML for a Java type, e.g. "an object" for a spec class.
    private static String kindOf(Class<?> type) {
        if (type.isEnum()) {
            return expected(type);
        }
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "a list";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == Integer.class || type == int.class || type == Long.class) {
            return "a whole number";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
            return "a number";
        }
        return "an object";
    }

    private static String expected(Class<?> type) {
        if (type.isEnum()) {
            List<String> names = new ArrayList<>();
            for (Object constant : type.getEnumConstants()) {
                names.add(PipelineJson.json().convertValue(constant, String.class));
            }
            return "one of " + String.join(", ", names);
        }
        return type.getSimpleName().toLowerCase(java.util.Locale.ROOT);
    }

    private static String pathOf(JsonMappingException e) {
        StringBuilder path = new StringBuilder("spec");
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                path.append('.').append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static InvalidPipelineException invalid(String path, String message) {
        return new InvalidPipelineException(List.of(new ValidationProblem(path, message)));
    }
}
