package io.eventpipeline.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eventpipeline.spec.model.EventPipelineSpec;
import java.util.List;
import java.util.OptionalLong;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Sample events at a steady rate: the example's events file replayed round after round, each round
 * with its own keys ({@code AA100} becomes {@code AA100-r7}) and its event times moved past the
 * previous round's (by the file's span plus the time every window needs to close), so every round
 * produces the file's alerts again and nothing arrives late.
 */
public final class EventGenerator implements AutoCloseable {
    private final Thread thread;
    private volatile boolean running = true;

    private EventGenerator(Runnable loop) {
        thread = new Thread(loop, "sandbox-event-generator");
        thread.setDaemon(true);
    }

    public static EventGenerator start(
            SampleEvents events,
            String topic,
            EventPipelineSpec spec,
            List<String> lines,
            double eventsPerSecond) {
        EventFields fields = new EventFields(spec.getInput());
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (String line : lines) {
            OptionalLong time = fields.timestamp(SampleEvents.parse(line));
            if (time.isPresent()) {
                first = Math.min(first, time.getAsLong());
                last = Math.max(last, time.getAsLong());
            }
        }
        long base = first == Long.MAX_VALUE ? 0 : first;
        long roundLength = Math.max(0, last - base) + SampleEvents.settleTime(spec).toMillis();
        long pauseNanos = (long) (1_000_000_000L / eventsPerSecond);
        EventGenerator[] self = new EventGenerator[1];
        self[0] =
                new EventGenerator(
                        () -> {
                            long start = System.currentTimeMillis();
                            try {
                                for (int round = 1; self[0].running; round++) {
                                    long shift = start - base + (round - 1) * roundLength;
                                    for (String line : lines) {
                                        if (!self[0].running) {
                                            return;
                                        }
                                        send(events, topic, fields, line, round, shift);
                                        sleep(pauseNanos);
                                    }
                                }
                            } catch (org.apache.kafka.common.errors.InterruptException stopping) {
                                // close() interrupted a send
                            }
                        });
        self[0].thread.start();
        return self[0];
    }

    private static void send(
            SampleEvents events,
            String topic,
            EventFields fields,
            String line,
            int round,
            long shift) {
        JsonNode parsed = SampleEvents.parse(line);
        if (!(parsed instanceof ObjectNode event)) {
            events.producer().send(new ProducerRecord<>(topic, null, line));
            return;
        }
        String key = fields.key(event);
        if (key != null) {
            key = key + "-r" + round;
            fields.setKey(event, key);
        }
        OptionalLong time = fields.timestamp(event);
        if (time.isPresent()) {
            fields.setTimestamp(event, time.getAsLong() + shift);
        }
        events.producer().send(new ProducerRecord<>(topic, key, event.toString()));
    }

    private static void sleep(long nanos) {
        try {
            Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.interrupt();
        thread.join(5000);
    }
}
