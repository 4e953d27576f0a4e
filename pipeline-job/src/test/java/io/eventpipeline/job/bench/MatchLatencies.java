package io.eventpipeline.job.bench;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads a match topic (LogAppendTime) on its own thread and keeps, per match record, the numbers of
 * its events ({@code seq}), the latest of their times ({@code ts}) and the record's append time
 * ({@link MatchTimes}).
 */
final class MatchLatencies implements AutoCloseable {
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Thread reader;
    private final MatchTimes times = new MatchTimes();
    private volatile boolean stop;

    MatchLatencies(Map<String, Object> clientConfig, String topic) {
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        this.consumer = new KafkaConsumer<>(config);
        List<TopicPartition> partitions =
                consumer.partitionsFor(topic).stream()
                        .map(p -> new TopicPartition(topic, p.partition()))
                        .collect(Collectors.toList());
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        this.reader = new Thread(this::read, "match-latencies");
        reader.setDaemon(true);
        reader.start();
    }

    private void read() {
        while (!stop) {
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                ParsedMatch match = ParsedMatch.of(record.value());
                synchronized (times) {
                    times.add(match, record.timestamp());
                }
            }
        }
    }

    int count() {
        synchronized (times) {
            return times.count();
        }
    }

    long duplicates() {
        synchronized (times) {
            return times.duplicates();
        }
    }

    MatchTimes.Window window(
            long fromSeq, long toSeq, LatencyStream.Arrivals arrivals, long outOfOrderness) {
        synchronized (times) {
            return times.window(fromSeq, toSeq, arrivals, outOfOrderness);
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop = true;
        reader.join();
        consumer.close();
    }
}
