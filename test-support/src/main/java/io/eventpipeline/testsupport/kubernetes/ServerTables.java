package io.eventpipeline.testsupport.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tables as a real API server renders custom resources for {@code kubectl get}: a Name column, then
 * the CRD version's {@code additionalPrinterColumns} (or "Created At" when it declares none), each
 * cell read with the column's JSONPath; dates shown as an age ("5m10s"), and each row carrying the
 * object's metadata so kubectl can add NAMESPACE and LABELS columns itself.
 */
public final class ServerTables {
    private static final ObjectMapper JSON = Serialization.jsonMapper();

    /** {@code /apis/<group>/<version>[/namespaces/<ns>]/<plural>[/<name>]}, nothing after. */
    private static final Pattern CUSTOM_RESOURCE =
            Pattern.compile("/apis/([^/]+)/([^/]+)(?:/namespaces/[^/]+)?/([^/]+)(?:/[^/]+)?");

    private final List<CustomResourceDefinition> crds;
    private final Clock clock;

    ServerTables(List<CustomResourceDefinition> crds, Clock clock) {
        this.crds = List.copyOf(crds);
        this.clock = clock;
    }

    /** Whether the request's Accept header asks for a Table, as {@code kubectl get} does. */
    public static boolean wanted(String accept) {
        return accept != null && accept.contains("as=Table");
    }

    /** The columns of the custom resource a request path (without query) names, if it names one. */
    public Optional<Columns> columnsFor(String path) {
        Matcher m = CUSTOM_RESOURCE.matcher(path);
        if (!m.matches()) {
            return Optional.empty();
        }
        for (CustomResourceDefinition crd : crds) {
            if (!crd.getSpec().getGroup().equals(m.group(1))
                    || !crd.getSpec().getNames().getPlural().equals(m.group(3))) {
                continue;
            }
            for (CustomResourceDefinitionVersion version : crd.getSpec().getVersions()) {
                if (version.getName().equals(m.group(2))) {
                    return Optional.of(new Columns(definitions(version)));
                }
            }
        }
        return Optional.empty();
    }

    private static List<CustomResourceColumnDefinition> definitions(
            CustomResourceDefinitionVersion version) {
        List<CustomResourceColumnDefinition> columns = new ArrayList<>();
        CustomResourceColumnDefinition name = new CustomResourceColumnDefinition();
        name.setName("Name");
        name.setType("string");
        name.setFormat("name");
        name.setDescription("The object's name, unique in its namespace.");
        name.setJsonPath(".metadata.name");
        name.setPriority(0);
        columns.add(name);
        List<CustomResourceColumnDefinition> declared = version.getAdditionalPrinterColumns();
        if (declared == null || declared.isEmpty()) {
            CustomResourceColumnDefinition created = new CustomResourceColumnDefinition();
            created.setName("Created At");
            created.setType("date");
            created.setDescription("When the object was created.");
            created.setJsonPath(".metadata.creationTimestamp");
            created.setPriority(0);
            columns.add(created);
        } else {
            columns.addAll(declared);
        }
        return columns;
    }

    /** One custom resource version's columns. */
    public final class Columns {
        private final List<CustomResourceColumnDefinition> definitions;
        private final List<ColumnPath> paths;

        private Columns(List<CustomResourceColumnDefinition> definitions) {
            this.definitions = definitions;
            this.paths = definitions.stream().map(d -> ColumnPath.parse(d.getJsonPath())).toList();
        }

        /**
         * A Table of the given list or single object.
         *
         * @param includeObject the request's {@code includeObject}: {@code None}, {@code Object},
         *     or (the default) {@code Metadata}
         * @param withDefinitions false for every watch event but the first, as a real server does
         */
        public ObjectNode table(
                JsonNode listOrObject, String includeObject, boolean withDefinitions) {
            ObjectNode table = JSON.createObjectNode();
            table.put("kind", "Table");
            table.put("apiVersion", "meta.k8s.io/v1");
            ObjectNode metadata = table.putObject("metadata");
            boolean isList = listOrObject.has("items");
            JsonNode listMeta = listOrObject.path("metadata");
            if (isList && listMeta.has("resourceVersion")) {
                metadata.set("resourceVersion", listMeta.get("resourceVersion"));
            }
            ArrayNode columns = table.putArray("columnDefinitions");
            if (withDefinitions) {
                for (CustomResourceColumnDefinition d : definitions) {
                    ObjectNode column = columns.addObject();
                    column.put("name", d.getName());
                    column.put("type", d.getType());
                    column.put("format", d.getFormat() == null ? "" : d.getFormat());
                    column.put("description", d.getDescription() == null ? "" : d.getDescription());
                    column.put("priority", d.getPriority() == null ? 0 : d.getPriority());
                }
            }
            ArrayNode rows = table.putArray("rows");
            if (isList) {
                listOrObject.get("items").forEach(item -> rows.add(row(item, includeObject)));
            } else {
                rows.add(row(listOrObject, includeObject));
            }
            return table;
        }

        private ObjectNode row(JsonNode object, String includeObject) {
            ObjectNode row = JSON.createObjectNode();
            ArrayNode cells = row.putArray("cells");
            for (int i = 0; i < definitions.size(); i++) {
                cells.add(cell(definitions.get(i).getType(), paths.get(i).values(object)));
            }
            if ("Object".equals(includeObject)) {
                row.set("object", object);
            } else if (!"None".equals(includeObject)) {
                ObjectNode partial = row.putObject("object");
                partial.put("kind", "PartialObjectMetadata");
                partial.put("apiVersion", "meta.k8s.io/v1");
                partial.set("metadata", object.path("metadata"));
            }
            return row;
        }

        private JsonNode cell(String type, List<JsonNode> values) {
            if (values.isEmpty() || values.get(0).isNull()) {
                return JSON.nullNode();
            }
            JsonNode value = values.get(0);
            if ("date".equals(type)) {
                try {
                    Instant at = Instant.parse(value.asText());
                    return JSON.getNodeFactory()
                            .textNode(Ages.of(Duration.between(at, clock.instant())));
                } catch (DateTimeParseException e) {
                    return JSON.getNodeFactory().textNode(value.asText());
                }
            }
            if (values.size() > 1 || value.isContainerNode()) {
                List<String> texts = new ArrayList<>();
                values.forEach(v -> texts.add(v.isValueNode() ? v.asText() : v.toString()));
                return JSON.getNodeFactory().textNode(String.join(",", texts));
            }
            return value;
        }
    }
}
