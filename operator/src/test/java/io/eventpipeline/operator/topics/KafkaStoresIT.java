package io.eventpipeline.operator.topics;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventpipeline.kafka.embedded.EmbeddedKafkaBroker;
import io.eventpipeline.kafka.embedded.SecureListener;
import io.eventpipeline.kafka.embedded.ServerTls;
import io.eventpipeline.kafka.embedded.TestCertificates;
import io.eventpipeline.kafka.embedded.TestStores;
import io.eventpipeline.operator.api.StatusCondition;
import io.eventpipeline.operator.testing.OperatorHarness;
import io.eventpipeline.operator.testing.Pipelines;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The operator's Admin client with PKCS12 and JKS stores and with Strimzi's Secrets as Strimzi
 * writes them (cluster CA, a TLS and a SCRAM KafkaUser), against TLS, mTLS and SASL_SSL listeners.
 */
class KafkaStoresIT {
    private static final String NAMESPACE = "stores";
    private static final String STORE_PASSWORD = "store-pass-7";
    private static final String SCRAM_PASSWORD = "scram-password-2";

    static TestCertificates certificates;
    static EmbeddedKafkaBroker broker;
    static OperatorHarness harness;

    @BeforeAll
    static void start() {
        certificates = TestCertificates.generate();
        broker =
                EmbeddedKafkaBroker.builder()
                        .serverTls(ServerTls.of(certificates))
                        .secureListeners(SecureListener.MTLS, SecureListener.SASL_SSL_SCRAM)
                        .scramUsers(Map.of("app", SCRAM_PASSWORD))
                        .build()
                        .start();
        harness = OperatorHarness.start(broker);
    }

    @AfterAll
    static void stop() {
        harness.close();
        broker.close();
    }

    @Test
    void pkcs12StoresCreateTopicsOverMutualTls() throws Exception {
        storesSecret("p12", "PKCS12", STORE_PASSWORD);
        assertTopicsCreated("p12", SecureListener.MTLS, stores("p12", "PKCS12", "p12"));
    }

    @Test
    void jksStoresCreateTopicsOverMutualTls() throws Exception {
        storesSecret("jks", "JKS", STORE_PASSWORD);
        assertTopicsCreated("jks", SecureListener.MTLS, stores("jks", "JKS", "jks"));
    }

    @Test
    void aStrimziTlsUserCreatesTopicsFromStrimzisOwnSecrets() throws Exception {
        strimziClusterCa("tlsc");
        secret(
                "tls-user",
                Map.of(
                        "user.crt", text(certificates.client().chainPem()),
                        "user.key", text(certificates.client().keyPem()),
                        "user.p12",
                                TestStores.keystore(
                                        certificates.client(), "PKCS12", STORE_PASSWORD),
                        "user.password", text(STORE_PASSWORD)));
        assertTopicsCreated(
                "strimzitls",
                SecureListener.MTLS,
                "strimzi: {cluster: tlsc, user: tls-user, authentication: tls}");
    }

    @Test
    void aStrimziScramUserCreatesTopicsFromStrimzisOwnSecrets() throws Exception {
        strimziClusterCa("scramc");
        secret(
                "app",
                Map.of(
                        "password", text(SCRAM_PASSWORD),
                        "sasl.jaas.config",
                                text(
                                        "org.apache.kafka.common.security.scram.ScramLoginModule"
                                                + " required username=\"app\" password=\""
                                                + SCRAM_PASSWORD
                                                + "\";")));
        assertTopicsCreated(
                "strimziscram",
                SecureListener.SASL_SSL_SCRAM,
                "strimzi: {cluster: scramc, user: app, authentication: scram-sha-512}");
    }

