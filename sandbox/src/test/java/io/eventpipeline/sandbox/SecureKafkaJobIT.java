package io.eventpipeline.sandbox;

import static io.eventpipeline.testsupport.kafka.KafkaTopics.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.eventpipeline.kafka.embedded.ClientAuthSettings;
import io.eventpipeline.kafka.embedded.EmbeddedKafkaBroker;
import io.eventpipeline.kafka.embedded.SecureListener;
import io.eventpipeline.kafka.embedded.ServerTls;
import io.eventpipeline.kafka.embedded.TestCertificates;
import io.eventpipeline.operator.config.OperatorConfig;
import io.eventpipeline.operator.flink.FlinkDeploymentRenderer;
import io.eventpipeline.operator.reconciler.PipelineResolver;
import io.eventpipeline.spec.KafkaAuthSettings;
import io.eventpipeline.spec.PipelineDefinition;
import io.eventpipeline.spec.validation.PipelineValidator;
import io.eventpipeline.testsupport.kafka.KafkaTopics;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.kubernetes.operator.api.FlinkDeployment;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The job's side of each Kafka security mode, from the auth Secret a user writes to the match the
 * job writes: the operator's renderer makes the FlinkDeployment, the main container's environment
 * is resolved against the Secret as the kubelet would ({@link PodEnvironment}), and the job the
 * rendered FlinkDeployment describes (its arguments, Flink configuration and parallelism, {@link
 * DeploymentJobs}) runs with that environment on one MiniCluster, reading its input and writing its
 * matches and dead letters through the secure listener. The test's own clients use the same
 * settings on the same listener.
 */
class SecureKafkaJobIT {
    private static final String NAMESPACE = "secure";
    private static final String USER = "pipelines";
    private static final String PASSWORD = "scram-password-1";
    @TempDir static Path state;
    private static OperatorConfig operator;

    private static TestCertificates certificates;
    private static EmbeddedKafkaBroker broker;
    private static LocalFlinkCluster cluster;

    @BeforeAll
    static void start() throws Exception {
        certificates = TestCertificates.generate();
        broker =
                EmbeddedKafkaBroker.builder()
                        .serverTls(ServerTls.of(certificates))
                        .secureListeners(SecureListener.values())
                        .scramUsers(Map.of(USER, PASSWORD))
                        .build()
                        .start();
        cluster = LocalFlinkCluster.start(2);
        // Savepoint upgrades (the default) need state directories.
        operator =
                OperatorConfig.fromEnvironment(
                        Map.of(
                                "EP_SAVEPOINT_DIR", state.resolve("savepoints").toUri().toString(),
                                "EP_CHECKPOINT_DIR",
                                        state.resolve("checkpoints").toUri().toString()));
    }

