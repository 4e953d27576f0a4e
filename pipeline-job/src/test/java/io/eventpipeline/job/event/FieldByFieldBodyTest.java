package io.eventpipeline.job.event;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cel.common.values.NullValue;
import io.eventpipeline.spec.cel.EventJson;
import io.eventpipeline.spec.cel.ExpressionCompiler;
import io.eventpipeline.spec.cel.ExpressionEvaluationException;
import io.eventpipeline.spec.cel.ExpressionScope;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FieldByFieldBodyTest {
    private static final String JSON =
            "{\"k\":\"u1\",\"gate\":\"B7\",\"n\":null,\"o\":{\"a\":[1,2]},\"gate\":\"C3\",\"x\":1.5}";

    private static PipelineEvent event(String json) {
        return new RecordParser(new KeyExtractor("k"), null)
                .parse(json.getBytes(StandardCharsets.UTF_8), new EventOrigin("in", 0, 1), 1);
    }

    private static PipelineEvent unparsed(String json) {
        // What the pattern operator holds: the bytes, the body not yet parsed.
        PipelineEvent read = event(json);
        return new PipelineEvent(
                read.key(), read.timestamp(), read.origin(), null, read.raw(), null, null, 0);
    }

    @Test
    void answersAsTheWholeBodyWithoutBuildingIt() throws Exception {
        PipelineEvent event = unparsed(JSON);
        Map<String, Object> view = event.bodyFieldByField();
        Map<String, Object> whole = EventJson.parse(JSON);

        assertThat(view).isInstanceOf(FieldByFieldBody.class);
        for (String field : List.of("k", "gate", "n", "o", "x", "missing")) {
            assertThat(view.containsKey(field)).as(field).isEqualTo(whole.containsKey(field));
            assertThat(view.get(field)).as(field).isEqualTo(whole.get(field));
        }
        assertThat(view.get("gate")).isEqualTo("C3");
        assertThat(view.get("n")).isSameAs(NullValue.NULL_VALUE);
        assertThat(event.isBodyParsed()).isFalse();
        assertThat(event.bodyFieldByField()).isSameAs(view);

        assertThat(view).isEqualTo(whole).hasSize(whole.size());
        assertThat(event.isBodyParsed()).isTrue();
    }

    @Test
    void conditionsOverEarlierStepsDecideAsOnTheWholeBody() throws Exception {
        List<String> earlier =
                List.of(
                        "{\"k\":\"u1\",\"gate\":\"A1\",\"m\":45}",
                        "{\"k\":\"u1\",\"m\":\"text\"}",
                        "{\"k\":\"u1\",\"gate\":null,\"m\":[1]}");
        ExpressionScope scope = new ExpressionScope(List.of("delay"), Map.of());
        for (String expression :
                List.of(
                        "event.gate != delay[0].gate",
                        "has(delay[0].gate) && delay[0].m > 30",
                        "delay[0].m + 1 > 30",
                        "size(delay[0]) == 3",
                        "delay.exists(d, d.gate == 'A1')")) {
            var condition = ExpressionCompiler.compileCondition(expression, scope);
            for (String json : earlier) {
                Map<String, Object> current = EventJson.parse("{\"k\":\"u1\",\"gate\":\"B7\"}");
                String byField =
                        outcome(
                                () ->
                                        condition.test(
                                                current,
                                                Map.of(
                                                        "delay",
                                                        List.of(
                                                                unparsed(json)
                                                                        .bodyFieldByField()))));
                String whole =
                        outcome(
                                () ->
                                        condition.test(
                                                current,
                                                Map.of("delay", List.of(EventJson.parse(json)))));
                assertThat(byField).as("%s with %s", expression, json).isEqualTo(whole);
            }
        }
    }

    private interface Evaluation {
        boolean test() throws Exception;
    }

    private static String outcome(Evaluation evaluation) throws Exception {
        try {
            return String.valueOf(evaluation.test());
        } catch (ExpressionEvaluationException e) {
            return "error";
        }
    }
}
