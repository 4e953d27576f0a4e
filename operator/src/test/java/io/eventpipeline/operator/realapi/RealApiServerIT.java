package io.eventpipeline.operator.realapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventpipeline.operator.config.OperatorConfig;
import io.eventpipeline.operator.flink.FlinkDeploymentRenderer;
import io.eventpipeline.operator.reconciler.PipelineResolver;
import io.eventpipeline.spec.PipelineDefinition;
import io.eventpipeline.spec.resolved.ResolvedPipeline;
import io.eventpipeline.spec.validation.PipelineValidator;
import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.flink.kubernetes.operator.api.FlinkDeployment;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What only a real API server shows: our CRD installed as it ships, its validation rules run by the
 * server itself, the rendered FlinkDeployment stored as rendered (nothing pruned by the Flink CRD's
 * schema), and discovery resolving our short names. Skipped with one line where kube-api-test has
 * no binaries ({@link RealApiServer}).
 */
class RealApiServerIT {
    static final String API_VERSION = "eventpipeline.io/v1alpha1";
    static final String NAMESPACE = "real";

    static RealApiServer server;
    static KubernetesClient client;

    @BeforeAll
    static void start() {
        server = RealApiServer.startOrSkip();
        client = server.client();
        server.createNamespace(NAMESPACE);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    static io.fabric8.kubernetes.client.dsl.NonNamespaceOperation<
                    GenericKubernetesResource,
                    io.fabric8.kubernetes.api.model.GenericKubernetesResourceList,
                    io.fabric8.kubernetes.client.dsl.Resource<GenericKubernetesResource>>
            pipelines() {
        return client.genericKubernetesResources(API_VERSION, "EventPipeline")
                .inNamespace(NAMESPACE);
    }

    static GenericKubernetesResource pipeline(String yaml) {
        return Serialization.unmarshal(yaml, GenericKubernetesResource.class);
    }

    static String example() throws Exception {
        return Files.readString(Path.of("../examples/flight-delays.yaml"))
                .replace("namespace: airline", "namespace: " + NAMESPACE);
    }

    @Test
    void theServerAcceptsTheExample() throws Exception {
        assertThat(pipelines().resource(pipeline(example())).create().getMetadata().getUid())
                .isNotBlank();
    }

    /** One change to the example per rule of the CRD, and the message the rule promises. */
    static Stream<Arguments> brokenRules() {
        return Stream.of(
                Arguments.of(
                        "both-quantifiers",
                        "          times:\n",
                        "          oneOrMore: true\n          times:\n",
                        "times and oneOrMore exclude each other"),
                Arguments.of(
                        "max-below-min",
                        "            min: 1\n            max: 3\n",
                        "            min: 3\n            max: 1\n",
                        "max must be at least min"),
                Arguments.of(
                        "skip-to-nowhere",
                        "afterMatch: skipPastLastEvent",
                        "afterMatch: skipToFirst",
                        "afterMatchStep is required with afterMatch skipToFirst or skipToLast,"
                                + " and only then"),
                Arguments.of(
                        "sized-existing-topic",
                        "    topic: flight-events\n",
                        "    topic: flight-events\n    create: false\n",
                        "partitions, replicationFactor and config apply only to topics the"
                                + " operator creates (create: true)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenRules")
    void theServerRunsEachValidationRuleWithItsMessage(
            String name, String from, String to, String message) throws Exception {
        String example = example();
        assertThat(example).as("the example still has what the case changes").contains(from);
        String broken = example.replace("name: flight-delays", "name: " + name).replace(from, to);
        assertThatThrownBy(() -> pipelines().resource(pipeline(broken)).create())
                .isInstanceOf(KubernetesClientException.class)
                .satisfies(
                        e -> assertThat(((KubernetesClientException) e).getCode()).isEqualTo(422))
                .hasMessageContaining(message);
    }

    @Test
    void theRenderedFlinkDeploymentIsStoredAsRendered() throws Exception {
        OperatorConfig config =
                OperatorConfig.fromEnvironment(
                        Map.of(
                                "EP_KAFKA_BOOTSTRAP_SERVERS", "kafka:9092",
                                "EP_SAVEPOINT_DIR", "s3://flink-state/savepoints",
                                "EP_CHECKPOINT_DIR", "s3://flink-state/checkpoints"));
        ResolvedPipeline resolved =
                new PipelineResolver(config, new PipelineValidator())
                        .resolve(PipelineDefinition.parse(example()));
        FlinkDeployment rendered =
                new FlinkDeploymentRenderer(config.jobDefaults()).render(resolved, null);
        FlinkDeployment stored = client.resource(rendered).create();
        FlinkDeployment read =
                client.resources(FlinkDeployment.class)
                        .inNamespace(NAMESPACE)
                        .withName(stored.getMetadata().getName())
                        .get();
        JsonNode storedSpec = Serialization.jsonMapper().valueToTree(read.getSpec());
        JsonNode renderedSpec = Serialization.jsonMapper().valueToTree(rendered.getSpec());
        assertThat(storedSpec).isEqualTo(renderedSpec);
    }

    @Test
    void discoveryResolvesOurShortNamesAndEpStaysEndpoints() {
        APIResource ours =
                client.getApiResources(API_VERSION).getResources().stream()
                        .filter(r -> r.getName().equals("eventpipelines"))
                        .findFirst()
                        .orElseThrow();
        assertThat(ours.getShortNames()).containsExactly("evp", "evpipe");
        assertThat(client.getApiResources("v1").getResources())
                .filteredOn(r -> r.getShortNames() != null && r.getShortNames().contains("ep"))
                .extracting(APIResource::getName)
                .containsExactly("endpoints");
    }
}
