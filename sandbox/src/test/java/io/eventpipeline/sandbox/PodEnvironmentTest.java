package io.eventpipeline.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PodEnvironmentTest {
    private static final Secret AUTH =
            new SecretBuilder()
                    .withNewMetadata()
                    .withName("auth")
                    .endMetadata()
                    .withData(Map.of("from-data", base64("decoded\nvalue\n")))
                    .withStringData(Map.of("from-string-data", "as written"))
                    .build();

    @Test
    void plainValuesAreTakenAsTheyAre() {
        Container container = container(plain("A", "one"), new EnvVar("EMPTY", null, null));
        assertThat(PodEnvironment.of(container, List.of()))
                .containsExactly(Map.entry("A", "one"), Map.entry("EMPTY", ""));
    }

    @Test
    void secretKeyRefsReadTheSecretsDecodedDataAndItsStringData() {
        Container container =
                container(
                        secretRef("FROM_DATA", "auth", "from-data", false),
                        secretRef("FROM_STRING_DATA", "auth", "from-string-data", true));
        assertThat(PodEnvironment.of(container, List.of(AUTH)))
                .containsExactly(
                        Map.entry("FROM_DATA", "decoded\nvalue\n"),
                        Map.entry("FROM_STRING_DATA", "as written"));
    }

    @Test
    void anOptionalReferenceToAnAbsentKeyOrSecretSetsNothing() {
        Container container =
                container(
                        secretRef("MISSING_KEY", "auth", "not-there", true),
                        secretRef("MISSING_SECRET", "other", "from-data", true),
                        plain("KEPT", "yes"));
        assertThat(PodEnvironment.of(container, List.of(AUTH)))
                .containsExactly(Map.entry("KEPT", "yes"));
    }

    @Test
    void aRequiredReferenceToAnAbsentKeyOrSecretFailsNamingIt() {
        assertThatThrownBy(
                        () ->
                                PodEnvironment.of(
                                        container(secretRef("X", "auth", "not-there", false)),
                                        List.of(AUTH)))
                .hasMessage("X: key not-there not found in Secret auth");
        assertThatThrownBy(
                        () ->
                                PodEnvironment.of(
                                        container(secretRef("X", "other", "k", null)),
                                        List.of(AUTH)))
                .hasMessage("X: Secret other not found");
    }

    @Test
    void envFromSecretsComeFirstAndEnvReplacesThem() {
        Container container =
                new ContainerBuilder()
                        .withName("main")
                        .addNewEnvFrom()
                        .withPrefix("P_")
                        .withNewSecretRef("auth", false)
                        .endEnvFrom()
                        .addNewEnvFrom()
                        .withNewSecretRef("absent", true)
                        .endEnvFrom()
                        .withEnv(
                                plain("P_from-data", "replaced"),
                                // Finds nothing: the envFrom value stays.
                                secretRef("P_from-string-data", "auth", "not-there", true))
                        .build();
        assertThat(PodEnvironment.of(container, List.of(AUTH)))
                .containsOnly(
                        Map.entry("P_from-data", "replaced"),
                        Map.entry("P_from-string-data", "as written"));
    }

    @Test
    void whatPodsHereNeverUseIsRefusedRatherThanIgnored() {
        EnvVar fieldRef =
                new EnvVarBuilder()
                        .withName("NODE")
                        .withNewValueFrom()
                        .withNewFieldRef()
                        .withFieldPath("spec.nodeName")
                        .endFieldRef()
                        .endValueFrom()
                        .build();
        assertThatThrownBy(() -> PodEnvironment.of(container(fieldRef), List.of()))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> PodEnvironment.of(container(plain("B", "$(A)/x")), List.of()))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    private static Container container(EnvVar... env) {
        return new ContainerBuilder().withName("main").withEnv(env).build();
    }

    private static EnvVar plain(String name, String value) {
        return new EnvVar(name, value, null);
    }

    private static EnvVar secretRef(String name, String secret, String key, Boolean optional) {
        return new EnvVarBuilder()
                .withName(name)
                .withNewValueFrom()
                .withNewSecretKeyRef(key, secret, optional)
                .endValueFrom()
                .build();
    }

    private static String base64(String value) {
        return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
    }
}
