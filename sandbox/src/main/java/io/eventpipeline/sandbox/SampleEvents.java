package io.eventpipeline.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eventpipeline.spec.Durations;
import io.eventpipeline.spec.model.EventPipelineSpec;
import io.eventpipeline.spec.model.PatternSpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Produces sample events to a pipeline's input topic, keyed by the pipeline's key field.
 *
 * <p>Event time in the job advances per partition and only with events, so after a file the sandbox
 * sends one <em>clock event</em> to every partition: a valid event with the key {@value #CLOCK_KEY}
 * and a later time, which completes pending matches and expires {@code within} windows. It matches
 * no condition that looks at the event's content.
 */
public final class SampleEvents implements AutoCloseable {
    public static final String CLOCK_KEY = "sandbox-clock";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final KafkaProducer<String, String> producer;

    public SampleEvents(String bootstrapServers) {
        producer =
                new KafkaProducer<>(
                        Map.of(
                                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                                ProducerConfig.ACKS_CONFIG, "all",
                                ProducerConfig.CLIENT_ID_CONFIG, "sandbox-sample-events"),
                        new StringSerializer(),
                        new StringSerializer());
    }

    /** What was sent: how many records, and the latest event time among them (if any). */
    public record Sent(int records, OptionalLong latestEventTime) {}

    /** Sends each line as one record (lines that are not JSON too: they become dead letters). */
    public Sent send(String topic, EventPipelineSpec spec, List<String> lines) {
        EventFields fields = new EventFields(spec.getInput());
        long latest = Long.MIN_VALUE;
        int sent = 0;
        for (String line : lines) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode event = parse(line);
            OptionalLong time = fields.timestamp(event);
            if (time.isPresent()) {
                latest = Math.max(latest, time.getAsLong());
            }
            producer.send(new ProducerRecord<>(topic, fields.key(event), line));
            sent++;
        }
        flush();
        return new Sent(
                sent, latest == Long.MIN_VALUE ? OptionalLong.empty() : OptionalLong.of(latest));
    }

    /** Sends a clock event at {@code eventTime} to every partition of the topic. */
    public void advanceEventTime(String topic, EventPipelineSpec spec, long eventTime) {
        EventFields fields = new EventFields(spec.getInput());
        ObjectNode clock = JSON.createObjectNode();
        fields.setKey(clock, CLOCK_KEY);
        fields.setTimestamp(clock, eventTime);
        clock.put("sandboxClock", true);
        int partitions = producer.partitionsFor(topic).size();
        for (int partition = 0; partition < partitions; partition++) {
            // Without a timestamp field the job uses the record's time: set it too.
            producer.send(
                    new ProducerRecord<>(topic, partition, eventTime, CLOCK_KEY, clock.toString()));
        }
        flush();
    }

    /**
     * How far past the last event the clock must move so that every match is complete: the longest
     * {@code within}, the out-of-orderness bound, and a minute to spare.
     */
    public static Duration settleTime(EventPipelineSpec spec) {
        Duration longest = Duration.ZERO;
        for (PatternSpec pattern : spec.getPatterns()) {
            Duration within = Durations.parseOr(pattern.getWithin(), Duration.ZERO);
            longest = within.compareTo(longest) > 0 ? within : longest;
        }
        Duration outOfOrder =
                spec.getInput().getTimestamp() == null
                        ? Duration.ZERO
                        : Durations.parseOr(
                                spec.getInput().getTimestamp().getMaxOutOfOrderness(),
                                Duration.ZERO);
        return longest.plus(outOfOrder).plusMinutes(1);
    }

    static JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (Exception notJson) {
            return null;
        }
    }

    KafkaProducer<String, String> producer() {
        return producer;
    }

    private void flush() {
        producer.flush();
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
