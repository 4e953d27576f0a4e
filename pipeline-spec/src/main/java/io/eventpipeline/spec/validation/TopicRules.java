package io.eventpipeline.spec.validation;

import io.eventpipeline.spec.FieldPath;
import io.eventpipeline.spec.model.EventPipelineSpec;
import io.eventpipeline.spec.model.InputSpec;
import io.eventpipeline.spec.model.KafkaConnectionSpec;
import io.eventpipeline.spec.model.TimestampSpec;
import io.eventpipeline.spec.model.TopicSpec;
import java.time.Duration;
import java.util.Map;

/** The Kafka side: connection, the three topics, and how input events are keyed and timed. */
final class TopicRules {
    private TopicRules() {}

    static void check(EventPipelineSpec spec, Problems problems) {
        checkKafka(spec.getKafka(), problems);
        InputSpec input = spec.getInput();
        if (input == null) {
            problems.add("spec.input", "is required: the topic events are read from, and its key");
        } else {
            checkTopic(input, "spec.input", problems);
            checkKeyAndTime(input, problems);
        }
        if (spec.getOutput() == null) {
            problems.add("spec.output", "is required: the topic that receives the matches");
        } else {
            checkTopic(spec.getOutput(), "spec.output", problems);
        }
        if (spec.getDeadLetter() != null) {
            checkTopic(spec.getDeadLetter(), "spec.deadLetter", problems);
        }
        TopicNames.check(spec, problems);
    }

    private static void checkTopic(TopicSpec topic, String path, Problems problems) {
        TopicNames.checkName(topic.getTopic(), path + ".topic", problems);
        boolean managed = !Boolean.FALSE.equals(topic.getCreate());
        String unmanaged = "is set but create is false: the topic is used as it is, never altered";
        if (topic.getPartitions() != null) {
            if (!managed) {
                problems.add(path + ".partitions", unmanaged);
            } else if (topic.getPartitions() < 1
                    || topic.getPartitions() > TopicSpec.MAX_PARTITIONS) {
                problems.add(
                        path + ".partitions",
                        "must be between 1 and "
                                + TopicSpec.MAX_PARTITIONS
                                + " (more would strain most Kafka clusters and the job's"
                                + " source)");
            }
        }
        Integer replication = topic.getReplicationFactor();
        if (replication != null) {
            if (!managed) {
                problems.add(path + ".replicationFactor", unmanaged);
            } else if (replication < 1 || replication > TopicSpec.MAX_REPLICATION_FACTOR) {
                problems.add(
                        path + ".replicationFactor",
                        "must be between 1 and " + TopicSpec.MAX_REPLICATION_FACTOR);
            }
        }
        if (topic.getConfig() != null) {
            if (!managed) {
                problems.add(path + ".config", unmanaged);
            } else {
                checkConfig(topic.getConfig(), path + ".config", problems);
            }
        }
    }

    private static void checkConfig(Map<String, String> config, String path, Problems problems) {
        config.forEach(
                (key, value) -> {
                    if (Problems.isBlank(key)) {
                        problems.add(path, "has a blank key: name each Kafka topic config");
                    } else if (value == null) {
                        problems.add(path + "[" + key + "]", "has no value");
                    }
                });
    }

    private static void checkKeyAndTime(InputSpec input, Problems problems) {
        checkFieldPath(input.getKey(), "spec.input.key", problems);
        TimestampSpec timestamp = input.getTimestamp();
        if (timestamp == null) {
            return;
        }
        checkFieldPath(timestamp.getField(), "spec.input.timestamp.field", problems);
        problems.duration(
                "spec.input.timestamp.maxOutOfOrderness",
                timestamp.getMaxOutOfOrderness(),
                Duration.ZERO,
                "must not be negative",
                DurationBound.EVENT_TIME);
        problems.duration(
                "spec.input.timestamp.idleTimeout",
                timestamp.getIdleTimeout(),
                Duration.ofMillis(1),
                "must be more than 0 (leave it out for partitions never to count as idle)",
                DurationBound.EVENT_TIME);
    }

    private static void checkFieldPath(String path, String at, Problems problems) {
        if (Problems.isBlank(path)) {
            problems.add(at, "is required: the dotted path of an event field, e.g. flightId");
        } else if (!FieldPath.isValid(path)) {
            problems.add(
                    at,
                    "'"
                            + path
                            + "' is not a dotted field path: names of letters, digits and '_'"
                            + " (not starting with a digit) joined by '.', e.g. flight.id");
        }
    }

    private static void checkKafka(KafkaConnectionSpec kafka, Problems problems) {
        if (kafka == null) {
            return;
        }
        String servers = kafka.getBootstrapServers();
        if (servers != null) {
            if (servers.isBlank()) {
                problems.add(
                        "spec.kafka.bootstrapServers",
                        "is blank: give host:port pairs, or leave kafka out for the default"
                                + " cluster");
            } else {
                for (String server : servers.split(",", -1)) {
                    if (!isHostAndPort(server.trim())) {
                        problems.add(
                                "spec.kafka.bootstrapServers",
                                "'" + server.trim() + "' is not host:port (port 1-65535)");
                    }
                }
            }
        }
        KafkaTopicsRules.check(kafka.getTopics(), kafka.getStrimzi(), problems);
        if (kafka.getAuthSecretRef() != null) {
            String name = kafka.getAuthSecretRef().getName();
            if (Problems.isBlank(name)) {
                problems.add("spec.kafka.authSecretRef.name", "is required");
            } else if (name.length() > Names.DNS_SUBDOMAIN_MAX
                    || !Names.DNS_SUBDOMAIN.matcher(name).matches()) {
                problems.add(
                        "spec.kafka.authSecretRef.name",
                        "'" + name + "' is not a valid Secret name (lowercase DNS subdomain)");
            }
        }
        KafkaAuthRules.check(kafka, problems);
    }

    private static boolean isHostAndPort(String server) {
        int colon = server.lastIndexOf(':');
        if (colon <= 0 || colon == server.length() - 1) {
            return false;
        }
        String host = server.substring(0, colon);
        if (host.isBlank() || host.chars().anyMatch(Character::isWhitespace)) {
            return false;
        }
        try {
            int port = Integer.parseInt(server.substring(colon + 1));
            return port >= 1 && port <= 65535;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
