package io.eventpipeline.spec.cel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StepFieldPathTest {
    private static final ExpressionScope SCOPE =
            new ExpressionScope(List.of("delay", "gate", "extra"), Map.of());

    // Every kind of JSON value in "v", "n.v" nested, and fields that are absent.
    private static final List<String> EVENTS =
            List.of(
                    "{\"v\":\"A1\",\"n\":{\"v\":\"deep\"}}",
                    "{\"v\":42,\"n\":{\"v\":7}}",
                    "{\"v\":-3.5,\"n\":{\"v\":0.25}}",
                    "{\"v\":true,\"n\":{\"v\":false}}",
                    "{\"v\":null,\"n\":null}",
                    "{\"v\":{\"x\":1},\"n\":{\"v\":[1,2]}}",
                    "{\"v\":[\"a\",1],\"n\":\"not a map\"}",
                    "{\"v\":18446744073709551615,\"n\":{\"v\":1e400}}",
                    "{\"w\":1}",
                    "{}");

    private static Optional<StepFieldPath> path(String expression) throws Exception {
        return StepFieldPath.of(
                CelEnvironment.compile(expression, SCOPE, false, null), Set.copyOf(SCOPE.steps()));
    }

    @Test
    void recognisesAFieldOfOneEventOfAStep() throws Exception {
        assertThat(path("delay[0].v")).contains(new StepFieldPath("delay", 0, List.of("v")));
        assertThat(path("gate[2].n.v")).contains(new StepFieldPath("gate", 2, List.of("n", "v")));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "delay[0]",
                "size(gate)",
                "delay[0].v + 'x'",
                "has(delay[0].v)",
                "gate.map(g, g.v)",
                "delay[-1].v",
                "gate[0].v == 'x'",
                "delay[1 - 1].v",
                "[delay[0]][0].v",
                "{'v': 1}.v"
            })
    void leavesEveryOtherShapeToCel(String expression) throws Exception {
        assertThat(path(expression)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"delay[0].v", "delay[1].v", "delay[0].n.v", "extra[0].v"})
    void givesCelsValueForEveryKindOfEvent(String expression) throws Exception {
        CompiledValue value = ExpressionCompiler.compileValue(expression, SCOPE);
        StepFieldPath path = path(expression).orElseThrow();
        int answered = 0;
        for (String first : EVENTS) {
            for (String second : EVENTS) {
                Map<String, List<Map<String, Object>>> match =
                        Map.of("delay", List.of(EventJson.parse(first), EventJson.parse(second)));
                assertThat(value.evaluate(match))
                        .as("%s on %s, %s", expression, first, second)
                        .isEqualTo(value.evaluateWithCel(match));
                if (path.read(match) != null) {
                    answered++;
                }
            }
        }
        // The shortcut answers for strings, numbers and booleans where the step took the event:
        // five of the events (the eighth's numbers are too large for a long, so doubles), each
        // with every other.
        assertThat(answered).isEqualTo(expression.startsWith("extra") ? 0 : 5 * EVENTS.size());
    }
}
