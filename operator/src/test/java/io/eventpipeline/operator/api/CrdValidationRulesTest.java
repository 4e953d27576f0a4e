package io.eventpipeline.operator.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cel.common.CelOptions;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The CRD's x-kubernetes-validations rules, evaluated with CEL (the language the API server runs
 * them in) against objects they must accept and reject: what a user gets at {@code kubectl apply},
 * before the operator sees anything.
 */
class CrdValidationRulesTest {
    static final CelOptions OPTIONS = CelOptions.current().build();
    static final CelCompiler COMPILER =
            CelCompilerFactory.standardCelCompilerBuilder()
                    .setOptions(OPTIONS)
                    .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
                    .addVar("self", MapType.create(SimpleType.STRING, SimpleType.DYN))
                    .build();
    static final CelRuntime RUNTIME =
            CelRuntimeFactory.standardCelRuntimeBuilder().setOptions(OPTIONS).build();
    static final ObjectMapper JSON = new ObjectMapper();

    record Rule(String path, String expression, String message) {}

    static List<Rule> rules() throws Exception {
        List<Rule> rules = new ArrayList<>();
        collect("spec", CrdTest.schema().path("properties").path("spec"), rules);
        return rules;
    }

    static void collect(String path, JsonNode node, List<Rule> rules) {
        for (JsonNode rule : node.path("x-kubernetes-validations")) {
            rules.add(new Rule(path, rule.path("rule").asText(), rule.path("message").asText()));
        }
        Iterator<Map.Entry<String, JsonNode>> fields = node.path("properties").fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            collect(path + "." + field.getKey(), field.getValue(), rules);
        }
        if (node.has("items")) {
            collect(path + "[]", node.path("items"), rules);
        }
    }

    static boolean holds(String path, String json) throws Exception {
        Map<?, ?> self = JSON.readValue(json, Map.class);
        boolean all = true;
        for (Rule rule : rules()) {
            if (rule.path().equals(path)) {
                var program = RUNTIME.createProgram(COMPILER.compile(rule.expression()).getAst());
                all &= (Boolean) program.eval(Map.of("self", toLongs(self)));
            }
        }
        return all;
    }

    /** JSON integers as CEL ints (int64), as the API server sees them. */
    @SuppressWarnings("unchecked")
    static Object toLongs(Object value) {
        if (value instanceof Integer i) {
            return i.longValue();
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> converted = new java.util.LinkedHashMap<>();
            map.forEach((k, v) -> converted.put((String) k, toLongs(v)));
            return converted;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(CrdValidationRulesTest::toLongs).toList();
        }
        return value;
    }

    @Test
    void everyRuleCompilesAndHasAMessage() throws Exception {
        List<Rule> rules = rules();
        assertThat(rules)
                .extracting(Rule::path)
                .contains(
                        "spec.patterns[]",
                        "spec.patterns[].steps[]",
                        "spec.patterns[].steps[].times",
                        "spec.input",
                        "spec.output");
        for (Rule rule : rules) {
            assertThat(COMPILER.compile(rule.expression()).getAst().getResultType())
                    .as(rule.expression())
                    .isEqualTo(SimpleType.BOOL);
            assertThat(rule.message()).isNotBlank();
        }
    }

    @Test
    void timesMaxMustNotBeBelowMin() throws Exception {
        String at = "spec.patterns[].steps[].times";
        assertThat(holds(at, "{\"min\": 1, \"max\": 3}")).isTrue();
        assertThat(holds(at, "{\"min\": 2}")).isTrue();
        assertThat(holds(at, "{\"min\": 3, \"max\": 1}")).isFalse();
    }

    @Test
    void afterMatchStepGoesWithSkipToFirstOrLastOnly() throws Exception {
        String at = "spec.patterns[]";
        assertThat(holds(at, "{\"name\": \"p\"}")).isTrue();
        assertThat(holds(at, "{\"afterMatch\": \"skipToFirst\", \"afterMatchStep\": \"a\"}"))
                .isTrue();
        assertThat(holds(at, "{\"afterMatch\": \"skipToLast\"}")).isFalse();
        assertThat(holds(at, "{\"afterMatch\": \"noSkip\", \"afterMatchStep\": \"a\"}")).isFalse();
        assertThat(holds(at, "{\"afterMatchStep\": \"a\"}")).isFalse();
    }

    @Test
    void timesAndOneOrMoreExcludeEachOther() throws Exception {
        String at = "spec.patterns[].steps[]";
        assertThat(holds(at, "{\"times\": {\"min\": 1}, \"oneOrMore\": false}")).isTrue();
        assertThat(holds(at, "{\"oneOrMore\": true}")).isTrue();
        assertThat(holds(at, "{\"times\": {\"min\": 1}, \"oneOrMore\": true}")).isFalse();
    }

    @Test
    void topicsThatMustExistTakeNoCreationSettings() throws Exception {
        for (String at : List.of("spec.input", "spec.output", "spec.deadLetter")) {
            assertThat(holds(at, "{\"topic\": \"t\", \"partitions\": 3}")).isTrue();
            assertThat(holds(at, "{\"topic\": \"t\", \"create\": false}")).isTrue();
            assertThat(holds(at, "{\"topic\": \"t\", \"create\": true, \"partitions\": 3}"))
                    .isTrue();
            assertThat(holds(at, "{\"topic\": \"t\", \"create\": false, \"partitions\": 3}"))
                    .isFalse();
            assertThat(holds(at, "{\"topic\": \"t\", \"create\": false, \"config\": {}}"))
                    .isFalse();
        }
    }

    @Test
    void kafkaCredentialsAreGivenOneWay() throws Exception {
        String at = "spec.kafka";
        assertThat(holds(at, "{\"authSecretRef\": {\"name\": \"s\"}}")).isTrue();
        assertThat(holds(at, "{\"tls\": {}, \"sasl\": {}}")).isTrue();
        assertThat(holds(at, "{\"strimzi\": {\"cluster\": \"c\"}}")).isTrue();
        assertThat(holds(at, "{\"authSecretRef\": {\"name\": \"s\"}, \"tls\": {}}")).isFalse();
        assertThat(holds(at, "{\"authSecretRef\": {\"name\": \"s\"}, \"strimzi\": {}}")).isFalse();
        assertThat(holds(at, "{\"strimzi\": {\"cluster\": \"c\"}, \"sasl\": {}}")).isFalse();
    }

    @Test
    void storesHaveAPasswordExactlyWhenTheyAreFiles() throws Exception {
        for (String at : List.of("spec.kafka.tls.truststore", "spec.kafka.tls.keystore")) {
            assertThat(holds(at, "{\"type\": \"PEM\"}")).isTrue();
            assertThat(holds(at, "{\"type\": \"PKCS12\", \"passwordKey\": \"p\"}")).isTrue();
            assertThat(holds(at, "{\"type\": \"PEM\", \"passwordKey\": \"p\"}")).isFalse();
            assertThat(holds(at, "{\"type\": \"JKS\"}")).isFalse();
        }
        assertThat(holds("spec.kafka.tls", "{\"keystore\": {\"type\": \"PKCS12\"}}")).isTrue();
        assertThat(holds("spec.kafka.tls", "{\"keystore\": {\"type\": \"PEM\"}}")).isFalse();
        assertThat(holds("spec.kafka.strimzi", "{\"cluster\": \"c\", \"user\": \"u\"}")).isFalse();
    }

    @Test
    void strimziTopicsNameTheirClusterAndOnlyThey() throws Exception {
        String at = "spec.kafka.topics";
        assertThat(holds(at, "{\"management\": \"admin\"}")).isTrue();
        assertThat(holds(at, "{\"management\": \"strimzi\", \"strimziCluster\": \"c\"}")).isTrue();
        assertThat(holds(at, "{\"management\": \"admin\", \"strimziCluster\": \"c\"}")).isFalse();
        // The cluster: named here, or once for credentials and topics in spec.kafka.strimzi.
        assertThat(holds("spec.kafka", "{\"topics\": {\"management\": \"strimzi\"}}")).isFalse();
        assertThat(
                        holds(
                                "spec.kafka",
                                "{\"topics\": {\"management\": \"strimzi\"},"
                                        + " \"strimzi\": {\"cluster\": \"c\"}}"))
                .isTrue();
        assertThat(
                        holds(
                                "spec.kafka",
                                "{\"topics\": {\"management\": \"strimzi\","
                                        + " \"strimziCluster\": \"c\"}}"))
                .isTrue();
    }

    @Test
    void listsAreBoundedSoTheRulesStayWithinTheApiServersCostBudget() throws Exception {
        JsonNode spec = CrdTest.schema().path("properties").path("spec");
        JsonNode patterns = spec.path("properties").path("patterns");
        assertThat(patterns.path("maxItems").asInt()).isEqualTo(32);
        assertThat(patterns.path("minItems").asInt()).isEqualTo(1);
        assertThat(patterns.path("items").path("properties").path("steps").path("maxItems").asInt())
                .isEqualTo(32);
        assertThat(
                        patterns.path("items")
                                .path("properties")
                                .path("within")
                                .path("pattern")
                                .asText())
                .isEqualTo(io.eventpipeline.spec.Durations.SYNTAX);
    }
}
