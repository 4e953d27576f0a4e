package io.eventpipeline.job.bench;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Produces the latency benchmark's input: the throughput benchmark's clickstream ({@link
 * BenchEvents}), each event numbered ({@code seq}) so that a match record leads back to its last
 * event, spread round-robin over the topic's partitions so that every partition, and so every
 * source reader, advances through event time at the same pace.
 */
final class LatencyStream implements AutoCloseable {
    private final KafkaProducer<byte[], byte[]> producer;
    private final String topic;
    private final int partitions;
    private final int keys;
    private final double matchFraction;
    private final SplittableRandom random = new SplittableRandom(42);
    private final AtomicLong failed = new AtomicLong();

    LatencyStream(
            Map<String, Object> clientConfig,
            String topic,
            int partitions,
            int keys,
            double matchFraction,
            int lingerMillis) {
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        // An application producing tens of thousands of events a second batches them (Kafka 4's
        // default linger.ms is 5): with 0, each event is a request of its own, and the producer's
        // and the broker's handling of them take the cores the job runs on.
        config.put(ProducerConfig.LINGER_MS_CONFIG, lingerMillis);
        this.producer = new KafkaProducer<>(config);
        this.topic = topic;
        this.partitions = partitions;
        this.keys = keys;
        this.matchFraction = matchFraction;
    }

    /**
     * Produces {@code count} events at once whose event times advance by {@code eventsPerSecond}
     * (from {@link BenchEvents#START}), then on every partition one event that no step looks for,
     * {@code closeAfter} past the last one in event time (so that the watermark passes every
     * event's match while the job keeps running), and waits until the broker has them all.
     */
    void produceAhead(int count, int eventsPerSecond, long closeAfterMillis) {
        long timestamp = BenchEvents.START;
        for (int seq = 0; seq < count; seq++) {
            timestamp = BenchEvents.START + seq * 1000L / eventsPerSecond;
            send(seq, timestamp, (metadata, e) -> countFailure(e));
        }
        for (int partition = 0; partition < partitions; partition++) {
            byte[] closer =
                    ("{\"seq\":%d,\"user\":\"closer\",\"type\":\"close\",\"amount\":0,\"ts\":%d}")
                            .formatted(count + partition, timestamp + closeAfterMillis)
                            .getBytes(StandardCharsets.UTF_8);
            producer.send(
                    new ProducerRecord<>(topic, partition, null, closer),
                    (metadata, e) -> countFailure(e));
        }
        producer.flush();
    }

    /**
     * Produces {@code count} events at {@code eventsPerSecond}, each due at its own instant and
     * stamped with the wall clock when sent; waits until the broker has them all.
     *
     * @return each event's arrival: its broker append time (the topic must use LogAppendTime)
     */
    Arrivals produceAtRate(int count, double eventsPerSecond) {
        Arrivals arrivals = new Arrivals(count, partitions);
        long start = System.nanoTime();
        long behindNanos = 0;
        for (int seq = 0; seq < count; seq++) {
            long due = start + (long) (seq * 1e9 / eventsPerSecond);
            long wait;
            while ((wait = due - System.nanoTime()) > 0) {
                LockSupport.parkNanos(Math.min(wait, 1_000_000));
            }
            behindNanos = Math.max(behindNanos, System.nanoTime() - due);
            int numbered = seq;
            long now = System.currentTimeMillis();
            arrivals.eventTimes[seq] = now;
            send(
                    seq,
                    now,
                    (metadata, e) -> {
                        if (countFailure(e)) {
                            arrivals.times.set(numbered, metadata.timestamp());
                        }
                    });
        }
        producer.flush();
        arrivals.seal();
        arrivals.sendSeconds = (System.nanoTime() - start) / 1e9;
        arrivals.mostBehindMillis = behindNanos / 1e6;
        return arrivals;
    }

    long failed() {
        return failed.get();
    }

    private void send(int seq, long timestamp, Callback callback) {
        byte[] value = BenchEvents.numberedEvent(seq, timestamp, random, keys, matchFraction);
        producer.send(new ProducerRecord<>(topic, partitionOf(seq), null, value), callback);
    }

    private int partitionOf(long seq) {
        return (int) (seq % partitions);
    }

    /** True when the send succeeded. */
    private boolean countFailure(Exception e) {
        if (e != null) {
            failed.incrementAndGet();
        }
        return e == null;
    }

    @Override
    public void close() {
        producer.close();
    }

    /**
     * When each event of a fixed-rate run reached the broker, and its event time. Event {@code seq}
     * went to partition {@code seq % partitions}.
     */
    static final class Arrivals {
        private final AtomicLongArray times;
        private final long[] eventTimes;
        private final int partitions;
        private long[] latestEventTimes;
        private volatile double sendSeconds;
        private volatile double mostBehindMillis;

        private Arrivals(int count, int partitions) {
            this.times = new AtomicLongArray(count);
            this.eventTimes = new long[count];
            this.partitions = partitions;
        }

        /**
         * Tests: event {@code seq} has time {@code eventTimes[seq]}, arrived at {@code at[seq]}.
         */
        static Arrivals of(long[] eventTimes, long[] at, int partitions) {
            Arrivals arrivals = new Arrivals(eventTimes.length, partitions);
            for (int seq = 0; seq < eventTimes.length; seq++) {
                arrivals.eventTimes[seq] = eventTimes[seq];
                arrivals.times.set(seq, at[seq]);
            }
            arrivals.seal();
            return arrivals;
        }

        /** After the last send: the largest event time up to each event, for the search below. */
        private void seal() {
            latestEventTimes = new long[eventTimes.length];
            long latest = Long.MIN_VALUE;
            for (int seq = 0; seq < eventTimes.length; seq++) {
                latest = Math.max(latest, eventTimes[seq]);
                latestEventTimes[seq] = latest;
            }
        }

        /** The broker append time of event {@code seq}, or 0 when unknown. */
        long of(long seq) {
            return seq >= 0 && seq < times.length() ? times.get((int) seq) : 0;
        }

        /**
         * When the input let the watermark pass {@code eventTime}: the append time by which every
         * partition had an event later than {@code eventTime + outOfOrderness} (a source reader's
         * watermark is its largest event time minus the out-of-orderness minus 1 ms); 0 when some
         * partition had none, or its arrival is unknown.
         */
        long watermarkPassable(long eventTime, long outOfOrderness) {
            long needed = eventTime + outOfOrderness + 1;
            int from = firstAtOrAfter(needed);
            long latest = 0;
            for (int partition = 0; partition < partitions; partition++) {
                int seq = from;
                while (seq < eventTimes.length
                        && (seq % partitions != partition || eventTimes[seq] < needed)) {
                    seq++;
                }
                long arrival = of(seq);
                if (arrival == 0) {
                    return 0;
                }
                latest = Math.max(latest, arrival);
            }
            return latest;
        }

        /** The first event whose time, or an earlier event's, reaches {@code eventTime}. */
        private int firstAtOrAfter(long eventTime) {
            int low = 0;
            int high = latestEventTimes.length;
            while (low < high) {
                int middle = (low + high) >>> 1;
                if (latestEventTimes[middle] < eventTime) {
                    low = middle + 1;
                } else {
                    high = middle;
                }
            }
            return low;
        }

        int count() {
            return times.length();
        }

        /** From the first send to the broker's acknowledgement of the last. */
        double sendSeconds() {
            return sendSeconds;
        }

        /** How late the producer sent its most delayed event, against its schedule. */
        double mostBehindMillis() {
            return mostBehindMillis;
        }
    }
}
