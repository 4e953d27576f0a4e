package io.eventpipeline.job.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventpipeline.job.topology.CompiledPipeline;
import io.eventpipeline.spec.PipelineDefinition;
import io.eventpipeline.spec.PipelineJobArgs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The job reads exactly what the operator renders into the FlinkDeployment's args. */
class JobArgumentsTest {
    private static final Path GOLDEN =
            Path.of("..", "operator/src/test/resources/golden/flight-delays.flinkdeployment.yaml");

    @Test
    void readsThePipelineFromTheOperatorsRenderedArgs() throws Exception {
        Matcher arg =
                Pattern.compile("- \"--pipeline-base64\"\\s+- \"([A-Za-z0-9+/=]+)\"")
                        .matcher(Files.readString(GOLDEN));
        assertThat(arg.find()).as("the golden FlinkDeployment carries the pipeline").isTrue();
        CompiledPipeline pipeline =
                CompiledPipeline.of(
                        PipelineJobArgs.decode(List.of("run", "--pipeline-base64", arg.group(1))));
        assertThat(pipeline.id()).isEqualTo("airline/flight-delays");
        assertThat(pipeline.patterns()).hasSize(1);
        KafkaJobSettings settings =
                KafkaJobSettings.forDeployment(
                        pipeline.spec(), Map.of("KAFKA_AUTH_SECURITY_PROTOCOL", "SASL_SSL"));
        assertThat(settings.bootstrapServers()).isEqualTo("kafka-bootstrap.kafka:9092");
        assertThat(settings.clientProperties()).containsEntry("security.protocol", "SASL_SSL");
        assertThat(KafkaPipelineJob.names(pipeline).consumerGroup())
                .isEqualTo("eventpipeline-airline-flight-delays");
    }

    @Test
    void encodeThenDecodeGivesTheSamePipeline() throws Exception {
        PipelineDefinition example =
                PipelineDefinition.parse(
                        Files.readString(Path.of("..", "examples/flight-delays.yaml")));
        PipelineDefinition decoded = PipelineJobArgs.decode(PipelineJobArgs.encode(example));
        assertThat(decoded.toJson()).isEqualTo(example.toJson());
    }
}
