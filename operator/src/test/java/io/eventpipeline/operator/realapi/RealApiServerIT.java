package io.eventpipeline.operator.realapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventpipeline.operator.config.OperatorConfig;
import io.eventpipeline.operator.flink.FlinkDeploymentRenderer;
import io.eventpipeline.operator.reconciler.PipelineResolver;
import io.eventpipeline.spec.PipelineDefinition;
import io.eventpipeline.spec.validation.PipelineValidator;
import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.flink.kubernetes.operator.api.FlinkDeployment;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What only a real API server shows: our CRD installed as it ships, its validation rules run by the
 * server itself, the rendered FlinkDeployment stored as rendered (nothing pruned by the Flink CRD's
 * schema), and discovery resolving our short names. Skipped with one line where kube-api-test has
 * no binaries ({@link RealApiServer}).
 */
class RealApiServerIT {
    static final Path CRD = Path.of("../crds/eventpipelines.eventpipeline.io-v1.yml");
    static final String FLINK_CRD = "/META-INF/fabric8/flinkdeployments.flink.apache.org-v1.yml";
    static final String API_VERSION = "eventpipeline.io/v1alpha1";
    static final String NAMESPACE = "real";

    static RealApiServer server;
    static KubernetesClient client;

    @BeforeAll
    static void start() throws Exception {
        server = RealApiServer.startOrSkip();
        client = server.client();
        install(Files.newInputStream(CRD));
        install(RealApiServerIT.class.getResourceAsStream(FLINK_CRD));
        client.namespaces()
                .resource(
                        new NamespaceBuilder()
                                .withNewMetadata()
                                .withName(NAMESPACE)
                                .endMetadata()
                                .build())
                .create();
        await().atMost(Duration.ofSeconds(30))
                .ignoreExceptions()
                .until(() -> pipelines().list() != null);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    static void install(InputStream crd) throws Exception {
        try (crd) {
            client.apiextensions()
                    .v1()
                    .customResourceDefinitions()
                    .resource(Serialization.unmarshal(crd, CustomResourceDefinition.class))
                    .create();
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
    void theServerRunsTheCrdsValidationRulesWithTheirMessages() throws Exception {
        assertThat(pipelines().resource(pipeline(example())).create().getMetadata().getUid())
                .isNotBlank();
        String both =
                example()
                        .replace("name: flight-delays", "name: both-quantifiers")
                        .replace(
                                "times: {min: 1, max: 3}",
                                "times: {min: 1, max: 3}, oneOrMore: true");
        assertThatThrownBy(() -> pipelines().resource(pipeline(both)).create())
                .isInstanceOf(KubernetesClientException.class)
                .satisfies(
                        e -> assertThat(((KubernetesClientException) e).getCode()).isEqualTo(422))
                .hasMessageContaining("times and oneOrMore exclude each other");
    }

    @Test
    void theRenderedFlinkDeploymentIsStoredAsRendered() throws Exception {
        OperatorConfig config =
                OperatorConfig.fromEnvironment(
                        Map.of(
                                "EP_KAFKA_BOOTSTRAP_SERVERS", "kafka:9092",
                                "EP_SAVEPOINT_DIR", "s3://flink-state/savepoints",
                                "EP_CHECKPOINT_DIR", "s3://flink-state/checkpoints"));
        PipelineDefinition resolved =
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
