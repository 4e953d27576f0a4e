package io.eventpipeline.job.event;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventpipeline.spec.cel.EventJson;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.types.StringValue;
import org.junit.jupiter.api.Test;

class PipelineEventSerializerTest {
    private final PipelineEventSerializer serializer = PipelineEventSerializer.INSTANCE;

    private PipelineEvent roundTrip(PipelineEvent event) throws Exception {
        DataOutputSerializer out = new DataOutputSerializer(64);
        serializer.serialize(event, out);
        return serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
    }

    @Test
    void keepsEveryJsonValueType() throws Exception {
        String json =
                "{\"s\":\"é\",\"n\":-7,\"d\":1.5,\"t\":true,\"f\":false,\"z\":null,"
                        + "\"l\":[1,\"x\",[2]],\"m\":{\"k\":{\"deep\":3}}}";
        PipelineEvent event =
                PipelineEvent.accepted(
                        "key",
                        123,
                        new EventOrigin("in", 3, 99),
                        EventJson.parse(json),
                        json.getBytes(StandardCharsets.UTF_8));
        PipelineEvent copy = roundTrip(event);
        // Written as its original bytes, parsed again on first use.
        assertThat(copy.isBodyParsed()).isFalse();
        assertThat(copy).isEqualTo(event);
        assertThat(EventJson.mapper().writeValueAsString(copy.body())).isEqualTo(json);

        // Without original bytes the body itself is written, every JSON type kept.
        PipelineEvent bodyOnly =
                PipelineEvent.accepted("key", 123, event.origin(), EventJson.parse(json), null);
        PipelineEvent bodyCopy = roundTrip(bodyOnly);
        assertThat(bodyCopy.isBodyParsed()).isTrue();
        assertThat(bodyCopy.raw()).isNull();
        assertThat(EventJson.mapper().writeValueAsString(bodyCopy.body())).isEqualTo(json);
    }

    @Test
    void eventsReadFromOneSourceShareItsName() throws Exception {
        byte[] json = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
        String topic = new String("shop-events".toCharArray());
        PipelineEvent first =
                roundTrip(
                        PipelineEvent.accepted(
                                "k", 1, new EventOrigin(topic, 0, 1), EventJson.parse(json), json));
        PipelineEvent second =
                roundTrip(
                        PipelineEvent.accepted(
                                "k", 2, new EventOrigin(topic, 1, 7), EventJson.parse(json), json));
        assertThat(second.origin()).isEqualTo(new EventOrigin("shop-events", 1, 7));
        assertThat(second.origin().source()).isSameAs(first.origin().source());
    }

    @Test
    void keepsTheOutcomeOfConditions() throws Exception {
        byte[] json = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
        long[] results = new long[3];
        results[0] = 1L << 5;
        results[2] = 1L << 63;
        PipelineEvent routed =
                PipelineEvent.accepted("k", 1, EventOrigin.line(1), EventJson.parse(json), json)
                        .withConditionResults(results, 42);
        PipelineEvent copy = roundTrip(routed);
        assertThat(copy.hasConditionResults()).isTrue();
        assertThat(copy.conditionLayout()).isEqualTo(42);
        assertThat(copy.hasConditionResult(42, 191)).isTrue();
        assertThat(copy.hasConditionResult(42, 192)).as("past the outcomes written").isFalse();
        assertThat(copy.hasConditionResult(43, 5)).as("another layout").isFalse();
        assertThat(copy.conditionHolds(5)).isTrue();
        assertThat(copy.conditionHolds(4)).isFalse();
        assertThat(copy.conditionHolds(191)).isTrue();
        assertThat(copy.conditionHolds(190)).isFalse();
        assertThat(copy).isEqualTo(routed);
    }

