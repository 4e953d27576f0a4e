package io.eventpipeline.operator.flink;

import java.util.List;

/**
 * What the job's Kafka credentials are, as far as the rendered FlinkDeployment may show: the
 * Secrets they come from and a keyed hash of their content, never the content. The renderer puts
 * the hash on the pod template, so that new credentials change the FlinkDeployment and the Flink
 * operator restarts the job (through its upgrade mode) to read them.
 *
 * @param fingerprint e.g. {@code hmac-sha256:4f1c...}
 * @param secretNames the Secrets hashed, in the pipeline's namespace, in hash order
 */
public record KafkaCredentials(String fingerprint, List<String> secretNames) {
    /** The pod template annotation that carries {@link #fingerprint}. */
    public static final String ANNOTATION = "eventpipeline.io/kafka-credentials-hash";

    public KafkaCredentials {
        secretNames = List.copyOf(secretNames);
    }

    /** For logs and Events: never shows the fingerprint's input. */
    @Override
    public String toString() {
        return "Secret " + String.join(", ", secretNames);
    }
}
