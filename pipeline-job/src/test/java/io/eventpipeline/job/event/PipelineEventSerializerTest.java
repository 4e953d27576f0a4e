package io.eventpipeline.job.event;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventpipeline.spec.cel.EventJson;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
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
        assertThat(copy).isEqualTo(event);
        assertThat(EventJson.mapper().writeValueAsString(copy.body())).isEqualTo(json);
        assertThat(roundTrip(event.withoutRaw()).raw()).isNull();
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
