package io.eventpipeline.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventpipeline.operator.config.OperatorConfig;
import io.eventpipeline.operator.flink.FlinkDeploymentRenderer;
import io.eventpipeline.spec.PipelineDefinition;
import io.eventpipeline.spec.resolved.ResolvedPipeline;
import io.eventpipeline.spec.validation.InvalidPipelineException;
import io.eventpipeline.spec.validation.PipelineValidator;
import io.eventpipeline.spec.validation.ValidationProblem;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A pipeline whose FlinkDeployment would not fit far below etcd's limit is refused, with its size.
 */
class RenderedSizeTest {
    private static final OperatorConfig CONFIG =
            OperatorConfig.fromEnvironment(
                    Map.of(
                            "EP_KAFKA_BOOTSTRAP_SERVERS", "kafka:9092",
                            "EP_SAVEPOINT_DIR", "s3://flink-state/savepoints",
                            "EP_CHECKPOINT_DIR", "s3://flink-state/checkpoints"));

    private final PipelineResolver resolver = new PipelineResolver(CONFIG, new PipelineValidator());

    /** Valid: {@code patterns} patterns of three steps, each condition about 4000 characters. */
    private static PipelineDefinition pipeline(int patterns) throws InvalidPipelineException {
        StringBuilder yaml =
                new StringBuilder(
                        """
                        apiVersion: eventpipeline.io/v1alpha1
                        kind: EventPipeline
                        metadata: {name: big, namespace: ns}
                        spec:
                          input: {topic: in, key: id}
                          output: {topic: out}
                          patterns:
                        """);
        for (int p = 0; p < patterns; p++) {
            yaml.append("    - name: p").append(p).append("\n      steps:\n");
            for (int s = 0; s < 3; s++) {
                yaml.append("        - {name: s")
                        .append(s)
                        .append(", where: \"event.type == '")
                        .append(Character.toString('a' + s).repeat(4000))
                        .append("'\"}\n");
            }
        }
        return PipelineDefinition.parse(yaml.toString());
    }

    private int renderedBytes(ResolvedPipeline resolved) {
        return Serialization.asJson(
                        new FlinkDeploymentRenderer(CONFIG.jobDefaults()).render(resolved, null))
                .getBytes(StandardCharsets.UTF_8)
                .length;
    }

    @Test
    void aPipelineThatRendersWithinTheBoundResolves() throws Exception {
        ResolvedPipeline resolved = resolver.resolve(pipeline(16));
        assertThat(renderedBytes(resolved)).isBetween(190_000, RenderedSize.MAX_BYTES);
    }

    @Test
    void aPipelineThatRendersPastTheBoundIsRefusedWithItsSize() throws Exception {
        PipelineDefinition big = pipeline(32);
        assertThatThrownBy(() -> resolver.resolve(big))
                .isInstanceOfSatisfying(
                        InvalidPipelineException.class,
                        e ->
                                assertThat(e.problems())
                                        .singleElement()
                                        .extracting(
                                                ValidationProblem::path, ValidationProblem::message)
                                        .satisfies(
                                                fields -> {
                                                    assertThat(fields.get(0)).isEqualTo("spec");
                                                    assertThat((String) fields.get(1))
                                                            .matches(
                                                                    "renders a FlinkDeployment of"
                                                                            + " 3[0-9]{5} bytes; at"
                                                                            + " most 262144 fit .*")
                                                            .endsWith(
                                                                    "shorten the conditions and"
                                                                        + " emit expressions, or"
                                                                        + " split the patterns"
                                                                        + " across pipelines");
                                                }));
    }

    @Test
    void aPipelineTooBigIsRefusedOnEveryResolveNotOnlyTheFirst() throws Exception {
        PipelineDefinition big = pipeline(32);
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> resolver.resolve(big))
                    .isInstanceOf(InvalidPipelineException.class)
                    .hasMessageContaining("renders a FlinkDeployment of");
        }
    }

    @Test
    void aPipelineMadeTooBigAfterItFitIsRefused() throws Exception {
        // A fit is known for one spec's content; a changed spec is measured again.
        resolver.resolve(pipeline(16));
        assertThatThrownBy(() -> resolver.resolve(pipeline(32)))
                .isInstanceOf(InvalidPipelineException.class)
                .hasMessageContaining("renders a FlinkDeployment of");
    }
}