    @AfterAll
    static void stop() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
        broker.close();
    }

    @ParameterizedTest
    @EnumSource(SecureListener.class)
    void theRenderedJobMatchesThroughTheListenerWithTheSecretsSettings(SecureListener listener)
            throws Exception {
        assertTheJobMatches(
                listener.name().toLowerCase(Locale.ROOT).replace('_', '-'),
                listener,
                "at-least-once",
                "{}");
    }

    /**
     * Exactly-once output goes through transactional producers, and the sink aborts earlier
     * transactions at start with producers of its own: clients too.
     */
    @Test
    void exactlyOnceMatchesAreCommittedThroughTheScramListener() throws Exception {
        assertTheJobMatches(
                "exactly-once",
                SecureListener.SASL_SSL_SCRAM,
                "exactly-once",
                "{checkpointInterval: 500ms}");
    }

    /**
     * @param flink the pipeline's {@code spec.flink}
     */
    private static void assertTheJobMatches(
            String name, SecureListener listener, String delivery, String flink) throws Exception {
        Map<String, String> secretData = authSecretData(listener, PASSWORD);
        try (KafkaTopics kafka = new KafkaTopics(clientConfig(listener, secretData))) {
            kafka.create(name + "-in", name + "-out", name + "-dlq");
            kafka.produce(
                    name + "-in",
                    List.of(
                            "{\"id\":\"A\",\"type\":\"DELAY\",\"ts\":1000}",
                            "not json",
                            "{\"id\":\"A\",\"type\":\"GATE\",\"gate\":\"B2\",\"ts\":60000}",
                            // moves event time far ahead, so the match above is complete
                            "{\"id\":\"Z\",\"type\":\"TICK\",\"ts\":1000000}"));

            FlinkDeployment rendered = render(name, listener, delivery, flink);
            Map<String, String> env =
                    PodEnvironment.of(mainContainer(rendered), List.of(secret(name, secretData)));
            // Exactly the Secret's keys arrive: the optional references to the others set
            // nothing.
            assertThat(env.keySet())
                    .containsExactlyInAnyOrderElementsOf(
                            secretData.keySet().stream()
                                    .map(KafkaAuthSettings::envVarName)
                                    .toList());

            JobID job = cluster.submit(DeploymentJobs.graph(rendered.getSpec(), null, env));
            try {
                List<ConsumerRecord<byte[], byte[]>> matches =
                        kafka.read(name + "-out", 1, Duration.ofSeconds(60));
                assertThat(matches).hasSize(1);
                assertThat(new String(matches.get(0).key())).isEqualTo("A");
                assertThat(value(matches.get(0)))
                        .contains(
                                "\"pattern\":\"delay-then-gate\"", "\"fields\":{\"gate\":\"B2\"}");
                // The dead-letter sink is a client of its own.
                assertThat(kafka.read(name + "-dlq", 1, Duration.ofSeconds(30)))
                        .extracting(KafkaTopics::value)
                        .containsExactly("not json");
            } finally {
                cluster.cancel(job);
            }
        }
    }

    /**
     * The pipeline asks for no restarts, so the first failure is the job's (by default a deployed
     * job keeps restarting, and each attempt fails the same way).
     */
    @Test
    void aWrongScramPasswordFailsTheJobOnAuthenticationWithoutShowingIt() throws Exception {
        SecureListener listener = SecureListener.SASL_SSL_SCRAM;
        String name = "wrong-password";
        try (KafkaTopics kafka =
                new KafkaTopics(clientConfig(listener, authSecretData(listener, PASSWORD)))) {
            kafka.create(name + "-in", name + "-out", name + "-dlq");
            kafka.produce(name + "-in", List.of("{\"id\":\"A\",\"type\":\"DELAY\",\"ts\":1000}"));
        }
        String wrongPassword = "not-the-scram-password";
        FlinkDeployment rendered =
                render(
                        name,
                        listener,
                        "at-least-once",
                        "{flinkConfiguration: {restart-strategy.type: none}}");
        Map<String, String> env =
                PodEnvironment.of(
                        mainContainer(rendered),
                        List.of(secret(name, authSecretData(listener, wrongPassword))));

        JobID job = cluster.submit(DeploymentJobs.graph(rendered.getSpec(), null, env));
        try {
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> cluster.status(job).isGloballyTerminalState());
        } finally {
            cluster.cancel(job);
        }

        assertThat(cluster.status(job)).isEqualTo(JobStatus.FAILED);
        assertThat(cluster.failure(job))
                .get()
                .asString()
                .contains(
                        "caused by org.apache.kafka.common.errors.SaslAuthenticationException:"
                                + " Authentication failed during authentication due to invalid"
                                + " credentials with SASL mechanism SCRAM-SHA-512")
                .doesNotContain(wrongPassword);
    }

    /** What a user writes into the pipeline's auth Secret for this listener. */
    private static Map<String, String> authSecretData(SecureListener listener, String password) {
        ClientAuthSettings settings = ClientAuthSettings.forListener(listener);
        return switch (listener) {
            case SSL -> settings.trust(certificates.caPem()).asMap();
            case MTLS ->
                    settings.trust(certificates.caPem()).present(certificates.client()).asMap();
            case SASL_SSL_SCRAM ->
                    settings.trust(certificates.caPem()).scramLogin(USER, password).asMap();
            case SASL_PLAINTEXT_SCRAM -> settings.scramLogin(USER, password).asMap();
        };
    }

    private static Map<String, Object> clientConfig(
            SecureListener listener, Map<String, String> secretData) {
        Map<String, Object> config = new HashMap<>(secretData);
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(listener));
        return config;
    }

    private static Secret secret(String pipeline, Map<String, String> data) {
        return new SecretBuilder()
                .withNewMetadata()
                .withName(pipeline + "-kafka")
                .withNamespace(NAMESPACE)
                .endMetadata()
                .withStringData(data)
                .build();
    }

    /**
     * The operator's rendering of a pipeline on this listener, with the Secret as auth.
     *
     * @param flink the pipeline's {@code spec.flink}
     */
    private static FlinkDeployment render(
            String name, SecureListener listener, String delivery, String flink) throws Exception {
        String yaml =
                """
                apiVersion: eventpipeline.io/v1alpha1
                kind: EventPipeline
                metadata: {name: %1$s, namespace: %2$s}
                spec:
                  kafka:
                    bootstrapServers: "%3$s"
                    authSecretRef: {name: %1$s-kafka}
                  input: {topic: %1$s-in, key: id, timestamp: {field: ts}, startFrom: earliest}
                  output: {topic: %1$s-out}
                  deadLetter: {topic: %1$s-dlq}
                  delivery: %4$s
                  flink: %5$s
                  patterns:
                    - name: delay-then-gate
                      within: 1h
                      emit: {gate: "gate[0].gate"}
                      steps:
                        - {name: delay, where: "event.type == 'DELAY'"}
                        - {name: gate, where: "event.type == 'GATE'"}
                """
                        .formatted(
                                name,
                                NAMESPACE,
                                broker.bootstrapServers(listener),
                                delivery,
                                flink);
        return new FlinkDeploymentRenderer(operator.jobDefaults())
                .render(
                        new PipelineResolver(operator, new PipelineValidator())
                                .resolve(PipelineDefinition.parse(yaml)),
                        null);
    }

    /** The container Flink's pod templates address. */
    private static Container mainContainer(FlinkDeployment rendered) {
        return rendered.getSpec().getPodTemplate().getSpec().getContainers().stream()
                .filter(container -> container.getName().equals("flink-main-container"))
                .findFirst()
                .orElseThrow();
    }
}
