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
 * Reads a match topic (LogAppendTime) on its own thread and keeps, per match record, the numbers of
 * its events ({@code seq}), the latest of their times ({@code ts}) and the record's append time.
 */
final class MatchLatencies implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Thread reader;
    private final Set<String> matchIds = new HashSet<>();
    private volatile boolean stop;
    private long duplicates;
    private long[][] eventSeqs = new long[1 << 16][];
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
                add(match.path("events"), record.timestamp());
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

    /**
     * Keeps a match: its events by number, the largest number (the last event sent) and the latest
     * event time. The producer stamps events with its clock as it sends them in number order, so
     * these are one event's but for a clock step back.
     */
    private synchronized void add(JsonNode events, long appendedAt) {
        long[] seqs = new long[0];
        long seq = -1;
        long eventTime = Long.MIN_VALUE;
        for (JsonNode step : events) {
            for (JsonNode event : step) {
                seqs = Arrays.copyOf(seqs, seqs.length + 1);
                seqs[seqs.length - 1] = event.path("seq").asLong(-1);
                seq = Math.max(seq, seqs[seqs.length - 1]);
                eventTime = Math.max(eventTime, event.path("ts").asLong());
            }
        }
        if (size == lastSeq.length) {
            eventSeqs = Arrays.copyOf(eventSeqs, size * 2);
            lastSeq = Arrays.copyOf(lastSeq, size * 2);
            lastTime = Arrays.copyOf(lastTime, size * 2);
            appendTime = Arrays.copyOf(appendTime, size * 2);
        }
        eventSeqs[size] = seqs;
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
     * their {@link MatchTiming}s, and two figures about their last events, in milliseconds.
     */
    synchronized Window window(
            long fromSeq, long toSeq, LatencyStream.Arrivals arrivals, long outOfOrderness) {
        long[] latencies = new long[size];
        long[] input = new long[size];
        long[] job = new long[size];
        long[] toArrival = new long[size];
        long[] fromArrival = new long[size];
        long[] appended = new long[size];
        int taken = 0;
        int unknown = 0;
        for (int i = 0; i < size; i++) {
            if (lastSeq[i] < fromSeq || lastSeq[i] >= toSeq) {
                continue;
            }
            MatchTiming timing =
                    MatchTiming.of(
                            eventSeqs[i], lastTime[i], appendTime[i], arrivals, outOfOrderness);
            if (timing == null) {
                unknown++;
                continue;
            }
            latencies[taken] = timing.latency();
            input[taken] = timing.input();
            job[taken] = timing.job();
            toArrival[taken] = arrivals.of(lastSeq[i]) - lastTime[i];
            fromArrival[taken] = appendTime[i] - arrivals.of(lastSeq[i]) - outOfOrderness;
            appended[taken] = appendTime[i];
            taken++;
        }
        return new Window(
                new Percentiles(Arrays.copyOf(latencies, taken)),
                new Percentiles(Arrays.copyOf(input, taken)),
                new Percentiles(Arrays.copyOf(job, taken)),
                new Percentiles(Arrays.copyOf(toArrival, taken)),
                new Percentiles(Arrays.copyOf(fromArrival, taken)),
                Arrays.copyOf(latencies, taken),
                Arrays.copyOf(appended, taken),
                unknown);
    }

    @Override
    public void close() throws InterruptedException {
        stop = true;
        reader.join();
        consumer.close();
    }

    /**
     * @param latencies from when the match was detectable to its record's append, ms
     * @param input of that, until the input let the watermark pass the last event, ms
     * @param job the rest: from then to the match record's append, ms
     * @param toArrival the last events' own way from event time to arrival, ms
     * @param fromArrival append time - the last event's arrival - the out-of-orderness: this counts
     *     the last event's own way to the broker against the out-of-orderness wait, which runs in
     *     event time from the event's time, so it goes negative when that way is long
     * @param eachLatency every match's latency, in the order of {@code eachAppended}
     * @param eachAppended every match's append time
     * @param unknown matches whose last event's arrival is unknown (not counted)
     */
    record Window(
            Percentiles latencies,
            Percentiles input,
            Percentiles job,
            Percentiles toArrival,
            Percentiles fromArrival,
            long[] eachLatency,
            long[] eachAppended,
            int unknown) {
        int count() {
            return latencies.sorted.length;
        }

        /**
         * The seconds (since {@code start}, by append time) with the most matches slower than
         * {@code overMillis}, most first, as "second: matches" pairs; at most {@code limit}.
         */
        String slowestSeconds(long start, long overMillis, int limit) {
            java.util.TreeMap<Long, Integer> perSecond = new java.util.TreeMap<>();
            for (int i = 0; i < eachLatency.length; i++) {
                if (eachLatency[i] > overMillis) {
                    perSecond.merge((eachAppended[i] - start) / 1000, 1, Integer::sum);
                }
            }
            return perSecond.entrySet().stream()
                    .sorted((a, b) -> b.getValue() - a.getValue())
                    .limit(limit)
                    .map(e -> e.getKey() + " s: " + e.getValue())
                    .collect(Collectors.joining(", "));
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
