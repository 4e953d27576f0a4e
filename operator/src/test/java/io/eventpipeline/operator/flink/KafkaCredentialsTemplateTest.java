package io.eventpipeline.operator.flink;

import static io.eventpipeline.operator.flink.FlinkDeploymentRendererTest.CONFIG;
import static io.eventpipeline.operator.flink.FlinkDeploymentRendererTest.OWNER;
import static io.eventpipeline.operator.flink.FlinkDeploymentRendererTest.example;
import static io.eventpipeline.operator.flink.FlinkDeploymentRendererTest.resolved;
import static org.assertj.core.api.Assertions.assertThat;

import io.eventpipeline.operator.testing.Golden;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Stores, SASL and the Strimzi shorthand in the job's pod template. */
class KafkaCredentialsTemplateTest {
    private static final String STORES =
            """
                tls:
                  truststore: {secretName: kafka-ca, key: ca.p12, type: PKCS12, passwordKey: ca.password}
                  keystore: {secretName: app-user, key: user.jks, type: JKS, passwordKey: user.password}
                sasl:
                  mechanism: SCRAM-SHA-256
                  jaasConfig: {secretName: app-jaas, key: jaas}
            """;

    private final FlinkDeploymentRenderer renderer =
            new FlinkDeploymentRenderer(CONFIG.jobDefaults());

    static String withKafka(String entries) throws Exception {
        return example()
                .replace(
                        "spec:\n  input:",
                        "spec:\n  kafka:\n    bootstrapServers: kafka-bootstrap.kafka:9093\n"
                                + entries
                                + "  input:");
    }

    private PodSpec pod(String entries) throws Exception {
        return renderer.render(resolved(withKafka(entries)), OWNER)
                .getSpec()
                .getPodTemplate()
                .getSpec();
    }

    private static Map<String, EnvVar> env(PodSpec pod) {
        Map<String, EnvVar> env = new LinkedHashMap<>();
        pod.getContainers().get(0).getEnv().forEach(e -> env.put(e.getName(), e));
        return env;
    }

    private static SecretKeySelector ref(Map<String, EnvVar> env, String name) {
        assertThat(env.get(name).getValue()).as(name + " has no value").isNull();
        return env.get(name).getValueFrom().getSecretKeyRef();
    }

    @Test
    void rendersStoresExactlyAsTheGoldenFile() throws Exception {
        String yaml = Serialization.asYaml(renderer.render(resolved(withKafka(STORES)), OWNER));
        Golden.assertMatches("flight-delays-stores.flinkdeployment.yaml", yaml);
        assertThat(Serialization.asYaml(renderer.render(resolved(withKafka(STORES)), OWNER)))
                .isEqualTo(yaml);
    }

    @Test
    void storeFilesAreMountedReadOnlyWithOnlyTheirKey() throws Exception {
        PodSpec pod = pod(STORES);
        assertThat(pod.getVolumes())
                .extracting(Volume::getName)
                .containsExactly("kafka-truststore", "kafka-keystore");
        Volume trust = pod.getVolumes().get(0);
        assertThat(trust.getSecret().getSecretName()).isEqualTo("kafka-ca");
        assertThat(trust.getSecret().getItems())
                .singleElement()
                .satisfies(
                        item -> {
                            assertThat(item.getKey()).isEqualTo("ca.p12");
                            assertThat(item.getPath()).isEqualTo("truststore.pkcs12");
                        });
        assertThat(trust.getSecret().getDefaultMode()).isEqualTo(0440);
        assertThat(pod.getSecurityContext().getFsGroup()).isEqualTo(9999L);
        Container main = pod.getContainers().get(0);
        assertThat(main.getName()).isEqualTo("flink-main-container");
        assertThat(main.getVolumeMounts())
                .allSatisfy(m -> assertThat(m.getReadOnly()).isTrue())
                .extracting(m -> m.getName() + "@" + m.getMountPath())
                .containsExactly(
                        "kafka-truststore@/opt/eventpipeline/kafka/truststore",
                        "kafka-keystore@/opt/eventpipeline/kafka/keystore");
    }

