package io.eventpipeline.spec.cel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import io.eventpipeline.spec.model.PatternSpec;
import io.eventpipeline.spec.validation.InvalidPipelineException;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CompiledProjectionTest {
    private static final PatternSpec PATTERN =
            Yaml.pattern(
                    """
                    name: p
                    steps:
                      - {name: delay, where: "event.type == 'DELAY'"}
                      - {name: gate, where: "event.gate != delay[0].gate", times: {min: 1, max: 3}}
                      - {name: extra, where: "true", optional: true}
                    within: 1h
                    emit:
                      flight: "delay[0].flightId"
                      gates: "gate.map(g, g.gate)"
                      count: "size(gate)"
                      extraNote: "extra[0].note"
                      when: "duration('90m')"
                      big: "18446744073709551615u"
                      nothing: "delay[0].none"
                    """);

    @Test
    void compilesAPatternAndEvaluatesItsEmit() throws Exception {
        CompiledPattern compiled = PatternCompiler.compile(PATTERN, "spec.patterns[0]");
        assertThat(compiled.stepCount()).isEqualTo(3);
        assertThat(compiled.until(1)).isEmpty();
        Map<String, List<Map<String, Object>>> match =
                Map.of(
                        "delay",
                        List.of(
                                EventJson.parse(
                                        "{\"flightId\":\"LH1\",\"gate\":\"A1\",\"none\":null}")),
                        "gate",
                        List.of(
                                EventJson.parse("{\"gate\":\"B2\"}"),
                                EventJson.parse("{\"gate\":\"C3\"}")));
        Map<String, Object> fields = compiled.emit().evaluate(match);
        assertThat(fields)
                .containsExactly(
                        entry("big", new BigInteger("18446744073709551615")),
                        entry("count", 2L),
                        entry("extraNote", null),
                        entry("flight", "LH1"),
                        entry("gates", List.of("B2", "C3")),
                        entry("nothing", null),
                        entry("when", "5400s"));
        assertThat(EventJson.mapper().writeValueAsString(fields))
                .isEqualTo(
                        "{\"big\":18446744073709551615,\"count\":2,\"extraNote\":null,"
                                + "\"flight\":\"LH1\",\"gates\":[\"B2\",\"C3\"],\"nothing\":null,"
                                + "\"when\":\"5400s\"}");
    }

    @Test
    void anEmitErrorNamesTheField() throws Exception {
        PatternSpec pattern =
                Yaml.pattern(
                        """
                        name: p
                        steps: [{name: a, where: "true"}]
                        emit: {ratio: "a[0].x / a[0].y"}
                        """);
        CompiledProjection emit = PatternCompiler.compile(pattern, "spec.patterns[0]").emit();
        assertThatThrownBy(
                        () ->
                                emit.evaluate(
                                        Map.of("a", List.of(EventJson.parse("{\"x\":1,\"y\":0}")))))
                .isInstanceOf(ExpressionEvaluationException.class)
                .hasMessageContaining("emit field 'ratio'");
    }

    @Test
    void compileReportsEveryExpressionProblemAtItsPath() {
        PatternSpec pattern =
                Yaml.pattern(
                        """
                        name: p
                        steps:
                          - {name: a, where: "b.size() > 0"}
                          - {name: b, where: "event.x >", oneOrMore: true, until: "1"}
                        emit: {x: "a[0].x +", ok: "a[0].x"}
                        """);
        assertThatThrownBy(() -> PatternCompiler.compile(pattern, "spec.patterns[2]"))
                .isInstanceOf(InvalidPipelineException.class)
                .satisfies(
                        e ->
                                assertThat(((InvalidPipelineException) e).problems())
                                        .extracting(p -> p.path())
                                        .containsExactly(
                                                "spec.patterns[2].steps[0].where",
                                                "spec.patterns[2].steps[1].where",
                                                "spec.patterns[2].steps[1].until",
                                                "spec.patterns[2].emit.x"));
    }
}