    @Test
    void aWrongStorePasswordIsAClearReasonWithoutThePassword() {
        Map<String, byte[]> data = new LinkedHashMap<>(storeData("PKCS12", STORE_PASSWORD));
        data.put("ca.password", text("not-the-password-9"));
        secret("wrongpw", data);
        StatusCondition topicsReady =
                degraded("wrongpw", SecureListener.MTLS, stores("wrongpw", "PKCS12", "p12"));
        assertThat(topicsReady.getReason()).isEqualTo("CredentialsUnreadable");
        assertThat(topicsReady.getMessage())
                .contains(
                        "the truststore ca.p12 in Secret stores/wrongpw"
                                + " (spec.kafka.tls.truststore) cannot be opened: wrong password"
                                + " or not a PKCS12 store")
                .doesNotContain("not-the-password-9")
                .doesNotContain(STORE_PASSWORD);
    }

    @Test
    void aMissingStoreKeyNamesTheField() {
        secret("nokey", Map.of("ca.password", text(STORE_PASSWORD)));
        StatusCondition topicsReady =
                degraded(
                        "nokey",
                        SecureListener.MTLS,
                        "tls: {truststore: {secretName: nokey, key: ca.p12, type: PKCS12,"
                                + " passwordKey: ca.password}}");
        assertThat(topicsReady.getReason()).isEqualTo("AuthSecretNotFound");
        assertThat(topicsReady.getMessage())
                .isEqualTo("Secret stores/nokey (spec.kafka.tls.truststore) has no key ca.p12");
    }

    private static String stores(String secret, String type, String extension) {
        return "tls: {truststore: {secretName: "
                + secret
                + ", key: ca."
                + extension
                + ", type: "
                + type
                + ", passwordKey: ca.password}, keystore: {secretName: "
                + secret
                + ", key: user."
                + extension
                + ", type: "
                + type
                + ", passwordKey: user.password}}";
    }

    private static Map<String, byte[]> storeData(String type, String password) {
        String extension = type.equals("JKS") ? "jks" : "p12";
        return Map.of(
                "ca." + extension,
                TestStores.truststore(certificates.caPem(), type, password),
                "ca.password",
                text(password),
                "user." + extension,
                TestStores.keystore(certificates.client(), type, password),
                "user.password",
                text(password));
    }

    private static void storesSecret(String name, String type, String password) {
        secret(name, storeData(type, password));
    }

    /** As Strimzi writes {@code <cluster>-cluster-ca-cert}. */
    private static void strimziClusterCa(String cluster) {
        secret(
                cluster + "-cluster-ca-cert",
                Map.of(
                        "ca.crt", text(certificates.caPem()),
                        "ca.p12",
                                TestStores.truststore(
                                        certificates.caPem(), "PKCS12", STORE_PASSWORD),
                        "ca.password", text(STORE_PASSWORD)));
    }

    private static byte[] text(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    private static void secret(String name, Map<String, byte[]> data) {
        Map<String, String> encoded = new LinkedHashMap<>();
        data.forEach((k, v) -> encoded.put(k, Base64.getEncoder().encodeToString(v)));
        harness.client()
                .secrets()
                .inNamespace(NAMESPACE)
                .resource(
                        new SecretBuilder()
                                .withNewMetadata()
                                .withName(name)
                                .withNamespace(NAMESPACE)
                                .endMetadata()
                                .withData(encoded)
                                .build())
                .create();
    }

    private static void assertTopicsCreated(
            String name, SecureListener listener, String credentials) throws Exception {
        outcomes().assertTopicsCreated(name, () -> apply(name, listener, credentials));
    }

    private static StatusCondition degraded(
            String name, SecureListener listener, String credentials) {
        return outcomes().degraded(name, () -> apply(name, listener, credentials));
    }

    private static SecurePipelineOutcomes outcomes() {
        return new SecurePipelineOutcomes(harness, broker, NAMESPACE);
    }

    private static void apply(String name, SecureListener listener, String credentials) {
        harness.apply(
                Pipelines.flightDelays(NAMESPACE, name)
                        .replace(
                                "spec:\n  input:",
                                "spec:\n  kafka:\n    bootstrapServers: "
                                        + broker.bootstrapServers(listener)
                                        + "\n    "
                                        + credentials
                                        + "\n  input:"));
    }
}
