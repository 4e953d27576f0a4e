package io.eventpipeline.job.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eventpipeline.testsupport.kafka.KafkaTopics;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.jobgraph.SavepointConfigOptions;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** What the savepoint tests share: restoring as the operator does, and reading matches. */
final class RestoredMatches {
    private static final ObjectMapper JSON = new ObjectMapper();

    private RestoredMatches() {}

    /**
     * A savepoint kept as a test resource ({@code savepoints/<name>/_metadata}, its state inline),
     * copied into {@code dir}; returns its URI.
     */
    static String resourceSavepoint(Path dir, String name) throws IOException {
        Path savepoint = Files.createDirectories(dir.resolve(name));
        try (InputStream metadata =
                RestoredMatches.class.getResourceAsStream("/savepoints/" + name + "/_metadata")) {
            Files.copy(metadata, savepoint.resolve("_metadata"));
        }
        return savepoint.toUri().toString();
    }

    /** Restores from the savepoint, leaving state no operator claims, as the deployment does. */
    static Configuration restoreFrom(String savepoint) {
        Configuration restore = new Configuration();
        restore.set(SavepointConfigOptions.SAVEPOINT_PATH, savepoint);
        restore.set(SavepointConfigOptions.SAVEPOINT_IGNORE_UNCLAIMED_STATE, true);
        return restore;
    }

    /**
     * The match records on the topic as {@code pattern key start-end} (times in seconds): waits for
     * {@code expected} of them, then briefly for one more, which would be one too many.
     */
    static List<String> read(KafkaTopics topics, String topic, int expected) throws IOException {
        List<String> matches = new ArrayList<>();
        for (JsonNode match : readRecords(topics, topic, expected)) {
            matches.add(describe(match, 1000));
        }
        return matches;
    }

    /**
     * The match records on the topic, parsed: waits for {@code expected} of them, then briefly for
     * one more, which would be one too many (it comes with the same watermark).
     */
    static List<JsonNode> readRecords(KafkaTopics topics, String topic, int expected)
            throws IOException {
        topics.read(topic, expected, Duration.ofSeconds(60));
        List<JsonNode> matches = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record :
                topics.read(topic, expected + 1, Duration.ofSeconds(2))) {
            matches.add(JSON.readTree(record.value()));
        }
        return matches;
    }

    /** A match record as {@code pattern key start-end}, times in units of {@code unitMillis}. */
    static String describe(JsonNode match, long unitMillis) {
        return match.get("pattern").asText()
                + " "
                + match.get("key").asText()
                + " "
                + match.get("start").asLong() / unitMillis
                + "-"
                + match.get("end").asLong() / unitMillis;
    }
}
