package io.eventpipeline.spec.resolved;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventpipeline.spec.PipelineDefinition;
import io.eventpipeline.spec.model.KafkaConnectionSpec;
import io.eventpipeline.spec.model.SaslMechanism;
import io.eventpipeline.spec.model.SecretReference;
import io.eventpipeline.spec.model.StoreType;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** spec.kafka's credentials as the operator and the job read them. */
class ResolvedKafkaTest {

    private static ResolvedKafka kafka(String entries) throws Exception {
        String document =
                """
                metadata: {name: delays, namespace: ops}
                spec:
                  kafka: {bootstrapServers: 'k:9093', %s}
                  input: {topic: flights, key: id}
                  output: {topic: alerts}
                  patterns:
                    - name: p
                      steps:
                        - {name: a, where: "event.type == 'A'"}
                """
                        .formatted(entries);
        return ResolvedPipeline.resolve(PipelineDefinition.parse(document)).kafka();
    }

    @Test
    void referencedSecretsAreTheAuthSecretOrNone() {
        assertThat(ResolvedKafka.of(null).referencedSecretNames()).isEmpty();
        assertThat(ResolvedKafka.of(new KafkaConnectionSpec()).referencedSecretNames()).isEmpty();

        KafkaConnectionSpec kafka = new KafkaConnectionSpec();
        SecretReference auth = new SecretReference();
        auth.setName("kafka-client");
        kafka.setAuthSecretRef(auth);
        assertThat(ResolvedKafka.of(kafka).referencedSecretNames()).containsExactly("kafka-client");
    }

    @Test
    void storesAndSaslAreReadWithTheirPaths() throws Exception {
        ResolvedKafka kafka =
                kafka(
                        "tls: {truststore: {secretName: ca, key: ca.p12, type: PKCS12,"
                                + " passwordKey: ca.password}, keystore: {secretName: me, key:"
                                + " user.jks, type: JKS, passwordKey: pw}}, sasl: {mechanism:"
                                + " SCRAM-SHA-256, jaasConfig: {secretName: jaas, key: cfg}}");
        assertThat(kafka.authSecretName()).isEmpty();
        assertThat(kafka.tls().orElseThrow().truststore())
                .contains(
                        new KafkaStore(
                                "ca",
                                "ca.p12",
                                StoreType.PKCS12,
                                Optional.of("ca.password"),
                                "spec.kafka.tls.truststore"));
        assertThat(kafka.tls().orElseThrow().keystore())
                .contains(
                        new KafkaStore(
                                "me",
                                "user.jks",
                                StoreType.JKS,
                                Optional.of("pw"),
                                "spec.kafka.tls.keystore"));
        assertThat(kafka.sasl())
                .contains(
                        new ResolvedKafkaSasl(
                                SaslMechanism.SCRAM_SHA_256,
                                new KafkaSecretKey("jaas", "cfg", "spec.kafka.sasl.jaasConfig")));
        assertThat(kafka.securityProtocol()).contains("SASL_SSL");
        assertThat(kafka.referencedSecretNames()).containsExactly("ca", "jaas", "me");
        assertThat(kafka.fieldsNaming("ca")).isEqualTo("spec.kafka.tls.truststore");
        assertThat(kafka.fieldsNaming("jaas")).isEqualTo("spec.kafka.sasl.jaasConfig");
    }

    @Test
    void theSecurityProtocolFollowsFromTlsAndSasl() throws Exception {
        assertThat(kafka("tls: {}").securityProtocol()).contains("SSL");
        assertThat(kafka("tls: {}").tls().orElseThrow().truststore()).isEmpty();
        assertThat(
                        kafka("sasl: {mechanism: PLAIN, jaasConfig: {secretName: j, key: c}}")
                                .securityProtocol())
                .contains("SASL_PLAINTEXT");
        assertThat(kafka("authSecretRef: {name: creds}").securityProtocol()).isEmpty();
        assertThat(kafka("authSecretRef: {name: creds}").referencedSecretNames())
                .containsExactly("creds");
    }

    @Test
    void aStrimziTlsUserReadsTheSecretsStrimziWrites() throws Exception {
        ResolvedKafka kafka = kafka("strimzi: {cluster: prod, user: app, authentication: tls}");
        ResolvedKafkaTls tls = kafka.tls().orElseThrow();
        assertThat(tls.truststore())
                .contains(
                        new KafkaStore(
                                "prod-cluster-ca-cert",
                                "ca.crt",
                                StoreType.PEM,
                                Optional.empty(),
                                "spec.kafka.strimzi"));
        assertThat(tls.keystore())
                .contains(
                        new KafkaStore(
                                "app",
                                "user.p12",
                                StoreType.PKCS12,
                                Optional.of("user.password"),
                                "spec.kafka.strimzi"));
        assertThat(kafka.sasl()).isEmpty();
        assertThat(kafka.securityProtocol()).contains("SSL");
        assertThat(kafka.referencedSecretNames()).containsExactly("app", "prod-cluster-ca-cert");
        assertThat(kafka.fieldsNaming("app")).isEqualTo("spec.kafka.strimzi");
        assertThat(kafka.fieldsNaming("elsewhere")).isEqualTo("spec.kafka");
    }

    @Test
    void aStrimziScramUserAuthenticatesOverTls() throws Exception {
        ResolvedKafka kafka =
                kafka("strimzi: {cluster: prod, user: app, authentication: scram-sha-512}");
        assertThat(kafka.tls().orElseThrow().keystore()).isEmpty();
        assertThat(kafka.tls().orElseThrow().truststore().orElseThrow().secretName())
                .isEqualTo("prod-cluster-ca-cert");
        assertThat(kafka.sasl())
                .contains(
                        new ResolvedKafkaSasl(
                                SaslMechanism.SCRAM_SHA_512,
                                new KafkaSecretKey(
                                        "app", "sasl.jaas.config", "spec.kafka.strimzi")));
        assertThat(kafka.securityProtocol()).contains("SASL_SSL");
        assertThat(kafka.referencedSecretNames()).containsExactly("app", "prod-cluster-ca-cert");
    }

    @Test
    void aStrimziClusterWithoutAUserOnlyTrustsItsCa() throws Exception {
        ResolvedKafka kafka = kafka("strimzi: {cluster: prod}");
        assertThat(kafka.tls().orElseThrow().keystore()).isEmpty();
        assertThat(kafka.sasl()).isEmpty();
        assertThat(kafka.referencedSecretNames()).isEqualTo(List.of("prod-cluster-ca-cert"));
    }

    @Test
    void strimziTopicsTakeTheClusterTheCredentialsNameUnlessTheyNameOne() throws Exception {
        assertThat(kafka("strimzi: {cluster: prod}, topics: {management: strimzi}").topics())
                .isEqualTo(ResolvedTopicManagement.strimzi("prod"));
        assertThat(
                        kafka(
                                        "strimzi: {cluster: prod}, topics: {management: strimzi,"
                                                + " strimziCluster: other}")
                                .topics())
                .isEqualTo(ResolvedTopicManagement.strimzi("other"));
        assertThat(kafka("strimzi: {cluster: prod}").topics())
                .isEqualTo(ResolvedTopicManagement.ADMIN);
    }
}
