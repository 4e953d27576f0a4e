package io.eventpipeline.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventpipeline.kafka.embedded.EmbeddedKafkaBroker;
import io.eventpipeline.operator.api.EventPipeline;
import io.eventpipeline.operator.api.Phase;
import io.eventpipeline.operator.api.StatusCondition;
import io.eventpipeline.operator.testing.OperatorHarness;
import io.eventpipeline.operator.testing.PipelineStatus;
import io.eventpipeline.operator.testing.Pipelines;
import io.eventpipeline.testsupport.kafka.KafkaTopics;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A broker listener that requires SASL/PLAIN; credentials come from a Secret. */
class KafkaAuthIT {
    static EmbeddedKafkaBroker broker;
    static OperatorHarness harness;

    @BeforeAll
    static void start() {
        broker =
                EmbeddedKafkaBroker.builder()
                        .saslPlainUsers(Map.of("pipelines", "right-password"))
                        .build()
                        .start();
        harness = OperatorHarness.start(broker);
    }

    @AfterAll
    static void stop() {
        harness.close();
        broker.close();
    }

    static void secret(String name, String password) {
        harness.client()
                .secrets()
                .inNamespace("secure")
                .resource(
                        new SecretBuilder()
                                .withNewMetadata()
                                .withName(name)
                                .withNamespace("secure")
                                .endMetadata()
                                .addToStringData("security.protocol", "SASL_PLAINTEXT")
                                .addToStringData("sasl.mechanism", "PLAIN")
                                .addToStringData(
                                        "sasl.jaas.config",
                                        "org.apache.kafka.common.security.plain.PlainLoginModule"
                                                + " required username=\"pipelines\" password=\""
                                                + password
                                                + "\";")
                                .build())
                .create();
    }

    static String pipeline(String name, String secret) {
        return Pipelines.flightDelays("secure", name)
                .replace(
                        "spec:\n  input:",
                        "spec:\n  kafka:\n    bootstrapServers: "
                                + broker.saslBootstrapServers()
                                + "\n    authSecretRef: {name: "
                                + secret
                                + "}\n  input:");
    }

    @Test
    void topicsAreCreatedWithTheSecretsCredentials() throws Exception {
        secret("kafka-client", "right-password");
        harness.apply(pipeline("sasl", "kafka-client"));
        harness.awaitPhase("secure", "sasl", Phase.Deploying);
        try (KafkaTopics kafka =
                new KafkaTopics(broker.saslClientConfig("pipelines", "right-password"))) {
            assertThat(kafka.names()).contains("sasl-events", "sasl-alerts", "sasl-dlq");
        }
        var env =
                harness.flinkDeployment("secure", "sasl")
                        .getSpec()
                        .getPodTemplate()
                        .getSpec()
                        .getContainers()
                        .get(0)
                        .getEnv();
        assertThat(env).allSatisfy(e -> assertThat(e.getValue()).isNull());
        assertThat(
                        harness.client()
                                .getKubernetesSerialization()
                                .asYaml(harness.flinkDeployment("secure", "sasl")))
                .doesNotContain("right-password");
    }

    @Test
    void aWrongPasswordIsAClearTopicsReadyMessage() {
        secret("wrong-client", "wrong-password");
        harness.apply(pipeline("denied", "wrong-client"));
        EventPipeline degraded = harness.awaitPhase("secure", "denied", Phase.Degraded);
        StatusCondition topicsReady = PipelineStatus.condition(degraded, "TopicsReady");
        assertThat(topicsReady.getReason()).isEqualTo("AuthenticationFailed");
        assertThat(topicsReady.getMessage())
                .contains("refused the credentials")
                .doesNotContain("wrong-password");
        assertThat(harness.flinkDeployment("secure", "denied")).isNull();
    }

    @Test
    void aMissingSecretIsNamed() {
        harness.apply(pipeline("nosecret", "does-not-exist"));
        EventPipeline degraded = harness.awaitPhase("secure", "nosecret", Phase.Degraded);
        StatusCondition topicsReady = PipelineStatus.condition(degraded, "TopicsReady");
        assertThat(topicsReady.getReason()).isEqualTo("AuthSecretNotFound");
        assertThat(topicsReady.getMessage())
                .isEqualTo(
                        "Secret secure/does-not-exist (spec.kafka.authSecretRef) does not exist");
    }
}
