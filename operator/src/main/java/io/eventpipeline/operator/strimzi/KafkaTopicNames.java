package io.eventpipeline.operator.strimzi;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The KafkaTopic name for a Kafka topic. A KafkaTopic's name must be a DNS-1123 subdomain; Kafka
 * topic names may also hold uppercase letters and '_', and may put '.' or '-' where a subdomain
 * cannot. A topic name that is a valid subdomain is used as it is (no spec.topicName needed, and
 * the name people look for). Any other is lowercased, every character outside [a-z0-9] becomes '-',
 * and 8 hex digits of the SHA-256 of the topic name are appended, so that topics differing only in
 * case or in '_' against '-' get different KafkaTopics. The same topic always gets the same name.
 */
public final class KafkaTopicNames {
    private static final Pattern SUBDOMAIN =
            Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    private static final int SUBDOMAIN_MAX = 253;
    private static final int HASH_HEX = 8;

    private KafkaTopicNames() {}

    public static String of(String topic) {
        if (topic.length() <= SUBDOMAIN_MAX && SUBDOMAIN.matcher(topic).matches()) {
            return topic;
        }
        String base =
                topic.toLowerCase(java.util.Locale.ROOT)
                        .replaceAll("[^a-z0-9]+", "-")
                        .replaceAll("^-+|-+$", "");
        int room = SUBDOMAIN_MAX - HASH_HEX - 1;
        if (base.length() > room) {
            base = base.substring(0, room).replaceAll("-+$", "");
        }
        String hash = hash(topic);
        return base.isEmpty() ? "topic-" + hash : base + "-" + hash;
    }

    /** Whether the KafkaTopic needs spec.topicName: its name is not the topic's. */
    public static boolean needsTopicName(String topic) {
        return !of(topic).equals(topic);
    }

    private static String hash(String topic) {
        try {
            byte[] digest =
                    MessageDigest.getInstance("SHA-256")
                            .digest(topic.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, HASH_HEX);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
