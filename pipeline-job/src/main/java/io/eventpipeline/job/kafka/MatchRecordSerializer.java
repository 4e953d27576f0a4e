package io.eventpipeline.job.kafka;

import io.eventpipeline.job.match.MatchOutput;
import java.nio.charset.StandardCharsets;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * A match record on the output topic: keyed by the pipeline key, value the record's JSON. The Kafka
 * timestamp is when the alert is emitted (the producer's clock), not the match's event time (that
 * is in the record as start/end): replaying old events must not produce alerts that the output
 * topic's retention deletes at once.
 */
final class MatchRecordSerializer implements KafkaRecordSerializationSchema<MatchOutput> {
    private static final long serialVersionUID = 1L;

    private final String topic;

    MatchRecordSerializer(String topic) {
        this.topic = topic;
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(
            MatchOutput match, KafkaSinkContext context, Long timestamp) {
        return new ProducerRecord<>(
                topic,
                null,
                null,
                match.key == null ? null : match.key.getBytes(StandardCharsets.UTF_8),
                match.record);
    }
}
