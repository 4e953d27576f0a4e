package io.eventpipeline.job.kafka;

import io.eventpipeline.job.event.EventOrigin;
import io.eventpipeline.job.event.PipelineEvent;
import io.eventpipeline.job.event.PipelineEventTypeInfoFactory;
import io.eventpipeline.job.event.RecordParser;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Reads each Kafka record with the pipeline's {@link RecordParser}. Never throws and never skips: a
 * record that is not an event comes out rejected, to become a dead letter with its coordinates.
 */
public final class InputRecordDeserializer
        implements KafkaRecordDeserializationSchema<PipelineEvent> {
    private static final long serialVersionUID = 1L;

    private final RecordParser parser;

    public InputRecordDeserializer(RecordParser parser) {
        this.parser = parser;
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<PipelineEvent> out) {
        EventOrigin origin = new EventOrigin(record.topic(), record.partition(), record.offset());
        out.collect(parser.parse(record.value(), origin, record.timestamp()));
    }

    @Override
    public TypeInformation<PipelineEvent> getProducedType() {
        return PipelineEventTypeInfoFactory.TYPE;
    }
}