    @Test
    void locationsAndTypesArePlainValuesAndPasswordsSecretKeyRefs() throws Exception {
        Map<String, EnvVar> env = env(pod(STORES));
        assertThat(env.get("KAFKA_AUTH_SECURITY_PROTOCOL").getValue()).isEqualTo("SASL_SSL");
        assertThat(env.get("KAFKA_AUTH_SSL_TRUSTSTORE_TYPE").getValue()).isEqualTo("PKCS12");
        assertThat(env.get("KAFKA_AUTH_SSL_TRUSTSTORE_LOCATION").getValue())
                .isEqualTo("/opt/eventpipeline/kafka/truststore/truststore.pkcs12");
        assertThat(env.get("KAFKA_AUTH_SSL_KEYSTORE_TYPE").getValue()).isEqualTo("JKS");
        assertThat(env.get("KAFKA_AUTH_SSL_KEYSTORE_LOCATION").getValue())
                .isEqualTo("/opt/eventpipeline/kafka/keystore/keystore.jks");
        assertThat(env.get("KAFKA_AUTH_SASL_MECHANISM").getValue()).isEqualTo("SCRAM-SHA-256");
        assertThat(ref(env, "KAFKA_AUTH_SSL_TRUSTSTORE_PASSWORD"))
                .isEqualTo(new SecretKeySelector("ca.password", "kafka-ca", false));
        assertThat(ref(env, "KAFKA_AUTH_SSL_KEYSTORE_PASSWORD"))
                .isEqualTo(new SecretKeySelector("user.password", "app-user", false));
        assertThat(ref(env, "KAFKA_AUTH_SASL_JAAS_CONFIG"))
                .isEqualTo(new SecretKeySelector("jaas", "app-jaas", false));
        assertThat(env).hasSize(9);
    }

    @Test
    void aStrimziTlsUserMountsUserP12AndTrustsTheClusterCaAsPem() throws Exception {
        PodSpec pod = pod("    strimzi: {cluster: prod, user: app, authentication: tls}\n");
        Map<String, EnvVar> env = env(pod);
        assertThat(env.get("KAFKA_AUTH_SECURITY_PROTOCOL").getValue()).isEqualTo("SSL");
        assertThat(env.get("KAFKA_AUTH_SSL_TRUSTSTORE_TYPE").getValue()).isEqualTo("PEM");
        assertThat(ref(env, "KAFKA_AUTH_SSL_TRUSTSTORE_CERTIFICATES"))
                .isEqualTo(new SecretKeySelector("ca.crt", "prod-cluster-ca-cert", false));
        assertThat(ref(env, "KAFKA_AUTH_SSL_KEYSTORE_PASSWORD"))
                .isEqualTo(new SecretKeySelector("user.password", "app", false));
        assertThat(pod.getVolumes())
                .singleElement()
                .satisfies(
                        v -> {
                            assertThat(v.getName()).isEqualTo("kafka-keystore");
                            assertThat(v.getSecret().getSecretName()).isEqualTo("app");
                            assertThat(v.getSecret().getItems().get(0).getKey())
                                    .isEqualTo("user.p12");
                        });
        assertThat(env)
                .doesNotContainKeys("KAFKA_AUTH_SASL_JAAS_CONFIG", "KAFKA_AUTH_SASL_MECHANISM");
    }

    @Test
    void aStrimziScramUserMountsNothing() throws Exception {
        PodSpec pod =
                pod("    strimzi: {cluster: prod, user: app, authentication: scram-sha-512}\n");
        Map<String, EnvVar> env = env(pod);
        assertThat(env.get("KAFKA_AUTH_SECURITY_PROTOCOL").getValue()).isEqualTo("SASL_SSL");
        assertThat(env.get("KAFKA_AUTH_SASL_MECHANISM").getValue()).isEqualTo("SCRAM-SHA-512");
        assertThat(ref(env, "KAFKA_AUTH_SASL_JAAS_CONFIG"))
                .isEqualTo(new SecretKeySelector("sasl.jaas.config", "app", false));
        assertThat(pod.getVolumes()).isEmpty();
        assertThat(pod.getContainers().get(0).getVolumeMounts()).isEmpty();
        assertThat(pod.getSecurityContext().getFsGroup()).isNull();
    }
}
