package io.eventpipeline.operator.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The generated CRD: committed copy up to date, and as helpful as kubectl can make it. */
class CrdTest {
    static final String FILE = "eventpipelines.eventpipeline.io-v1.yml";
    static final Path GENERATED = Path.of("target/classes/META-INF/fabric8").resolve(FILE);
    static final Path COMMITTED = Path.of("../crds").resolve(FILE);

    static JsonNode crd() throws Exception {
        return new YAMLMapper().readTree(GENERATED.toFile());
    }

    static JsonNode schema() throws Exception {
        return crd().path("spec").path("versions").get(0).path("schema").path("openAPIV3Schema");
    }

    @Test
    void committedCrdIsWhatTheBuildGenerates() throws Exception {
        assertThat(COMMITTED)
                .as("crds/ is stale: run ./mvnw -Pupdate-crds -pl operator -am process-classes")
                .exists();
        assertThat(Files.readString(COMMITTED))
                .as("crds/ is stale: run ./mvnw -Pupdate-crds -pl operator -am process-classes")
                .isEqualTo(Files.readString(GENERATED));
    }

    @Test
    void namesVersionAndStatusSubresource() throws Exception {
        JsonNode spec = crd().path("spec");
        assertThat(spec.path("group").asText()).isEqualTo("eventpipeline.io");
        assertThat(spec.path("scope").asText()).isEqualTo("Namespaced");
        assertThat(spec.path("names").path("shortNames").toString())
                .isEqualTo("[\"evp\",\"evpipe\"]");
        JsonNode version = spec.path("versions").get(0);
        assertThat(version.path("name").asText()).isEqualTo("v1alpha1");
        assertThat(version.path("subresources").has("status")).isTrue();
        List<String> columns = new ArrayList<>();
        version.path("additionalPrinterColumns").forEach(c -> columns.add(c.path("name").asText()));
        // The generator orders columns by name; kubectl shows them in that order.
        assertThat(columns)
                .containsExactlyInAnyOrder(
                        "Phase", "Ready", "Input", "Output", "Age", "Mode", "Session");
        // The job's mode and session cluster only with -o wide.
        version.path("additionalPrinterColumns")
                .forEach(
                        c ->
                                assertThat(c.path("priority").asInt())
                                        .as(c.path("name").asText())
                                        .isEqualTo(
                                                List.of("Mode", "Session")
                                                                .contains(c.path("name").asText())
                                                        ? 1
                                                        : 0));
    }

    @Test
    void everyFieldHasADescription() throws Exception {
        List<String> undescribed = new ArrayList<>();
        walk("", schema().path("properties").path("spec"), undescribed);
        walk("", schema().path("properties").path("status"), undescribed);
        assertThat(undescribed).isEmpty();
    }

    @Test
    void structuralRulesAreInTheSchema() throws Exception {
        JsonNode spec = schema().path("properties").path("spec");
        assertThat(spec.path("required").toString()).contains("input", "patterns", "output");
        JsonNode input = spec.path("properties").path("input");
        assertThat(input.path("properties").path("partitions").path("minimum").asInt())
                .isEqualTo(1);
        // The validator's bounds, so that the API server refuses the same values.
        assertThat(input.path("properties").path("partitions").path("maximum").asInt())
                .isEqualTo(10_000);
        assertThat(input.path("properties").path("replicationFactor").path("maximum").asInt())
                .isEqualTo(32_767);
        JsonNode flink = spec.path("properties").path("flink").path("properties");
        assertThat(flink.path("parallelism").path("maximum").asInt()).isEqualTo(32_768);
        JsonNode cpu =
                flink.path("taskManager")
                        .path("properties")
                        .path("resources")
                        .path("properties")
                        .path("cpu");
        assertThat(cpu.path("minimum").asDouble()).isEqualTo(0.001);
        assertThat(cpu.path("maximum").asDouble()).isEqualTo(512);
        assertThat(input.path("required").toString()).contains("topic", "key");
        assertThat(spec.path("properties").path("delivery").path("enum").toString())
                .contains("at-least-once", "exactly-once");
        JsonNode step =
                spec.path("properties")
                        .path("patterns")
                        .path("items")
                        .path("properties")
                        .path("steps")
                        .path("items");
        assertThat(
                        step.path("properties")
                                .path("times")
                                .path("properties")
                                .path("max")
                                .path("maximum")
                                .asInt())
                .isEqualTo(1_000);
        assertThat(step.path("properties").path("after").path("enum").toString())
                .contains("next", "followedBy", "followedByAny", "notNext", "notFollowedBy");
    }

    private static void walk(String path, JsonNode node, List<String> undescribed) {
        JsonNode properties = node.path("properties");
        Iterator<Map.Entry<String, JsonNode>> fields = properties.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String at = path + "." + field.getKey();
            JsonNode value = field.getValue();
            if (!value.hasNonNull("description") || value.path("description").asText().isBlank()) {
                undescribed.add(at);
            }
            walk(at, value, undescribed);
            if (value.has("items")) {
                walk(at + "[]", value.path("items"), undescribed);
            }
        }
    }
}
