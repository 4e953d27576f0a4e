package io.eventpipeline.spec.cel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.eventpipeline.spec.model.PatternSpec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CompiledConditionTest {
    private static final PatternSpec FLIGHTS =
            Yaml.pattern(
                    """
                    name: flights
                    steps:
                      - {name: delay, where: "event.type == 'DELAY'"}
                      - {name: gate, where: "event.type == 'GATE'", times: {min: 1, max: 3}}
                      - {name: cancel, after: notFollowedBy, where: "event.type == 'CANCEL'"}
                      - {name: missed, where: "event.type == 'MISSED'"}
                    within: 2h
                    """);

    private static final Map<String, List<Map<String, Object>>> NO_STEPS = Map.of();

    private static CompiledCondition condition(String expression, int step) throws Exception {
        return ExpressionCompiler.compileCondition(
                expression, ExpressionScope.forCondition(FLIGHTS, step));
    }

    private static Map<String, Object> event(String json) throws Exception {
        return EventJson.parse(json);
    }

    @Test
    void evaluatesASimpleCondition() throws Exception {
        CompiledCondition delay = condition("event.type == 'DELAY' && event.minutes >= 30", 0);
        assertThat(delay.test(event("{\"type\":\"DELAY\",\"minutes\":45}"), NO_STEPS)).isTrue();
        assertThat(delay.test(event("{\"type\":\"DELAY\",\"minutes\":10}"), NO_STEPS)).isFalse();
    }

    @Test
    void refersToEarlierStepsEvents() throws Exception {
        CompiledCondition gate = condition("event.gate != delay[0].gate", 1);
        Map<String, List<Map<String, Object>>> steps =
                Map.of("delay", List.of(event("{\"gate\":\"A1\"}")));
        assertThat(gate.test(event("{\"gate\":\"B7\"}"), steps)).isTrue();
        assertThat(gate.test(event("{\"gate\":\"A1\"}"), steps)).isFalse();
    }

    @Test
    void aRepeatingStepSeesItsOwnEventsSoFar() throws Exception {
        CompiledCondition gate = condition("size(gate) < 2 && event.gate != delay[0].gate", 1);
        Map<String, List<Map<String, Object>>> steps =
                Map.of(
                        "delay", List.of(event("{\"gate\":\"A1\"}")),
                        "gate", List.of(event("{\"gate\":\"B1\"}"), event("{\"gate\":\"B2\"}")));
        assertThat(gate.test(event("{\"gate\":\"B3\"}"), steps)).isFalse();
        assertThat(gate.test(event("{\"gate\":\"B3\"}"), Map.of("delay", steps.get("delay"))))
                .isTrue();
    }

    @Test
    void stepsThatTookNoEventAreEmptyLists() throws Exception {
        assertThat(condition("size(delay) == 0", 1).test(event("{}"), NO_STEPS)).isTrue();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = ';',
            value = {
                "event.minutes >= 30; false",
                "!(event.minutes >= 30); false",
                "event.flight.gate == 'A1'; false",
                "delay[0].gate == 'A1'; false",
                "event.minutes >= 30 || true; true",
                "has(event.minutes); false",
                "!has(event.minutes); true",
                "event.?minutes.orValue(0) < 30; true"
            })
    void aMissingFieldMakesTheConditionFalse(String expression, boolean expected) throws Exception {
        assertThat(condition(expression, 1).test(event("{\"flight\":{}}"), NO_STEPS))
                .isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "event.minutes >= 30.5  | true",
                "event.minutes == 45.0  | true",
                "event.ratio > 1        | true",
                "event.ratio < 2        | true",
                "event.minutes > event.ratio | true",
                "event.big > 1          | true",
                "event.minutes + 1 == 46 | true"
            })
    void comparesIntsAndDoubles(String expression, boolean expected) throws Exception {
        Map<String, Object> event =
                event("{\"minutes\":45,\"ratio\":1.5,\"big\":123456789012345678901234567890}");
        assertThat(condition(expression, 0).test(event, NO_STEPS)).isEqualTo(expected);
    }

    @Test
    void macrosWork() throws Exception {
        Map<String, Object> event =
                event(
                        "{\"tags\":[\"vip\",\"late\"],\"legs\":[{\"from\":\"FRA\"},{\"from\":\"JFK\"}]}");
        assertThat(condition("event.tags.exists(t, t == 'vip')", 0).test(event, NO_STEPS)).isTrue();
        assertThat(condition("event.legs.all(l, has(l.from))", 0).test(event, NO_STEPS)).isTrue();
        assertThat(condition("event.legs.exists_one(l, l.from == 'JFK')", 0).test(event, NO_STEPS))
                .isTrue();
        assertThat(
                        condition("event.tags.map(t, t.upperAscii())[0] == 'VIP'", 0)
                                .test(event, NO_STEPS))
                .isTrue();
        assertThat(condition("event.none == null", 0).test(event("{\"none\":null}"), NO_STEPS))
                .isTrue();
    }

    @Test
    void otherEvaluationErrorsAreReportedForTheDeadLetterTopic() throws Exception {
        CompiledCondition typed = condition("event.minutes > 30", 0);
        assertThatThrownBy(() -> typed.test(event("{\"minutes\":\"late\"}"), NO_STEPS))
                .isInstanceOf(ExpressionEvaluationException.class)
                .hasMessageContaining("event.minutes > 30")
                .hasMessageContaining("No matching overload");
        CompiledCondition division = condition("10 / event.n > 1", 0);
        assertThatThrownBy(() -> division.test(event("{\"n\":0}"), NO_STEPS))
                .isInstanceOf(ExpressionEvaluationException.class)
                .hasMessageContaining("by zero");
    }

    @Test
    void aDynamicNonBoolResultIsAnEvaluationError() throws Exception {
        CompiledCondition flag = condition("event.flag", 0);
        assertThat(flag.test(event("{\"flag\":true}"), NO_STEPS)).isTrue();
        assertThatThrownBy(() -> flag.test(event("{\"flag\":\"yes\"}"), NO_STEPS))
                .isInstanceOf(ExpressionEvaluationException.class)
                .hasMessageContaining("expected true or false, got String");
    }

    @Test
    void exceedingTheIterationBudgetFailsInsteadOfHanging() throws Exception {
        CompiledCondition heavy =
                condition("event.xs.all(a, event.xs.all(b, event.xs.all(c, a + b + c >= 0)))", 0);
        String xs = "[" + "1,".repeat(99) + "1]";
        Map<String, Object> event = event("{\"xs\":" + xs + "}");
        assertTimeoutPreemptively(
                Duration.ofSeconds(10),
                () ->
                        assertThatThrownBy(() -> heavy.test(event, NO_STEPS))
                                .isInstanceOf(ExpressionEvaluationException.class)
                                .hasMessageContaining("Iteration budget exceeded"));
    }

    @Test
    void survivesJavaSerialization() throws Exception {
        CompiledCondition gate = condition("event.gate != delay[0].gate", 1);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(gate);
        }
        CompiledCondition copy;
        try (ObjectInputStream in =
                new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            copy = (CompiledCondition) in.readObject();
        }
        assertThat(copy.expression()).isEqualTo(gate.expression());
        assertThat(
                        copy.test(
                                event("{\"gate\":\"B\"}"),
                                Map.of("delay", List.of(event("{\"gate\":\"A\"}")))))
                .isTrue();
    }

    /** What a condition says about an event: true, false, or the error. */
    private static String outcome(CompiledCondition condition, Map<String, Object> event) {
        try {
            return String.valueOf(condition.test(event, NO_STEPS));
        } catch (ExpressionEvaluationException e) {
            return "error";
        }
    }

    @Test
    void theFieldEqualsShortcutAlwaysAgreesWithCel() throws Exception {
        // Compared with true, the condition is hidden from the shortcut: that is CEL's answer.
        List<String> conditions =
                List.of(
                        "event.type == 'a'",
                        "'a' == event.type",
                        "event.type == 'a' && event.v > 2",
                        "event.v > 2 && event.type == 'a'",
                        "event.type == 'a' && event.type == 'b'",
                        "event.w == 1 && (event.type == 'a' && event.v > 2)",
                        "event.type == 'a' && event.flag",
                        "event.flag && event.type == 'a'",
                        "event.v > 2 && event.flag && event.type == 'a'");
        List<String> events =
                List.of(
                        "{\"type\":\"a\",\"v\":3}",
                        "{\"type\":\"b\",\"flag\":\"x\"}",
                        "{\"type\":\"a\",\"flag\":true}",
                        "{\"type\":\"a\",\"v\":1}",
                        "{\"type\":\"b\",\"v\":3}",
                        "{\"type\":\"a\",\"v\":\"x\"}",
                        "{\"type\":\"b\",\"v\":\"x\"}",
                        "{\"v\":\"x\"}",
                        "{\"v\":3}",
                        "{\"type\":1,\"v\":3}",
                        "{\"type\":null,\"v\":3}",
                        "{\"type\":[\"a\"]}",
                        "{\"type\":\"a\",\"v\":3,\"w\":\"s\"}",
                        "{}");
        for (String expression : conditions) {
            // A leaf that is not a bool by type ("x" && false is CEL's error) hides the shortcut.
            assertThat(guard(expression).isPresent())
                    .as(expression)
                    .isEqualTo(!expression.contains("event.flag"));
            assertThat(guard("(" + expression + ") == true")).isEmpty();
        }
        assertThat(guard("has(event.type) && event.type == 'a'"))
                .contains(new FieldEqualsGuard("type", "a", false));
        assertThat(guard("event.type == 'a' || event.v > 2")).isEmpty();
        for (String expression : conditions) {
            CompiledCondition guarded = condition(expression, 0);
            CompiledCondition plain = condition("(" + expression + ") == true", 0);
            for (String json : events) {
                Map<String, Object> event = event(json);
                assertThat(outcome(guarded, event))
                        .as("%s on %s", expression, json)
                        .isEqualTo(outcome(plain, event));
            }
        }
    }

    @Test
    void eventFieldsAreTheTopLevelFieldsTheConditionReads() throws Exception {
        Map<String, Set<String>> reads = new LinkedHashMap<>();
        reads.put("event.type == 'GATE' && event.gate != delay[0].gate", Set.of("type", "gate"));
        reads.put("has(event.gate) && event.a.b > 1", Set.of("gate", "a"));
        reads.put(
                "event['odd-name'] == 1 || event.?opt.orValue(0) == 2", Set.of("odd-name", "opt"));
        reads.put("event.items.exists(i, i.sku == 'x' && i.n > event.min)", Set.of("items", "min"));
        reads.put("delay.exists(d, d.gate == event.gate)", Set.of("gate"));
        reads.put("'x' in event.tags.map(t, t.lowerAscii())", Set.of("tags"));
        reads.put("{'k': event.v}.k == 1", Set.of("v"));
        reads.put("true", Set.of());
        for (Map.Entry<String, Set<String>> read : reads.entrySet()) {
            assertThat(condition(read.getKey(), 1).eventFields())
                    .as(read.getKey())
                    .contains(read.getValue());
        }
        for (String whole :
                List.of(
                        "size(event) > 2",
                        "'gate' in event",
                        "event[event.key] == 1",
                        "[event][0].type == 'x'",
                        "event == {'type': 'x'}",
                        "[1].exists(event, event > 0)")) {
            assertThat(condition(whole, 1).eventFields()).as(whole).isEmpty();
        }
    }

    @Test
    void anEventWithOnlyTheFieldsReadGivesTheSameOutcome() throws Exception {
        List<String> conditions =
                List.of(
                        "event.type == 'GATE' && event.gate != 'A1'",
                        "has(event.gate) || event.v > 2",
                        "event.v + 1 > 2",
                        "event.items.exists(i, i.sku == 'x')",
                        "event.?opt.orValue(0) == 2");
        List<String> events =
                List.of(
                        "{\"type\":\"GATE\",\"gate\":\"B2\",\"other\":[1,{\"x\":2}]}",
                        "{\"type\":\"GATE\",\"v\":\"text\",\"other\":null}",
                        "{\"v\":3,\"items\":[{\"sku\":\"x\"}],\"opt\":2,\"z\":1.5}",
                        "{\"items\":\"not a list\",\"opt\":\"two\"}",
                        "{\"other\":true}");
        for (String expression : conditions) {
            CompiledCondition condition = condition(expression, 0);
            Set<String> fields = condition.eventFields().orElseThrow();
            for (String json : events) {
                Map<String, Object> only =
                        EventJson.parseFields(json.getBytes(StandardCharsets.UTF_8), fields);
                assertThat(only.keySet()).isSubsetOf(fields);
                assertThat(outcome(condition, only))
                        .as("%s on %s", expression, json)
                        .isEqualTo(outcome(condition, event(json)));
            }
        }
    }

    private static java.util.Optional<FieldEqualsGuard> guard(String expression) throws Exception {
        return FieldEqualsGuard.of(
                CelEnvironment.compile(
                        expression,
                        ExpressionScope.forCondition(FLIGHTS, 0),
                        true,
                        dev.cel.common.types.SimpleType.BOOL));
    }
}
