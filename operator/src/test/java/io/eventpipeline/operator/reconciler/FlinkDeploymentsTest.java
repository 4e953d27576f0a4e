package io.eventpipeline.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventpipeline.operator.api.EventPipeline;
import io.eventpipeline.operator.config.OperatorConfig;
import io.eventpipeline.operator.flink.FlinkDeploymentRenderer;
import io.eventpipeline.spec.PipelineDefinition;
import io.eventpipeline.spec.resolved.ResolvedPipeline;
import io.eventpipeline.spec.validation.PipelineValidator;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.GenericKubernetesResourceMatcher;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.kubernetes.operator.api.FlinkDeployment;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * When the FlinkDeployment is written. Each case that needs a write is also checked against the
 * matcher JOSDK's {@code KubernetesDependentResource} uses without server-side apply (the only mode
 * the mock API server of the fast tests speaks): it would skip these writes, which is one reason
 * the FlinkDeployment is not a dependent resource (DESIGN.md, "The FlinkDeployment").
 */
class FlinkDeploymentsTest {
    private static final OperatorConfig CONFIG =
            OperatorConfig.fromEnvironment(
                    Map.of(
                            "EP_KAFKA_BOOTSTRAP_SERVERS", "kafka-bootstrap.kafka:9092",
                            "EP_SAVEPOINT_DIR", "s3://flink-state/savepoints",
                            "EP_CHECKPOINT_DIR", "s3://flink-state/checkpoints"));
    private static final KubernetesClient CLIENT =
            new KubernetesClientBuilder()
                    .withConfig(new ConfigBuilder().withMasterUrl("https://127.0.0.1:1").build())
                    .build();

    @AfterAll
    static void close() {
        CLIENT.close();
    }

    @Test
    void theSameObjectIsNeverWrittenAgain() throws Exception {
        FlinkDeployment desired = render(pipeline("6f1f7c1e-0000-4000-8000-000000000001"));
        assertThat(FlinkDeployments.needsWrite(desired, copy(desired))).isFalse();
        assertThat(FlinkDeployments.needsWrite(desired, null)).isTrue();
    }

    @Test
    void aFlinkKeyNoLongerRenderedIsRemoved() throws Exception {
        assertWrittenThoughJosdkWouldMatch(
                actual ->
                        actual.getSpec()
                                .getFlinkConfiguration()
                                .put("taskmanager.memory.task.off-heap.size", "1g"));
    }

    @Test
    void aJobArgumentNoLongerRenderedIsRemoved() throws Exception {
        assertWrittenThoughJosdkWouldMatch(
                actual -> {
                    List<String> args =
                            new ArrayList<>(List.of(actual.getSpec().getJob().getArgs()));
                    args.add("--earlier-option");
                    actual.getSpec().getJob().setArgs(args.toArray(String[]::new));
                });
    }

    @Test
    void anotherControllerIsReplacedByThePipeline() throws Exception {
        OwnerReference earlier =
                FlinkDeployments.ownerReference(pipeline("6f1f7c1e-0000-4000-8000-000000000002"));
        assertWrittenThoughJosdkWouldMatch(
                actual -> actual.getMetadata().setOwnerReferences(List.of(earlier)));
    }

    /**
     * {@code change} made to the live object must be written back, though JOSDK's non-SSA matcher
     * calls the live object a match (DESIGN.md, why not a dependent resource).
     */
    private static void assertWrittenThoughJosdkWouldMatch(
            java.util.function.Consumer<FlinkDeployment> change) throws Exception {
        FlinkDeployment desired = render(pipeline("6f1f7c1e-0000-4000-8000-000000000001"));
        FlinkDeployment actual = copy(desired);
        change.accept(actual);

        assertThat(FlinkDeployments.needsWrite(desired, actual)).isTrue();
        assertThat(josdkMatches(desired, actual)).isTrue();
    }

    private static FlinkDeployment render(EventPipeline pipeline) throws Exception {
        ResolvedPipeline resolved =
                new PipelineResolver(CONFIG, new PipelineValidator())
                        .resolve(
                                PipelineDefinition.parse(
                                        Files.readString(
                                                Path.of("../examples/flight-delays.yaml"))));
        return new FlinkDeploymentRenderer(CONFIG.jobDefaults())
                .render(resolved, FlinkDeployments.ownerReference(pipeline));
    }

    private static EventPipeline pipeline(String uid) {
        EventPipeline pipeline = new EventPipeline();
        pipeline.setMetadata(
                new ObjectMetaBuilder()
                        .withName("flight-delays")
                        .withNamespace("default")
                        .withUid(uid)
                        .build());
        return pipeline;
    }

    private static FlinkDeployment copy(FlinkDeployment deployment) {
        return Serialization.clone(deployment);
    }

    /** What {@code KubernetesDependentResource.match} decides when server-side apply is off. */
    @SuppressWarnings("unchecked")
    private static boolean josdkMatches(FlinkDeployment desired, FlinkDeployment actual) {
        Context<EventPipeline> context =
                (Context<EventPipeline>)
                        Proxy.newProxyInstance(
                                Context.class.getClassLoader(),
                                new Class<?>[] {Context.class},
                                (proxy, method, args) -> {
                                    if (method.getName().equals("getClient")) {
                                        return CLIENT;
                                    }
                                    throw new UnsupportedOperationException(method.getName());
                                });
        return GenericKubernetesResourceMatcher.match(desired, actual, false, false, context)
                .matched();
    }
}
