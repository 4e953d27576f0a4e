package io.eventpipeline.job.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventpipeline.spec.PipelineDefinition;
import io.eventpipeline.spec.PipelineJobArgs;
import io.eventpipeline.spec.PipelineJson;
import io.eventpipeline.spec.resolved.ResolvedPipeline;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.apache.flink.client.deployment.application.ApplicationConfiguration;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ConfigurationUtils;
import org.apache.flink.configuration.GlobalConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The job reads exactly what the operator renders into the FlinkDeployment's args. */
class JobArgumentsTest {
    private static final Path GOLDEN =
            Path.of("..", "operator/src/test/resources/golden/flight-delays.flinkdeployment.yaml");

    private static List<String> goldenArgs() throws Exception {
        JsonNode args = PipelineJson.yaml().readTree(GOLDEN.toFile()).at("/spec/job/args");
        List<String> list = new ArrayList<>();
        args.forEach(arg -> list.add(arg.asText()));
        return list;
    }

    private static PipelineDefinition example() throws Exception {
        return PipelineDefinition.parse(
                Files.readString(Path.of("..", "examples/flight-delays.yaml")));
    }

    @Test
    void readsThePipelineFromTheOperatorsRenderedArgs() throws Exception {
        List<String> args = goldenArgs();
        assertThat(args).hasSize(3).startsWith("run", "--pipeline-json");
        assertThat(args.get(2)).as("readable as it stands").contains("\"patterns\"");
        ResolvedPipeline pipeline = ResolvedPipeline.resolve(PipelineJobArgs.decode(args));
        assertThat(pipeline.id()).isEqualTo("airline/flight-delays");
        assertThat(pipeline.patterns()).hasSize(1);
        KafkaJobSettings settings =
                KafkaJobSettings.forDeployment(
                        pipeline.kafka(), Map.of("KAFKA_AUTH_SECURITY_PROTOCOL", "SASL_SSL"));
        assertThat(settings.bootstrapServers()).isEqualTo("kafka-bootstrap.kafka:9092");
        assertThat(settings.clientProperties()).containsEntry("security.protocol", "SASL_SSL");
        assertThat(KafkaPipelineJob.names(pipeline).consumerGroup())
                .isEqualTo("eventpipeline-airline-flight-delays");
    }

    @Test
    void encodeThenDecodeGivesTheJobsViewOfThePipeline() throws Exception {
        PipelineDefinition example = example();
        PipelineDefinition decoded = PipelineJobArgs.decode(PipelineJobArgs.encode(example));
        assertThat(decoded.toJson()).isEqualTo(PipelineJobArgs.jobView(example).toJson());
        // The job builds the same graph from its view as from the whole pipeline.
        ResolvedPipeline whole = ResolvedPipeline.resolve(example);
        ResolvedPipeline view = ResolvedPipeline.resolve(decoded);
        assertThat(PipelineJson.toJson(view.spec().getPatterns()))
                .isEqualTo(PipelineJson.toJson(whole.spec().getPatterns()));
        assertThat(PipelineJson.toJson(view.spec().getInput().getTimestamp()))
                .isEqualTo(PipelineJson.toJson(whole.spec().getInput().getTimestamp()));
        assertThat(view.spec().getDeadLetter().getTopic())
                .isEqualTo(whole.spec().getDeadLetter().getTopic());
        assertThat(view.conditionFields()).isEqualTo(whole.conditionFields());
    }

    @Test
    void argumentsOfEarlierOperatorsAreStillRead() throws Exception {
        PipelineDefinition example = example();
        String base64 =
                Base64.getEncoder()
                        .encodeToString(example.toJson().getBytes(StandardCharsets.UTF_8));
        List<String> earlier = List.of("run", "--pipeline-base64", base64);
        assertThat(PipelineJobArgs.isEarlierFormat(earlier)).isTrue();
        assertThat(PipelineJobArgs.decode(earlier).toJson()).isEqualTo(example.toJson());
        assertThat(PipelineJobArgs.isEarlierFormat(PipelineJobArgs.encode(example))).isFalse();
    }

    /**
     * The Flink operator hands program arguments to the JobManager through Flink's configuration
     * file: a list option written with Flink's own code, then read back at start. The JSON (quotes,
     * ';', ',', ':', '[' and non-ASCII in CEL strings) must come back byte for byte in both file
     * formats Flink 1.20 reads.
     */
    @Test
    void theArgumentsSurviveFlinksConfigurationFile(@TempDir Path dir) throws Exception {
        PipelineDefinition hostile =
                PipelineDefinition.parse(
                        Files.readString(Path.of("..", "examples/flight-delays.yaml"))
                                .replace("'DELAY'", "'a;b, \\\"c\\\": [d] # \u00e9'"));
        assertThat(hostile.toJson()).contains("# \u00e9");
        List<String> args = PipelineJobArgs.encode(hostile);
        assertThat(args.get(2)).doesNotContain("#").contains("\\u0023");
        assertThat(PipelineJobArgs.decode(args).toJson())
                .isEqualTo(PipelineJobArgs.jobView(hostile).toJson());
        boolean standardBefore = GlobalConfiguration.isStandardYaml();
        try {
            for (boolean standardYaml : new boolean[] {true, false}) {
                Path conf = Files.createDirectories(dir.resolve("std-" + standardYaml));
                Configuration config = new Configuration(standardYaml);
                config.set(ApplicationConfiguration.APPLICATION_ARGS, args);
                String file = standardYaml ? "config.yaml" : "flink-conf.yaml";
                Files.write(
                        conf.resolve(file),
                        ConfigurationUtils.convertConfigToWritableLines(config, false));
                Configuration loaded = GlobalConfiguration.loadConfiguration(conf.toString());
                assertThat(loaded.get(ApplicationConfiguration.APPLICATION_ARGS))
                        .as(file)
                        .isEqualTo(args);
            }
        } finally {
            GlobalConfiguration.setStandardYaml(standardBefore);
        }
    }
}
