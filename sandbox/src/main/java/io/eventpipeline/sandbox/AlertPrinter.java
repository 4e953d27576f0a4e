package io.eventpipeline.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Follows output topics and prints each match record as one readable line. */
public final class AlertPrinter implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final KafkaConsumer<String, String> consumer;
    private final Thread thread;

    public AlertPrinter(String bootstrapServers, List<String> topics, Consumer<String> out) {
        consumer =
                new KafkaConsumer<>(
                        Map.of(
                                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                                bootstrapServers,
                                ConsumerConfig.GROUP_ID_CONFIG,
                                "sandbox-alerts-" + UUID.randomUUID(),
                                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                                "earliest",
                                // Exactly-once pipelines: only committed alerts.
                                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                                "read_committed"),
                        new StringDeserializer(),
                        new StringDeserializer());
        consumer.subscribe(topics);
        thread =
                new Thread(
                        () -> {
                            try {
                                while (!Thread.currentThread().isInterrupted()) {
                                    for (ConsumerRecord<String, String> record :
                                            consumer.poll(Duration.ofMillis(500))) {
                                        out.accept(format(record.value()));
                                    }
                                }
                            } catch (WakeupException
                                    | org.apache.kafka.common.errors.InterruptException e) {
                                // closing
                            } finally {
                                consumer.close(Duration.ofSeconds(2));
                            }
                        },
                        "sandbox-alert-printer");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * {@code ALERT flight-delays/delay-then-gate-change key=AA100 delayMinutes=45 flight=AA100
     * (2024-05-01T10:00:00Z .. 2024-05-01T10:20:00Z)}
     */
    static String format(String record) {
        JsonNode match;
        try {
            match = JSON.readTree(record);
        } catch (Exception e) {
            return "ALERT (unreadable) " + record;
        }
        StringBuilder line = new StringBuilder();
        line.append(match.path("timedOut").asBoolean() ? "TIMEOUT " : "ALERT   ")
                .append(match.path("pipeline").asText())
                .append('/')
                .append(match.path("pattern").asText())
                .append("  key=")
                .append(match.path("key").asText());
        for (Iterator<Map.Entry<String, JsonNode>> it = match.path("fields").fields();
                it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            JsonNode value = field.getValue();
            line.append(' ')
                    .append(field.getKey())
                    .append('=')
                    .append(value.isTextual() ? value.asText() : value.toString());
        }
        if (match.hasNonNull("start") && match.hasNonNull("end")) {
            line.append("  (")
                    .append(Instant.ofEpochMilli(match.path("start").asLong()))
                    .append(" .. ")
                    .append(Instant.ofEpochMilli(match.path("end").asLong()))
                    .append(')');
        }
        return line.toString();
    }

    @Override
    public void close() throws InterruptedException {
        consumer.wakeup();
        thread.join(5000);
    }
}
