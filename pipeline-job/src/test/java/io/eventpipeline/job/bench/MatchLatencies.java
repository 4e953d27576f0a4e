package io.eventpipeline.job.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads a match topic (LogAppendTime) on its own thread and keeps, per match record, the number of
 * its last event ({@code seq}, the largest among its events), that event's time ({@code ts}) and
 * the record's append time.
 */
final class MatchLatencies implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Thread reader;
    private final Set<String> matchIds = new HashSet<>();
    private volatile boolean stop;
    private long duplicates;
    private long[] lastSeq = new long[1 << 16];
    private long[] lastTime = new long[1 << 16];
    private long[] appendTime = new long[1 << 16];
    private int size;

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
                JsonNode match = parse(record.value());
                if (!matchIds.add(match.path("matchId").asText())) {
                    duplicate();
                    continue;
                }
                JsonNode last = lastEvent(match);
                add(last.path("seq").asLong(-1), last.path("ts").asLong(), record.timestamp());
            }
        }
    }

    private static JsonNode parse(byte[] matchRecord) {
        try {
            return JSON.readTree(matchRecord);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode lastEvent(JsonNode match) {
        JsonNode last = JSON.missingNode();
        for (JsonNode step : match.path("events")) {
            for (JsonNode event : step) {
                if (event.path("seq").asLong(-1) > last.path("seq").asLong(-1)) {
                    last = event;
                }
            }
        }
        return last;
    }

    private synchronized void duplicate() {
        duplicates++;
    }

    /**
     * Records of a match already read (same match id): at-least-once output repeats the matches
     * since the last checkpoint when the job restarts. Only the first record of a match counts.
     */
    synchronized long duplicates() {
        return duplicates;
    }

    private synchronized void add(long seq, long eventTime, long appendedAt) {
        if (size == lastSeq.length) {
            lastSeq = Arrays.copyOf(lastSeq, size * 2);
            lastTime = Arrays.copyOf(lastTime, size * 2);
            appendTime = Arrays.copyOf(appendTime, size * 2);
        }
        lastSeq[size] = seq;
        lastTime[size] = eventTime;
        appendTime[size] = appendedAt;
        size++;
    }

    synchronized int count() {
        return size;
    }

    /**
     * The matches whose last event is numbered from {@code fromSeq} (inclusive) to {@code toSeq}:
     * their latencies in milliseconds (append time - the last event's arrival - {@code
     * subtractMillis}), the same from their last event's time (the producer's clock when it sent
     * it: what the watermarks go by) instead of its arrival, and how long their last events took
     * from that time to their arrival.
     */
    synchronized Window window(
            long fromSeq, long toSeq, LatencyStream.Arrivals arrivals, long subtractMillis) {
        long[] latencies = new long[size];
        long[] fromEventTime = new long[size];
        long[] toArrival = new long[size];
        int taken = 0;
        int unknown = 0;
        for (int i = 0; i < size; i++) {
            if (lastSeq[i] < fromSeq || lastSeq[i] >= toSeq) {
                continue;
            }
            long arrival = arrivals.of(lastSeq[i]);
            if (arrival == 0) {
                unknown++;
                continue;
            }
            toArrival[taken] = arrival - lastTime[i];
            fromEventTime[taken] = appendTime[i] - lastTime[i] - subtractMillis;
            latencies[taken++] = appendTime[i] - arrival - subtractMillis;
        }
        return new Window(
                new Percentiles(Arrays.copyOf(latencies, taken)),
                new Percentiles(Arrays.copyOf(fromEventTime, taken)),
                new Percentiles(Arrays.copyOf(toArrival, taken)),
                unknown);
    }

    @Override
    public void close() throws InterruptedException {
        stop = true;
        reader.join();
        consumer.close();
    }

    /**
     * @param latencies beyond the subtracted wait, ms
     * @param fromEventTime the same from the last event's time instead of its arrival, ms
     * @param toArrival from the last event's time to its arrival, ms
     * @param unknown matches whose last event's arrival is unknown (not counted)
     */
    record Window(
            Percentiles latencies, Percentiles fromEventTime, Percentiles toArrival, int unknown) {
        int count() {
            return latencies.sorted.length;
        }
    }

    /** Nearest-rank percentiles of a set of values. */
    static final class Percentiles {
        private final long[] sorted;

        Percentiles(long[] values) {
            this.sorted = values.clone();
            Arrays.sort(sorted);
        }

        long percentile(double p) {
            if (sorted.length == 0) {
                return -1;
            }
            int index = (int) Math.ceil(p / 100 * sorted.length) - 1;
            return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
        }
    }
}
