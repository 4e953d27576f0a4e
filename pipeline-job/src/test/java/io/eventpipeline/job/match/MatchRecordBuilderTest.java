package io.eventpipeline.job.match;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventpipeline.job.event.EventOrigin;
import io.eventpipeline.job.event.KeyExtractor;
import io.eventpipeline.job.event.PipelineEvent;
import io.eventpipeline.job.event.RecordParser;
import io.eventpipeline.spec.cel.CompiledProjection;
import io.eventpipeline.spec.cel.CompiledValue;
import io.eventpipeline.spec.cel.EventJson;
import io.eventpipeline.spec.cel.ExpressionCompiler;
import io.eventpipeline.spec.cel.ExpressionScope;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class MatchRecordBuilderTest {
    private static final List<String> STEPS = List.of("a", "b");
    private static final RecordParser PARSER = new RecordParser(new KeyExtractor("k"), null);

    private static PipelineEvent read(String json, long offset) {
        return read(json.getBytes(StandardCharsets.UTF_8), offset);
    }

    private static PipelineEvent read(byte[] raw, long offset) {
        PipelineEvent event = PARSER.parse(raw, new EventOrigin("in", 0, offset), offset * 1000);
        assertThat(event.isRejected()).as(event.rejection()).isFalse();
        return event;
    }

    private static MatchRecordBuilder builder(Map<String, String> emit) throws Exception {
        ExpressionScope scope = new ExpressionScope(STEPS, Map.of());
        Map<String, CompiledValue> values = new TreeMap<>();
        for (Map.Entry<String, String> field : emit.entrySet()) {
            values.put(field.getKey(), ExpressionCompiler.compileValue(field.getValue(), scope));
        }
        return new MatchRecordBuilder(
                "pipe", "ns/pipe", "p", STEPS, new CompiledProjection(values), 60_000L);
    }

    @Test
    void writesOneLineEventsAsTheyArrivedAndTheRestFromTheirBody() throws Exception {
        String asSent = "{\"k\": \"u1\", \"price\": 1.50, \"name\": \"caf\\u00e9\"}";
        String pretty = "{\n  \"k\": \"u1\",\n  \"n\": 2\n}";
        byte[] utf16 = "{\"k\":\"u1\",\"n\":3}".getBytes(StandardCharsets.UTF_16);
        Map<String, List<PipelineEvent>> match =
                Map.of(
                        "a", List.of(read(asSent + "\n", 1)),
                        "b", List.of(read(pretty, 2), read(utf16, 3)));

        MatchOutput output = builder(Map.of("price", "a[0].price")).build(match, false);

        assertThat(output.json())
                .doesNotContain("\n")
                .startsWith(
                        "{\"pipeline\":\"pipe\",\"pattern\":\"p\",\"matchId\":\""
                                + output.matchId
                                + "\",\"key\":\"u1\",\"timedOut\":false,\"start\":1000,\"end\":3000,"
                                + "\"startTime\":\"1970-01-01T00:00:01Z\","
                                + "\"endTime\":\"1970-01-01T00:00:03Z\",")
                .contains(
                        "\"events\":{\"a\":["
                                + asSent
                                + "],\"b\":[{\"k\":\"u1\",\"n\":2},{\"k\":\"u1\",\"n\":3}]}")
                .endsWith(",\"fields\":{\"price\":1.5}}");
    }

    @Test
    void textIsWrittenAsUtf8BytesAsEncodingItsCharactersGives() throws Exception {
        // A key, an emitted value and a re-written (multi-line) event beyond the Basic
        // Multilingual Plane, and events larger than the generator's own buffer.
        String emoji = "\uD83D\uDE00 ключ";
        String large = "x".repeat(20_000);
        Map<String, List<PipelineEvent>> match =
                Map.of(
                        "a",
                        List.of(read("{\"k\":\"" + emoji + "\",\"big\":\"" + large + "\"}", 1)),
                        "b",
                        List.of(read("{\n\"k\":\"" + emoji + "\",\"big\":\"" + large + "\"}", 2)));

        MatchOutput output = builder(Map.of("who", "b[0].k")).build(match, false);

        String oneLine = "{\"k\":\"" + emoji + "\",\"big\":\"" + large + "\"}";
        assertThat(output.record)
                .isEqualTo(output.json().getBytes(StandardCharsets.UTF_8))
                .startsWith(
                        ("{\"pipeline\":\"pipe\",\"pattern\":\"p\",\"matchId\":\""
                                        + output.matchId
                                        + "\",\"key\":\""
                                        + emoji
                                        + "\"")
                                .getBytes(StandardCharsets.UTF_8));
        assertThat(output.json())
                .contains("\"events\":{\"a\":[" + oneLine + "],\"b\":[" + oneLine + "]}")
                .endsWith(",\"fields\":{\"who\":\"" + emoji + "\"}}")
                .doesNotContain("\\u");
    }

    @Test
    void aFailedEmitLeavesFieldsNullWithTheErrorAndTimedOutEndsAtTheLimit() throws Exception {
        Map<String, List<PipelineEvent>> match =
                Map.of("a", List.of(read("{\"k\":\"u1\",\"n\":\"text\"}", 4)));

        MatchOutput output = builder(Map.of("n", "a[0].n + 1")).build(match, true);

        JsonNode record = EventJson.mapper().readTree(output.json());
        assertThat(record.get("timedOut").asBoolean()).isTrue();
        assertThat(record.get("start").asLong()).isEqualTo(4000);
        assertThat(record.get("end").asLong()).isEqualTo(64_000);
        assertThat(record.get("endTime").asText()).isEqualTo("1970-01-01T00:01:04Z");
        assertThat(record.get("events").has("b")).isFalse();
        assertThat(record.get("fields").isNull()).isTrue();
        assertThat(record.get("error").asText()).contains("emit field 'n'");
    }

    @Test
    void theSameMatchGivesTheSameBytes() throws Exception {
        MatchRecordBuilder builder = builder(Map.of("z", "b[0].n", "y", "a[0].k"));
        // Fresh events each time, the steps in either order in the map CEP hands over.
        String first = builder.build(freshMatch(false), false).json();
        String second = builder.build(freshMatch(true), false).json();
        assertThat(second).isEqualTo(first).contains("\"fields\":{\"y\":\"u1\",\"z\":2}");
    }

    private static Map<String, List<PipelineEvent>> freshMatch(boolean bFirst) {
        Map<String, List<PipelineEvent>> match = new LinkedHashMap<>();
        List<PipelineEvent> a = List.of(read("{\"k\":\"u1\"}", 1));
        List<PipelineEvent> b = List.of(read("{\"k\":\"u1\",\"n\":2}", 2));
        if (bFirst) {
            match.put("b", b);
        }
        match.put("a", a);
        match.putIfAbsent("b", b);
        return match;
    }
}
