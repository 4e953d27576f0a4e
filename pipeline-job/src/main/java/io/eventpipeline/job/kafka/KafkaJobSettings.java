package io.eventpipeline.job.kafka;

import io.eventpipeline.spec.KafkaAuthSettings;
import io.eventpipeline.spec.resolved.ResolvedKafka;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/**
 * How the job reaches Kafka.
 *
 * @param bootstrapServers from the resolved pipeline ({@code spec.kafka.bootstrapServers})
 * @param clientProperties auth settings (from the KAFKA_AUTH_* environment) applied to every client
 * @param transactionTimeout exactly-once producer transaction timeout: below the broker's
 *     transaction.max.timeout.ms (15 min by default), above the checkpoint interval
 * @param bounded tests only: stop at the offsets that are the latest at start
 */
public record KafkaJobSettings(
        String bootstrapServers,
        Map<String, String> clientProperties,
        Duration transactionTimeout,
        boolean bounded) {

    public static final Duration DEFAULT_TRANSACTION_TIMEOUT = Duration.ofMinutes(10);

    public KafkaJobSettings {
        clientProperties = Map.copyOf(new TreeMap<>(clientProperties));
    }

    /** The deployed job's settings: the pipeline's cluster and the auth environment variables. */
    public static KafkaJobSettings forDeployment(ResolvedKafka kafka, Map<String, String> env) {
        return new KafkaJobSettings(
                kafka.bootstrapServers()
                        .orElseThrow(
                                () ->
                                        new IllegalArgumentException(
                                                "spec.kafka.bootstrapServers is missing: the"
                                                        + " operator fills it in when it renders"
                                                        + " the job")),
                KafkaAuthSettings.fromEnvironment(env),
                DEFAULT_TRANSACTION_TIMEOUT,
                false);
    }
}
