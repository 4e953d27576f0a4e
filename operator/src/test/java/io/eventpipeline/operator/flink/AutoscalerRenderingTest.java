package io.eventpipeline.operator.flink;

import static io.eventpipeline.operator.flink.FlinkDeploymentRendererTest.CONFIG;
import static io.eventpipeline.operator.flink.FlinkDeploymentRendererTest.OWNER;
import static io.eventpipeline.operator.flink.FlinkDeploymentRendererTest.example;
import static io.eventpipeline.operator.flink.FlinkDeploymentRendererTest.resolved;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventpipeline.operator.testing.CrdSchema;
import io.eventpipeline.spec.validation.InvalidPipelineException;
import io.eventpipeline.spec.validation.ValidationProblem;
import java.time.Duration;
import java.util.Map;
import org.apache.flink.autoscaler.config.AutoScalerOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.kubernetes.operator.api.FlinkDeployment;
import org.junit.jupiter.api.Test;

/**
 * spec.flink.autoscaler reaches the Flink Kubernetes Operator's autoscaler under the names it reads
 * (its own AutoScalerOptions, parsed by Flink's Configuration), within the pinned max parallelism.
 */
class AutoscalerRenderingTest {
    private final FlinkDeploymentRenderer renderer =
            new FlinkDeploymentRenderer(CONFIG.jobDefaults());

    private static String withAutoscaler(String autoscaler) throws Exception {
        return example()
                .replace(
                        "    parallelism: 2\n",
                        "    parallelism: 2\n    autoscaler: " + autoscaler + "\n");
    }

    private static String withoutParallelism(String yaml) {
        return yaml.replace("    parallelism: 2\n", "");
    }

    @Test
    void theAutoscalerReadsEveryBoundTheSpecSets() throws Exception {
        FlinkDeployment rendered =
                renderer.render(
                        resolved(
                                withAutoscaler(
                                        "{minParallelism: 2, maxParallelism: 8,"
                                                + " targetUtilization: 0.6, metricsWindow: 10m,"
                                                + " stabilizationInterval: 2m}")),
                        OWNER);

        Configuration read = Configuration.fromMap(rendered.getSpec().getFlinkConfiguration());
        assertThat(read.get(AutoScalerOptions.AUTOSCALER_ENABLED)).isTrue();
        assertThat(read.get(AutoScalerOptions.VERTEX_MIN_PARALLELISM)).isEqualTo(2);
        assertThat(read.get(AutoScalerOptions.VERTEX_MAX_PARALLELISM)).isEqualTo(8);
        assertThat(read.get(AutoScalerOptions.TARGET_UTILIZATION)).isEqualTo(0.6);
        assertThat(read.get(AutoScalerOptions.METRICS_WINDOW)).isEqualTo(Duration.ofMinutes(10));
        assertThat(read.get(AutoScalerOptions.STABILIZATION_INTERVAL))
                .isEqualTo(Duration.ofMinutes(2));
        assertThat(rendered.getSpec().getFlinkConfiguration())
                .containsEntry(FlinkConfiguration.MAX_PARALLELISM, "128");
        assertThat(rendered.getSpec().getJob().getParallelism()).isEqualTo(2);
        assertThat(
                        CrdSchema.fromResource(
                                        "/META-INF/fabric8/flinkdeployments.flink.apache.org-v1.yml",
                                        "v1beta1")
                                .problems(rendered))
                .isEmpty();
    }

    @Test
    void whatTheSpecLeavesOutKeepsTheAutoscalersOwnDefault() throws Exception {
        Map<String, String> conf =
                renderer.render(resolved(withAutoscaler("{maxParallelism: 4}")), OWNER)
                        .getSpec()
                        .getFlinkConfiguration();

        Configuration read = Configuration.fromMap(conf);
        assertThat(read.get(AutoScalerOptions.VERTEX_MIN_PARALLELISM)).isEqualTo(1);
        assertThat(read.get(AutoScalerOptions.TARGET_UTILIZATION))
                .isEqualTo(AutoScalerOptions.TARGET_UTILIZATION.defaultValue());
        assertThat(conf)
                .doesNotContainKeys(
                        FlinkConfiguration.AUTOSCALER_TARGET_UTILIZATION,
                        FlinkConfiguration.AUTOSCALER_METRICS_WINDOW,
                        FlinkConfiguration.AUTOSCALER_STABILIZATION_INTERVAL);
    }

    @Test
    void withoutTheSectionNothingOfTheAutoscalerIsRendered() throws Exception {
        Map<String, String> conf =
                renderer.render(resolved(example()), OWNER).getSpec().getFlinkConfiguration();

        assertThat(conf.keySet()).noneMatch(key -> key.startsWith("job.autoscaler."));
        assertThat(Configuration.fromMap(conf).get(AutoScalerOptions.AUTOSCALER_ENABLED)).isFalse();
    }

    @Test
    void switchedOffItKeepsItsBoundsButDoesNotAct() throws Exception {
        Map<String, String> conf =
                renderer.render(
                                resolved(withAutoscaler("{enabled: false, maxParallelism: 4}")),
                                OWNER)
                        .getSpec()
                        .getFlinkConfiguration();

        assertThat(Configuration.fromMap(conf).get(AutoScalerOptions.AUTOSCALER_ENABLED)).isFalse();
        assertThat(conf).containsEntry(FlinkConfiguration.AUTOSCALER_MAX_PARALLELISM, "4");
    }

    @Test
    void theOperatorsDefaultParallelismStartsWithinTheBounds() throws Exception {
        FlinkDeployment rendered =
                renderer.render(
                        resolved(
                                withoutParallelism(
                                        withAutoscaler("{minParallelism: 3, maxParallelism: 6}"))),
                        OWNER);

        assertThat(CONFIG.jobDefaults().parallelism()).isLessThan(3);
        assertThat(rendered.getSpec().getJob().getParallelism()).isEqualTo(3);
    }

    @Test
    void aMaximumBeyondThePinnedMaxParallelismIsRefused() {
        assertThatThrownBy(() -> resolved(withAutoscaler("{maxParallelism: 500}")))
                .isInstanceOf(InvalidPipelineException.class)
                .satisfies(
                        e ->
                                assertThat(((InvalidPipelineException) e).problems())
                                        .extracting(ValidationProblem::path)
                                        .contains("spec.flink.autoscaler.maxParallelism"))
                .hasMessageContaining("more than pipeline.max-parallelism (128)");
    }

    @Test
    void thePipelineCannotSetTheAutoscalersKeysDirectly() throws Exception {
        String yaml =
                example()
                        .replace(
                                "    checkpointInterval: 30s\n",
                                "    checkpointInterval: 30s\n"
                                        + "    flinkConfiguration:\n"
                                        + "      job.autoscaler.vertex.max-parallelism: '64'\n");

        assertThatThrownBy(() -> resolved(yaml))
                .isInstanceOf(InvalidPipelineException.class)
                .hasMessageContaining("job.autoscaler.vertex.max-parallelism")
                .hasMessageContaining("set spec.flink.autoscaler.maxParallelism");
    }
}
