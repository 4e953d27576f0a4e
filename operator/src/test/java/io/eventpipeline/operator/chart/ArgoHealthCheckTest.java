package io.eventpipeline.operator.chart;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.nio.file.Files;
import java.util.Iterator;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.lib.jse.JsePlatform;

/**
 * The Argo CD health check documented in the chart's README, run as Argo CD runs it: a Lua chunk
 * with the resource as the global {@code obj}, returning {status, message}.
 */
class ArgoHealthCheckTest {
    static final YAMLMapper YAML = new YAMLMapper();

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
                    no status yet                 | Progressing | Waiting for the operator
                    generation not yet observed   | Progressing | observe generation 3
                    running and ready             | Healthy     | running
                    invalid spec                  | Degraded    | spec.patterns[0].within
                    job failed                    | Degraded    | job FAILED
                    suspended                     | Suspended   | suspended
                    kafka unreachable             | Degraded    | Kafka at kafka:9092 is unreachable
                    deploying                     | Progressing | waiting for the job
                    upgrade in flight             | Progressing | rolling out the latest spec
                    upgrade rolled back           | Degraded    | rolled back
                    """)
    void healthFollowsTheStatus(String situation, String health, String messagePart)
            throws Exception {
        LuaValue result = run(pipeline(situation));
        assertThat(result.get("status").tojstring()).isEqualTo(health);
        assertThat(result.get("message").tojstring()).contains(messagePart);
    }

    static JsonNode pipeline(String situation) throws Exception {
        String metadata = "metadata: {name: orders, namespace: shop, generation: 3}\n";
        String status =
                switch (situation) {
                    case "no status yet" -> "";
                    case "generation not yet observed" ->
                            "status: {observedGeneration: 2, phase: Running, conditions: ["
                                    + ready("True", "the pipeline is running")
                                    + "]}";
                    case "running and ready" ->
                            "status: {observedGeneration: 3, phase: Running, conditions: ["
                                    + condition("SpecValid", "True", "")
                                    + ", "
                                    + ready("True", "the pipeline is running")
                                    + "]}";
                    case "invalid spec" ->
                            "status: {observedGeneration: 3, phase: Failed, conditions: ["
                                    + condition(
                                            "SpecValid",
                                            "False",
                                            "spec.patterns[0].within: not a duration")
                                    + ", "
                                    + ready("False", "the spec is invalid")
                                    + "]}";
                    case "job failed" ->
                            "status: {observedGeneration: 3, phase: Failed, conditions: ["
                                    + condition("SpecValid", "True", "")
                                    + ", "
                                    + ready("False", "job FAILED: deserialization error")
                                    + "]}";
                    case "suspended" ->
                            "status: {observedGeneration: 3, phase: Suspended, conditions: ["
                                    + ready("False", "the job is suspended")
                                    + "]}";
                    case "kafka unreachable" ->
                            "status: {observedGeneration: 3, phase: Degraded, conditions: ["
                                    + condition(
                                            "TopicsReady",
                                            "False",
                                            "Kafka at kafka:9092 is unreachable")
                                    + ", "
                                    + ready("False", "topics are not ready")
                                    + "]}";
                    case "deploying" ->
                            "status: {observedGeneration: 3, phase: Deploying, conditions: ["
                                    + ready("False", "waiting for the job to run")
                                    + "]}";
                    case "upgrade in flight" ->
                            "status: {observedGeneration: 3, phase: Deploying, conditions: ["
                                    + ready(
                                            "False",
                                            "the Flink operator is rolling out the latest spec")
                                    + ", "
                                    + condition(
                                            "Reconciling",
                                            "True",
                                            "the Flink operator is rolling out the latest spec")
                                    + "]}";
                    case "upgrade rolled back" ->
                            "status: {observedGeneration: 3, phase: Degraded, conditions: ["
                                    + condition("TopicsReady", "True", "")
                                    + ", "
                                    + ready("False", "the upgrade failed")
                                    + ", "
                                    + condition(
                                            "Stalled",
                                            "True",
                                            "the upgrade failed and the Flink operator rolled back")
                                    + "]}";
                    default -> throw new IllegalArgumentException(situation);
                };
        return YAML.readTree(
                "apiVersion: eventpipeline.io/v1alpha1\nkind: EventPipeline\n" + metadata + status);
    }

    static String ready(String status, String message) {
        return condition("Ready", status, message);
    }

    static String condition(String type, String status, String message) {
        return "{type: " + type + ", status: \"" + status + "\", message: \"" + message + "\"}";
    }

    /** Runs the README's Lua block with {@code obj} bound to the resource. */
    static LuaValue run(JsonNode resource) throws Exception {
        Globals globals = JsePlatform.standardGlobals();
        globals.set("obj", toLua(resource));
        return globals.load(healthCheckScript(), "health.lua").call();
    }

    /** The one ```lua block of the chart's README. */
    static String healthCheckScript() throws Exception {
        String readme = Files.readString(HelmChart.DIR.resolve("README.md"));
        int start = readme.indexOf("```lua\n");
        assertThat(start).as("a ```lua block in the chart README").isNotNegative();
        assertThat(readme.indexOf("```lua\n", start + 1)).as("only one ```lua block").isNegative();
        int from = start + "```lua\n".length();
        return readme.substring(from, readme.indexOf("```", from));
    }

    /** JSON as Argo CD hands it to Lua: objects and arrays become tables (arrays from 1). */
    static LuaValue toLua(JsonNode node) {
        if (node.isObject()) {
            LuaTable table = new LuaTable();
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                table.set(field.getKey(), toLua(field.getValue()));
            }
            return table;
        }
        if (node.isArray()) {
            LuaTable table = new LuaTable();
            for (int i = 0; i < node.size(); i++) {
                table.set(i + 1, toLua(node.get(i)));
            }
            return table;
        }
        if (node.isIntegralNumber()) {
            return LuaValue.valueOf(node.asLong());
        }
        if (node.isNumber()) {
            return LuaValue.valueOf(node.asDouble());
        }
        if (node.isBoolean()) {
            return LuaValue.valueOf(node.asBoolean());
        }
        if (node.isNull()) {
            return LuaValue.NIL;
        }
        return LuaValue.valueOf(node.asText());
    }
}
