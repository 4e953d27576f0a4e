package io.eventpipeline.spec;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Kafka client settings an auth Secret may hold, and how they travel to the job. The Secret's
 * keys are Kafka client property names; the job receives each as an environment variable filled
 * from the Secret by {@code secretKeyRef}, so no credential is ever copied into a manifest. Stores
 * given as {@code spec.kafka.tls} reach the job as mounted files: their locations and types as
 * plain environment variables, their passwords by {@code secretKeyRef} ({@link #STORE_KEYS}).
 */
public final class KafkaAuthSettings {
    /** Secret keys the operator and the job read. Other keys in the Secret are ignored. */
    public static final List<String> SECRET_KEYS =
            List.of(
                    "security.protocol",
                    "sasl.mechanism",
                    "sasl.jaas.config",
                    "ssl.truststore.type",
                    "ssl.truststore.certificates",
                    "ssl.keystore.type",
                    "ssl.keystore.certificate.chain",
                    "ssl.keystore.key",
                    "ssl.key.password",
                    "ssl.endpoint.identification.algorithm");

    /** Settings of store files mounted into the job; never read from an auth Secret. */
    public static final List<String> STORE_KEYS =
            List.of(
                    "ssl.truststore.location",
                    "ssl.truststore.password",
                    "ssl.keystore.location",
                    "ssl.keystore.password");

    /** Every setting the job reads from its environment. */
    public static final List<String> JOB_KEYS =
            java.util.stream.Stream.concat(SECRET_KEYS.stream(), STORE_KEYS.stream()).toList();

    /** Prefix of the environment variables that carry these settings into the job. */
    public static final String ENV_PREFIX = "KAFKA_AUTH_";

    private KafkaAuthSettings() {}

    /** {@code sasl.jaas.config} -> {@code KAFKA_AUTH_SASL_JAAS_CONFIG}. */
    public static String envVarName(String secretKey) {
        return ENV_PREFIX + secretKey.toUpperCase(Locale.ROOT).replace('.', '_');
    }

    /** The Kafka client settings found among the given environment variables (job side). */
    public static Map<String, String> fromEnvironment(Map<String, String> env) {
        Map<String, String> settings = new TreeMap<>();
        for (String key : JOB_KEYS) {
            String value = env.get(envVarName(key));
            if (value != null && !value.isEmpty()) {
                settings.put(key, value);
            }
        }
        return settings;
    }

    /** The Kafka client settings found in a Secret's decoded data (operator side). */
    public static Map<String, String> fromSecretData(Map<String, String> data) {
        Map<String, String> settings = new TreeMap<>();
        for (String key : SECRET_KEYS) {
            String value = data.get(key);
            if (value != null && !value.isEmpty()) {
                settings.put(key, value.trim());
            }
        }
        return settings;
    }
}
