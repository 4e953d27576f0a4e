package io.eventpipeline.operator.credentials;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CredentialsFingerprintTest {
    static final String UID = "6f1f7c1e-0000-4000-8000-000000000001";
    static final String PASSWORD = "s3cr3t-Pa55word";
    static final String JAAS =
            "org.apache.kafka.common.security.plain.PlainLoginModule required"
                    + " username=\"pipelines\" password=\""
                    + PASSWORD
                    + "\";";

    static Secret secret(String name, Map<String, String> data) {
        Map<String, String> encoded = new LinkedHashMap<>();
        data.forEach(
                (k, v) ->
                        encoded.put(
                                k,
                                Base64.getEncoder()
                                        .encodeToString(v.getBytes(StandardCharsets.UTF_8))));
        return new SecretBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace("shop")
                .withResourceVersion("7")
                .endMetadata()
                .withData(encoded)
                .build();
    }

    static Map<String, String> auth(String jaas) {
        Map<String, String> data = new LinkedHashMap<>();
        data.put("security.protocol", "SASL_PLAINTEXT");
        data.put("sasl.mechanism", "PLAIN");
        data.put("sasl.jaas.config", jaas);
        return data;
    }

    static String hash(Secret... secrets) {
        return CredentialsFingerprint.of(UID, List.of(secrets));
    }

    @Test
    void theOrderOfTheSecretsKeysDoesNotMatter() {
        Map<String, String> reversed = new LinkedHashMap<>();
        List<String> keys = List.copyOf(auth(JAAS).keySet());
        for (int i = keys.size() - 1; i >= 0; i--) {
            reversed.put(keys.get(i), auth(JAAS).get(keys.get(i)));
        }
        Map<String, String> hashed = new HashMap<>(auth(JAAS));
        String expected = hash(secret("kafka-client", auth(JAAS)));
        assertThat(hash(secret("kafka-client", reversed))).isEqualTo(expected);
        assertThat(hash(secret("kafka-client", hashed))).isEqualTo(expected);
    }

    @Test
    void aChangedValueOrKeyChangesIt() {
        String before = hash(secret("kafka-client", auth(JAAS)));
        assertThat(hash(secret("kafka-client", auth(JAAS.replace(PASSWORD, "rotated")))))
                .isNotEqualTo(before);
        Map<String, String> more = auth(JAAS);
        more.put("ssl.endpoint.identification.algorithm", "");
        assertThat(hash(secret("kafka-client", more))).isNotEqualTo(before);
        assertThat(hash(secret("other-client", auth(JAAS)))).isNotEqualTo(before);
    }

    @Test
    void metadataDoesNotChangeIt() {
        Secret relabelled = secret("kafka-client", auth(JAAS));
        relabelled.getMetadata().setResourceVersion("8");
        relabelled.getMetadata().setLabels(Map.of("rotated", "no"));
        assertThat(hash(relabelled)).isEqualTo(hash(secret("kafka-client", auth(JAAS))));
    }

    @Test
    void stringDataCountsAsTheDataTheServerMakesOfIt() {
        Secret written =
                new SecretBuilder()
                        .withNewMetadata()
                        .withName("kafka-client")
                        .endMetadata()
                        .withStringData(auth(JAAS))
                        .build();
        assertThat(hash(written)).isEqualTo(hash(secret("kafka-client", auth(JAAS))));
    }

    @Test
    void fieldBoundariesCannotBeShifted() {
        Secret ab = secret("s", Map.of("a", "bc"));
        Secret abShifted = secret("s", Map.of("ab", "c"));
        assertThat(hash(ab)).isNotEqualTo(hash(abShifted));
        assertThat(hash(secret("a", Map.of()), secret("b", Map.of())))
                .as("each Secret in its place")
                .isNotEqualTo(hash(secret("b", Map.of()), secret("a", Map.of())));
    }

    @Test
    void isKeyedByThePipelineAndShowsNoSecretBytes() {
        Secret secret = secret("kafka-client", auth(JAAS));
        String fingerprint = hash(secret);
        assertThat(fingerprint).matches("hmac-sha256:[0-9a-f]{64}");
        assertThat(fingerprint)
                .doesNotContain(PASSWORD)
                .doesNotContain(secret.getData().get("sasl.jaas.config"));
        assertThat(CredentialsFingerprint.of("another-uid", List.of(secret)))
                .as("the same credentials in another pipeline look different")
                .isNotEqualTo(fingerprint);
    }
}