    @Test
    void keepsOneWordOfOutcomesAndNoneAsWritten() throws Exception {
        // Up to 64 conditions the event holds its one word itself; the format is the same.
        byte[] json = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
        PipelineEvent accepted =
                PipelineEvent.accepted("k", 1, EventOrigin.line(1), EventJson.parse(json), json);
        PipelineEvent oneWord =
                roundTrip(accepted.withConditionResults(new long[] {1L | 1L << 63}, 7));
        PipelineEvent noWord = roundTrip(accepted.withConditionResults(new long[0], 7));

        assertThat(oneWord.hasConditionResult(7, 63)).isTrue();
        assertThat(oneWord.hasConditionResult(7, 64)).isFalse();
        assertThat(oneWord.conditionHolds(0)).isTrue();
        assertThat(oneWord.conditionHolds(1)).isFalse();
        assertThat(oneWord.conditionHolds(63)).isTrue();
        assertThat(oneWord)
                .isEqualTo(accepted.withConditionResults(new long[] {1L | 1L << 63}, 7))
                .isNotEqualTo(accepted.withConditionResults(new long[] {1L}, 7))
                .isNotEqualTo(accepted.withConditionResults(new long[] {1L | 1L << 63, 0}, 7));
        assertThat(noWord.hasConditionResults()).isTrue();
        assertThat(noWord.hasConditionResult(7, 0)).isFalse();
        assertThat(noWord).isNotEqualTo(accepted);
    }

    @Test
    void readsRecordsWrittenBeforeBodiesTravelledAsBytes() throws Exception {
        // The earlier format: flags 0 (no original bytes), then the body in the value codec.
        DataOutputSerializer out = new DataOutputSerializer(64);
        out.writeByte(0);
        out.writeLong(77);
        StringValue.writeString("in", out);
        out.writeInt(1);
        out.writeLong(2);
        StringValue.writeString("key", out);
        out.writeInt(1);
        StringValue.writeString("gate", out);
        out.writeByte(5); // a string
        StringValue.writeString("A1", out);
        PipelineEvent old =
                serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
        assertThat(old.body()).containsExactly(java.util.Map.entry("gate", "A1"));
        assertThat(old.hasConditionResults()).isFalse();
        assertThat(old.timestamp()).isEqualTo(77);
    }

    @Test
    void outcomesWrittenBeforeLayoutsExistedAreNeverTrusted() throws Exception {
        // The earlier format: flag 8 (outcomes) without flag 16 (their layout).
        byte[] json = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
        DataOutputSerializer out = new DataOutputSerializer(64);
        out.writeByte(1 | 4 | 8);
        out.writeLong(77);
        StringValue.writeString("in", out);
        out.writeInt(1);
        out.writeLong(2);
        StringValue.writeString("key", out);
        out.writeShort(1);
        out.writeLong(-1L);
        out.writeInt(json.length);
        out.write(json);
        PipelineEvent old =
                serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
        assertThat(old.body()).containsExactly(java.util.Map.entry("a", 1L));
        assertThat(old.hasConditionResults()).isTrue();
        assertThat(old.conditionLayout()).isEqualTo(PipelineEvent.NO_LAYOUT);
        assertThat(old.hasConditionResult(PipelineEvent.NO_LAYOUT, 0)).isFalse();
    }

    @Test
    void keepsRejectedRecords() throws Exception {
        PipelineEvent rejected =
                PipelineEvent.rejected(5, EventOrigin.line(5), new byte[] {1, 2}, "not JSON");
        assertThat(roundTrip(rejected)).isEqualTo(rejected);
    }

    @Test
    void isWhatFlinkUsesForTheEventTypeAndRestoresFromItsSnapshot() {
        TypeInformation<PipelineEvent> type = TypeInformation.of(PipelineEvent.class);
        assertThat(type).isEqualTo(PipelineEventTypeInfoFactory.TYPE);
        TypeSerializerSnapshot<PipelineEvent> snapshot = serializer.snapshotConfiguration();
        TypeSerializer<PipelineEvent> restored = snapshot.restoreSerializer();
        assertThat(restored).isSameAs(serializer);
        assertThat(
                        serializer
                                .snapshotConfiguration()
                                .resolveSchemaCompatibility(snapshot)
                                .isCompatibleAsIs())
                .isTrue();
    }
}
