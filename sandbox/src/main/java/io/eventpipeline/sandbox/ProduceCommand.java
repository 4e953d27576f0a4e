package io.eventpipeline.sandbox;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * {@code sandbox produce TOPIC [FILE.jsonl | -] [--key FIELD] [--work-dir DIR] [--bootstrap-servers
 * HOST:PORT]}: writes each non-blank line as one record into a topic of a running sandbox, whose
 * broker it finds in the sandbox's state file. Standard input when there is no file or it is {@code
 * -}.
 */
final class ProduceCommand {
    static final String USAGE =
            """
            usage: sandbox produce TOPIC [FILE.jsonl | -] [--key FIELD] [--work-dir target/sandbox]
                                   [--bootstrap-servers HOST:PORT]
              one record per non-blank line, to the running sandbox's Kafka (or the one named);
              --key FIELD  the record key is this top-level field of each JSON line\
            """;

    private ProduceCommand() {}

    /** Runs the command; returns how many records were sent. */
    static int run(List<String> args) throws IOException {
        String topic = null;
        String file = "-";
        String key = null;
        String bootstrap = null;
        Path workDir = Path.of("target", "sandbox");
        int positional = 0;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            switch (arg) {
                case "--key" -> key = value(args, ++i, arg);
                case "--bootstrap-servers" -> bootstrap = value(args, ++i, arg);
                case "--work-dir" -> workDir = Path.of(value(args, ++i, arg));
                default -> {
                    if (arg.startsWith("--")) {
                        throw new IllegalArgumentException("unknown option " + arg);
                    }
                    if (positional == 0) {
                        topic = arg;
                    } else if (positional == 1) {
                        file = arg;
                    } else {
                        throw new IllegalArgumentException("unexpected argument " + arg);
                    }
                    positional++;
                }
            }
        }
        if (topic == null) {
            throw new IllegalArgumentException("produce needs a TOPIC");
        }
        if (bootstrap == null) {
            bootstrap = SandboxState.read(workDir).bootstrapServers();
        }
        try (BufferedReader in =
                        file.equals("-")
                                ? new BufferedReader(
                                        new InputStreamReader(System.in, StandardCharsets.UTF_8))
                                : Files.newBufferedReader(Path.of(file), StandardCharsets.UTF_8);
                KafkaProducer<String, String> producer = producer(bootstrap)) {
            int sent = 0;
            String line;
            while ((line = in.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                String recordKey = key == null ? null : keyOf(line, key);
                producer.send(new ProducerRecord<>(topic, recordKey, line));
                sent++;
            }
            producer.flush();
            return sent;
        }
    }

    private static String keyOf(String line, String field) {
        var event = SampleEvents.parse(line); // null when not JSON: a dead letter, unkeyed
        var value = event == null ? null : event.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static KafkaProducer<String, String> producer(String bootstrap) {
        return new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrap,
                        ProducerConfig.ACKS_CONFIG,
                        "all",
                        ProducerConfig.CLIENT_ID_CONFIG,
                        "sandbox-produce",
                        ProducerConfig.MAX_BLOCK_MS_CONFIG,
                        15_000),
                new StringSerializer(),
                new StringSerializer());
    }

    private static String value(List<String> args, int index, String option) {
        if (index >= args.size()) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args.get(index);
    }
}
