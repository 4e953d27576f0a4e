package io.eventpipeline.job.kafka;

import io.eventpipeline.job.topology.DeadLetter;
import java.nio.charset.StandardCharsets;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * A dead letter on the dead-letter topic: the original bytes as the value, unchanged, and where
 * they came from and why in headers ({@value #REASON}, {@value #SOURCE_TOPIC}, {@value
 * #SOURCE_PARTITION}, {@value #SOURCE_OFFSET}).
 */
public final class DeadLetterSerializer implements KafkaRecordSerializationSchema<DeadLetter> {
    private static final long serialVersionUID = 1L;

    public static final String REASON = "eventpipeline.reason";
    public static final String SOURCE_TOPIC = "eventpipeline.source.topic";
    public static final String SOURCE_PARTITION = "eventpipeline.source.partition";
    public static final String SOURCE_OFFSET = "eventpipeline.source.offset";

    private final String topic;

    DeadLetterSerializer(String topic) {
        this.topic = topic;
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(
            DeadLetter deadLetter, KafkaSinkContext context, Long timestamp) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(REASON, utf8(deadLetter.reason));
        headers.add(SOURCE_TOPIC, utf8(deadLetter.source));
        headers.add(SOURCE_PARTITION, utf8(Integer.toString(deadLetter.partition)));
        headers.add(SOURCE_OFFSET, utf8(Long.toString(deadLetter.offset)));
        return new ProducerRecord<>(topic, null, null, null, deadLetter.value, headers);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
