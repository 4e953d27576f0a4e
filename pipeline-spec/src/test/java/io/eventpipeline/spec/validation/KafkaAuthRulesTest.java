package io.eventpipeline.spec.validation;

import static io.eventpipeline.spec.Documents.MINIMAL;
import static io.eventpipeline.spec.Documents.pipeline;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** spec.kafka's credentials: one way of giving them, and every store and key well-formed. */
class KafkaAuthRulesTest {
    private static final String SERVERS = "bootstrapServers: k:9093";
    private static final String P12_TRUST =
            "truststore: {secretName: ca, key: ca.p12, type: PKCS12, passwordKey: ca.password}";
    private static final String P12_KEY =
            "keystore: {secretName: me, key: user.p12, type: PKCS12, passwordKey: user.password}";
    private static final String SASL =
            "sasl: {mechanism: SCRAM-SHA-512, jaasConfig: {secretName: me, key: sasl.jaas.config}}";

    private static String kafka(String entries) {
        return pipeline("kafka: {" + SERVERS + ", " + entries + "}\n" + MINIMAL);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valid")
    void accepts(String description, String entries) {
        assertThat(InvalidSpecsTest.problemsOf(kafka(entries))).as(description).isEmpty();
    }

    static Stream<Arguments> valid() {
        return Stream.of(
                Arguments.of(
                        "PKCS12 trust and key stores", "tls: {" + P12_TRUST + ", " + P12_KEY + "}"),
                Arguments.of(
                        "JKS truststore",
                        "tls: {truststore: {secretName: ca, key: t.jks, type: JKS, passwordKey:"
                                + " pw}}"),
                Arguments.of(
                        "PEM truststore",
                        "tls: {truststore: {secretName: ca, key: ca.crt, type: PEM}}"),
                Arguments.of("TLS with the JVM's CAs", "tls: {}"),
                Arguments.of("SASL over TLS", "tls: {" + P12_TRUST + "}, " + SASL),
                Arguments.of("SASL alone", SASL),
                Arguments.of(
                        "Strimzi TLS user",
                        "strimzi: {cluster: my-cluster, user: me, authentication: tls}"),
                Arguments.of(
                        "Strimzi SCRAM user",
                        "strimzi: {cluster: my-cluster, user: me, authentication: scram-sha-512}"),
                Arguments.of("Strimzi without a user", "strimzi: {cluster: my-cluster}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void refuses(String description, String entries, String path, String fragment) {
        assertThat(InvalidSpecsTest.problemsOf(kafka(entries)))
                .as(description)
                .anySatisfy(
                        problem -> {
                            assertThat(problem.path()).isEqualTo(path);
                            assertThat(problem.message()).contains(fragment);
                        });
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of(
                        "auth Secret and stores",
                        "authSecretRef: {name: s}, tls: {" + P12_TRUST + "}",
                        "spec.kafka.authSecretRef",
                        "cannot be combined with spec.kafka.tls, spec.kafka.sasl or"
                                + " spec.kafka.strimzi"),
                Arguments.of(
                        "auth Secret and strimzi",
                        "authSecretRef: {name: s}, strimzi: {cluster: c}",
                        "spec.kafka.authSecretRef",
                        "cannot be combined"),
                Arguments.of(
                        "strimzi and sasl",
                        "strimzi: {cluster: c}, " + SASL,
                        "spec.kafka.strimzi",
                        "cannot be combined with spec.kafka.tls or spec.kafka.sasl"),
                Arguments.of(
                        "PEM store with a password",
                        "tls: {truststore: {secretName: ca, key: ca.crt, type: PEM, passwordKey:"
                                + " p}}",
                        "spec.kafka.tls.truststore.passwordKey",
                        "is not allowed for type PEM"),
                Arguments.of(
                        "PKCS12 store without a password",
                        "tls: {truststore: {secretName: ca, key: ca.p12, type: PKCS12}}",
                        "spec.kafka.tls.truststore.passwordKey",
                        "is required for type PKCS12"),
                Arguments.of(
                        "JKS keystore without a password",
                        "tls: {keystore: {secretName: me, key: k.jks, type: JKS}}",
                        "spec.kafka.tls.keystore.passwordKey",
                        "is required for type JKS"),
                Arguments.of(
                        "PEM keystore",
                        "tls: {keystore: {secretName: me, key: user.crt, type: PEM}}",
                        "spec.kafka.tls.keystore.type",
                        "PEM is not supported for a keystore"),
                Arguments.of(
                        "store without a type",
                        "tls: {truststore: {secretName: ca, key: ca.crt}}",
                        "spec.kafka.tls.truststore.type",
                        "is required: PKCS12, JKS or PEM"),
                Arguments.of(
                        "store Secret name with capitals",
                        "tls: {truststore: {secretName: My-CA, key: ca.crt, type: PEM}}",
                        "spec.kafka.tls.truststore.secretName",
                        "not a valid Secret name"),
                Arguments.of(
                        "store key with a slash",
                        "tls: {truststore: {secretName: ca, key: a/ca.crt, type: PEM}}",
                        "spec.kafka.tls.truststore.key",
                        "not a Secret key"),
                Arguments.of(
                        "store without a key",
                        "tls: {truststore: {secretName: ca, type: PEM}}",
                        "spec.kafka.tls.truststore.key",
                        "is required"),
                Arguments.of(
                        "SASL without a mechanism",
                        "sasl: {jaasConfig: {secretName: me, key: sasl.jaas.config}}",
                        "spec.kafka.sasl.mechanism",
                        "is required: SCRAM-SHA-256, SCRAM-SHA-512 or PLAIN"),
                Arguments.of(
                        "SASL without a JAAS config",
                        "sasl: {mechanism: PLAIN}",
                        "spec.kafka.sasl.jaasConfig",
                        "is required"),
                Arguments.of(
                        "SASL JAAS key with a space",
                        "sasl: {mechanism: PLAIN, jaasConfig: {secretName: me, key: 'a b'}}",
                        "spec.kafka.sasl.jaasConfig.key",
                        "not a Secret key"),
                Arguments.of(
                        "strimzi without a cluster",
                        "strimzi: {user: me, authentication: tls}",
                        "spec.kafka.strimzi.cluster",
                        "is required"),
                Arguments.of(
                        "strimzi cluster with capitals",
                        "strimzi: {cluster: My}",
                        "spec.kafka.strimzi.cluster",
                        "not a Strimzi Kafka name"),
                Arguments.of(
                        "strimzi user without authentication",
                        "strimzi: {cluster: c, user: me}",
                        "spec.kafka.strimzi",
                        "user and authentication go together"),
                Arguments.of(
                        "strimzi user name with capitals",
                        "strimzi: {cluster: c, user: Me, authentication: tls}",
                        "spec.kafka.strimzi.user",
                        "not a valid Secret name"));
    }

    @Test
    void unknownEnumValuesNameTheField() {
        assertThat(
                        InvalidSpecsTest.problemsOf(
                                kafka("tls: {truststore: {secretName: ca, key: k, type: P12}}")))
                .anySatisfy(
                        p ->
                                assertThat(p.path() + " " + p.message())
                                        .contains("type")
                                        .contains("PKCS12"));
        assertThat(
                        InvalidSpecsTest.problemsOf(
                                kafka(
                                        "sasl: {mechanism: GSSAPI, jaasConfig: {secretName: a, key:"
                                                + " b}}")))
                .anySatisfy(
                        p ->
                                assertThat(p.path() + " " + p.message())
                                        .contains("mechanism")
                                        .contains("SCRAM-SHA-512"));
        assertThat(
                        InvalidSpecsTest.problemsOf(
                                kafka("strimzi: {cluster: c, user: u, authentication: scram}")))
                .anySatisfy(
                        p ->
                                assertThat(p.path() + " " + p.message())
                                        .contains("authentication")
                                        .contains("scram-sha-512"));
    }
}
