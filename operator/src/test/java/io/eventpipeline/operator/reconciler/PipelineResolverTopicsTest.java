package io.eventpipeline.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventpipeline.operator.config.OperatorConfig;
import io.eventpipeline.spec.PipelineDefinition;
import io.eventpipeline.spec.resolved.ResolvedKafka;
import io.eventpipeline.spec.resolved.ResolvedTopicManagement;
import io.eventpipeline.spec.validation.PipelineValidator;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The operator's default topic management goes with its default cluster, as its credentials do. */
class PipelineResolverTopicsTest {
    static final PipelineResolver RESOLVER =
            new PipelineResolver(
                    OperatorConfig.fromEnvironment(
                            Map.of(
                                    "EP_KAFKA_BOOTSTRAP_SERVERS", "kafka:9092",
                                    "EP_KAFKA_AUTH_SECRET", "kafka-client",
                                    "EP_KAFKA_TOPIC_MANAGEMENT", "strimzi",
                                    "EP_KAFKA_STRIMZI_CLUSTER", "events",
                                    "EP_SAVEPOINT_DIR", "s3://state/savepoints",
                                    "EP_CHECKPOINT_DIR", "s3://state/checkpoints")),
                    new PipelineValidator());

    static ResolvedKafka kafka(String kafkaYaml) throws Exception {
        return RESOLVER.resolve(
                        PipelineDefinition.parse(
                                """
                                metadata: {name: orders, namespace: shop}
                                spec:
                                %s
                                  input: {topic: events, key: id}
                                  patterns:
                                    - name: p
                                      steps:
                                        - {name: a, where: "event.type == 'A'"}
                                  output: {topic: alerts}
                                """
                                        .formatted(kafkaYaml)))
                .kafka();
    }

    @Test
    void aPipelineOnTheDefaultClusterTakesTheDefault() throws Exception {
        ResolvedKafka kafka = kafka("");
        assertThat(kafka.topics()).isEqualTo(ResolvedTopicManagement.strimzi("events"));
        assertThat(kafka.authSecretName()).contains("kafka-client");
    }

    @Test
    void aPipelineNamingItsClusterMakesItsTopicsThroughTheAdminApiUnlessItSaysOtherwise()
            throws Exception {
        ResolvedKafka kafka = kafka("  kafka: {bootstrapServers: 'other:9092'}");
        assertThat(kafka.topics()).isEqualTo(ResolvedTopicManagement.ADMIN);
        assertThat(kafka.authSecretName()).isEqualTo(Optional.empty());

        assertThat(
                        kafka(
                                        "  kafka: {bootstrapServers: 'other:9092', topics:"
                                                + " {management: strimzi, strimziCluster: other}}")
                                .topics())
                .isEqualTo(ResolvedTopicManagement.strimzi("other"));
    }

    @Test
    void aPipelineChoosingOnlyItsTopicManagementKeepsTheDefaultClustersCredentials()
            throws Exception {
        ResolvedKafka kafka = kafka("  kafka: {topics: {management: admin}}");
        assertThat(kafka.topics()).isEqualTo(ResolvedTopicManagement.ADMIN);
        assertThat(kafka.bootstrapServers()).contains("kafka:9092");
        assertThat(kafka.authSecretName()).contains("kafka-client");
    }

    @Test
    void aPipelineWithCredentialsOfItsOwnOnTheDefaultClusterGetsNotTheDefaultSecret()
            throws Exception {
        ResolvedKafka kafka =
                kafka("  kafka: {strimzi: {cluster: events, user: app, authentication: tls}}");
        assertThat(kafka.bootstrapServers()).contains("kafka:9092");
        assertThat(kafka.authSecretName()).isEmpty();
        assertThat(kafka.referencedSecretNames()).containsExactly("app", "events-cluster-ca-cert");
    }
}
