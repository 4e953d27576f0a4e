package io.eventpipeline.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventpipeline.operator.config.OperatorConfig;
import io.eventpipeline.operator.flink.FlinkDeploymentRenderer;
import io.eventpipeline.operator.testing.CrdSchema;
import io.eventpipeline.spec.PipelineDefinition;
import io.eventpipeline.spec.resolved.ResolvedPipeline;
import io.eventpipeline.spec.validation.PipelineValidator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.flink.kubernetes.operator.api.FlinkDeployment;
import org.junit.jupiter.api.Test;

/**
 * A spec with every bounded field at its largest accepted value (parallelism at the operator's
 * default max parallelism) renders, and validly.
 */
class SpecAtItsBoundsTest {
    private static final OperatorConfig CONFIG =
            OperatorConfig.fromEnvironment(
                    Map.of(
                            "EP_KAFKA_BOOTSTRAP_SERVERS", "kafka:9092",
                            "EP_SAVEPOINT_DIR", "s3://flink-state/savepoints",
                            "EP_CHECKPOINT_DIR", "s3://flink-state/checkpoints"));

    @Test
    void theLargestAcceptedValuesRenderAFlinkDeploymentTheFlinkOperatorAccepts() throws Exception {
        String yaml =
                Files.readString(Path.of("../examples/flight-delays.yaml"))
                        .replace("within: 2h", "within: 365d")
                        .replace("partitions: 6", "partitions: 10000")
                        .replace("min: 1\n            max: 3", "min: 1000\n            max: 1000")
                        .replace("checkpointInterval: 30s", "checkpointInterval: 7d")
                        .replace("parallelism: 2", "parallelism: 128")
                        .replace("{cpu: 0.5, memory: 1Gi}", "{cpu: 512, memory: 1Ti}")
                        .replace("{cpu: 1, memory: 2Gi}", "{cpu: 0.001, memory: 1Mi}");
        assertThat(yaml).contains("365d", "10000", "max: 1000", "7d", "128", "1Ti", "1Mi");

        ResolvedPipeline resolved =
                new PipelineResolver(CONFIG, new PipelineValidator())
                        .resolve(PipelineDefinition.parse(yaml));
        FlinkDeployment rendered =
                new FlinkDeploymentRenderer(CONFIG.jobDefaults()).render(resolved, null);

        CrdSchema schema =
                CrdSchema.fromResource(
                        "/META-INF/fabric8/flinkdeployments.flink.apache.org-v1.yml", "v1beta1");
        assertThat(schema.problems(rendered)).isEmpty();
        assertThat(rendered.getSpec().getFlinkConfiguration())
                .containsEntry("execution.checkpointing.interval", "604800000 ms");
        assertThat(rendered.getSpec().getJobManager().getResource().getMemory()).isEqualTo("1Ti");
        assertThat(rendered.getSpec().getTaskManager().getResource().getCpu()).isEqualTo(0.001);
        assertThat(rendered.getSpec().getJob().getParallelism()).isEqualTo(128);
    }
}
