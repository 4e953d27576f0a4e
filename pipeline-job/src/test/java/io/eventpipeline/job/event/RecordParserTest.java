package io.eventpipeline.job.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RecordParserTest {
    private static final EventOrigin ORIGIN = new EventOrigin("flight-events", 2, 17);
    private final RecordParser byField =
            new RecordParser(new KeyExtractor("flight.id"), new TimestampExtractor("at"));
    private final RecordParser byRecordTime = new RecordParser(new KeyExtractor("id"), null);

    private static PipelineEvent parse(RecordParser parser, String json) {
        return parser.parse(json.getBytes(StandardCharsets.UTF_8), ORIGIN, 999);
    }

    @Test
    void readsKeyAndEventTimeFromTheEvent() {
        PipelineEvent event =
                parse(byField, "{\"flight\":{\"id\":\"AA1\"},\"at\":\"2024-05-01T10:00:00Z\"}");
        assertThat(event.isRejected()).isFalse();
        assertThat(event.key()).isEqualTo("AA1");
        assertThat(event.timestamp()).isEqualTo(1714557600000L);
        assertThat(event.origin()).isEqualTo(ORIGIN);
        assertThat(event.body()).containsKey("flight");
        assertThat(event.raw()).isNotNull();
    }

    @Test
    void acceptsEpochMillisOffsetsAndDigitStrings() {
        assertThat(parse(byField, "{\"flight\":{\"id\":1},\"at\":1714557600000}").timestamp())
                .isEqualTo(1714557600000L);
        assertThat(
                        parse(
                                        byField,
                                        "{\"flight\":{\"id\":1},\"at\":\"2024-05-01T12:00:00+02:00\"}")
                                .timestamp())
                .isEqualTo(1714557600000L);
        assertThat(parse(byField, "{\"flight\":{\"id\":1},\"at\":\"1714557600000\"}").timestamp())
                .isEqualTo(1714557600000L);
    }

    @Test
    void keysNonStringsByTheirText() {
        assertThat(parse(byField, "{\"flight\":{\"id\":42},\"at\":1}").key()).isEqualTo("42");
        assertThat(parse(byField, "{\"flight\":{\"id\":{\"n\":1}},\"at\":1}").key())
                .isEqualTo("{\"n\":1}");
    }

    @Test
    void usesTheRecordTimeWhenThePipelineHasNoTimestampField() {
        assertThat(parse(byRecordTime, "{\"id\":\"x\"}").timestamp()).isEqualTo(999);
    }

    @Test
    void rejectsWithTheReasonAndKeepsTheOriginalBytes() {
        PipelineEvent notJson = parse(byField, "nope");
        assertThat(notJson.rejection()).startsWith("not JSON");
        assertThat(new String(notJson.raw(), StandardCharsets.UTF_8)).isEqualTo("nope");
        assertThat(notJson.timestamp()).isEqualTo(999);
        assertThat(parse(byField, "[1,2]").rejection()).contains("JSON object");
        assertThat(parse(byField, "{\"at\":1}").rejection())
                .isEqualTo("missing key field 'flight.id'");
        assertThat(parse(byField, "{\"flight\":{\"id\":null},\"at\":1}").rejection())
                .isEqualTo("missing key field 'flight.id'");
        assertThat(parse(byField, "{\"flight\":{\"id\":1}}").rejection())
                .isEqualTo("missing timestamp field 'at'");
        assertThat(parse(byField, "{\"flight\":{\"id\":1},\"at\":\"yesterday\"}").rejection())
                .contains("neither epoch milliseconds nor an ISO-8601 time: 'yesterday'");
        assertThat(byField.parse(null, ORIGIN, 5).isRejected()).isTrue();
    }

    @Test
    void readsOnlyTheConditionsKeyAndTimestampFieldsWhenToldWhichTheConditionsRead() {
        RecordParser onlyRead =
                new RecordParser(
                        new KeyExtractor("flight.id"),
                        new TimestampExtractor("at"),
                        Optional.of(Set.of("type")));
        String json =
                "{\"flight\":{\"id\":\"AA1\"},\"type\":\"DELAY\",\"gate\":\"A1\","
                        + "\"tags\":[1,2],\"at\":1714557600000}";

        PipelineEvent event = parse(onlyRead, json);

        assertThat(event.key()).isEqualTo("AA1");
        assertThat(event.timestamp()).isEqualTo(1714557600000L);
        assertThat(event.conditionInput())
                .containsOnlyKeys("flight", "type", "at")
                .containsEntry("type", "DELAY");
        assertThat(event.body()).isEqualTo(parse(byField, json).body());
        assertThat(parse(onlyRead, "{\"flight\":{\"id\":1},\"at\":1,\"gate\":[}").rejection())
                .startsWith("not JSON");
        assertThat(parse(onlyRead, "{\"type\":\"DELAY\",\"at\":1}").rejection())
                .isEqualTo("missing key field 'flight.id'");
        PipelineEvent whole = parse(byField, json);
        assertThat(whole.conditionInput()).isSameAs(whole.body());
    }
}
