package io.eventpipeline.testsupport.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServerTablesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2026-12-05T12:00:00Z");

    private static final String CRD =
            """
            apiVersion: apiextensions.k8s.io/v1
            kind: CustomResourceDefinition
            metadata: {name: widgets.example.io}
            spec:
              group: example.io
              scope: Namespaced
              names: {plural: widgets, singular: widget, kind: Widget}
              versions:
                - name: v1
                  served: true
                  storage: true
                  schema: {openAPIV3Schema: {type: object}}
                  additionalPrinterColumns:
                    - {name: Age, type: date, jsonPath: .metadata.creationTimestamp}
                    - {name: Ready, type: string, jsonPath: '.status.conditions[?(@.type=="Ready")].status'}
                    - {name: Size, type: integer, jsonPath: .spec.size, priority: 1}
                - name: v2
                  served: true
                  storage: false
                  schema: {openAPIV3Schema: {type: object}}
            """;

    private static final String WIDGET =
            """
            {"apiVersion":"example.io/v1","kind":"Widget",
             "metadata":{"name":"w","namespace":"ns","creationTimestamp":"2026-12-05T11:54:50Z"},
             "spec":{"size":3},
             "status":{"conditions":[{"type":"Other","status":"False"},{"type":"Ready","status":"True"}]}}
            """;

    private final ServerTables tables =
            new ServerTables(
                    List.of(Serialization.unmarshal(CRD, CustomResourceDefinition.class)),
                    Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void aListBecomesRowsOfThePrinterColumnsAfterTheName() throws Exception {
        JsonNode list =
                JSON.readTree(
                        "{\"kind\":\"List\",\"metadata\":{\"resourceVersion\":\"42\"},\"items\":["
                                + WIDGET
                                + "]}");

        JsonNode table =
                tables.columnsFor("/apis/example.io/v1/namespaces/ns/widgets")
                        .orElseThrow()
                        .table(list, "Metadata", true);

        assertThat(table.path("kind").asText()).isEqualTo("Table");
        assertThat(table.path("metadata").path("resourceVersion").asText()).isEqualTo("42");
        assertThat(table.findValuesAsText("name")).contains("Name", "Age", "Ready", "Size");
        assertThat(table.path("columnDefinitions").get(3).path("priority").asInt()).isEqualTo(1);
        JsonNode row = table.path("rows").get(0);
        assertThat(row.path("cells").toString()).isEqualTo("[\"w\",\"5m10s\",\"True\",3]");
        assertThat(row.path("object").path("kind").asText()).isEqualTo("PartialObjectMetadata");
        assertThat(row.path("object").path("metadata").path("namespace").asText()).isEqualTo("ns");
    }

    @Test
    void oneObjectIsOneRowAndMissingValuesAreEmptyCells() throws Exception {
        JsonNode bare =
                JSON.readTree(
                        "{\"metadata\":{\"name\":\"b\",\"creationTimestamp\":\"2026-12-05T12:00:00Z\"}}");

        JsonNode table =
                tables.columnsFor("/apis/example.io/v1/namespaces/ns/widgets/b")
                        .orElseThrow()
                        .table(bare, "None", false);

        assertThat(table.path("columnDefinitions")).isEmpty();
        assertThat(table.path("rows").get(0).path("cells").toString())
                .isEqualTo("[\"b\",\"0s\",null,null]");
        assertThat(table.path("rows").get(0).has("object")).isFalse();
    }

    @Test
    void aVersionWithoutPrinterColumnsShowsNameAndCreation() throws Exception {
        JsonNode table =
                tables.columnsFor("/apis/example.io/v2/widgets")
                        .orElseThrow()
                        .table(JSON.readTree(WIDGET), "Object", true);

        assertThat(table.findValuesAsText("name")).contains("Name", "Created At");
        assertThat(table.path("rows").get(0).path("object").path("spec").path("size").asInt())
                .isEqualTo(3);
    }

    @Test
    void onlyCustomResourcesOfKnownCrdsGetColumns() {
        assertThat(tables.columnsFor("/api/v1/namespaces/ns/events")).isEmpty();
        assertThat(tables.columnsFor("/apis/example.io/v3/widgets")).isEmpty();
        assertThat(tables.columnsFor("/apis/example.io/v1/namespaces/ns/widgets/w/status"))
                .isEmpty();
        assertThat(ServerTables.wanted("application/json;as=Table;v=v1;g=meta.k8s.io")).isTrue();
        assertThat(ServerTables.wanted("application/json")).isFalse();
    }

    @Test
    void columnPathsReadFieldsIndicesWildcardsAndFilters() throws Exception {
        JsonNode widget = JSON.readTree(WIDGET);

        assertThat(ColumnPath.parse(".status.conditions[1].type").values(widget))
                .extracting(JsonNode::asText)
                .containsExactly("Ready");
        assertThat(ColumnPath.parse(".status.conditions[*].status").values(widget))
                .extracting(JsonNode::asText)
                .containsExactly("False", "True");
        assertThat(ColumnPath.parse(".status.conditions[?(@.type!=\"Ready\")].type").values(widget))
                .extracting(JsonNode::asText)
                .containsExactly("Other");
        assertThat(ColumnPath.parse(".spec.missing.deeper").values(widget)).isEmpty();
        assertThatThrownBy(() -> ColumnPath.parse(".a[1:2]"))
                .hasMessageContaining("unsupported [1:2]");
    }

    @Test
    void agesUseTwoUnitsWhileThatReadsBetter() {
        assertThat(Ages.of(Duration.ofSeconds(-5))).isEqualTo("<invalid>");
        assertThat(Ages.of(Duration.ofMillis(-500))).isEqualTo("0s");
        assertThat(Ages.of(Duration.ofSeconds(119))).isEqualTo("119s");
        assertThat(Ages.of(Duration.ofSeconds(310))).isEqualTo("5m10s");
        assertThat(Ages.of(Duration.ofMinutes(5))).isEqualTo("5m");
        assertThat(Ages.of(Duration.ofMinutes(179))).isEqualTo("179m");
        assertThat(Ages.of(Duration.ofMinutes(200))).isEqualTo("3h20m");
        assertThat(Ages.of(Duration.ofHours(47))).isEqualTo("47h");
        assertThat(Ages.of(Duration.ofHours(52))).isEqualTo("2d4h");
        assertThat(Ages.of(Duration.ofDays(400))).isEqualTo("400d");
        assertThat(Ages.of(Duration.ofDays(800))).isEqualTo("2y70d");
        assertThat(Ages.of(Duration.ofDays(365 * 9))).isEqualTo("9y");
    }
}
