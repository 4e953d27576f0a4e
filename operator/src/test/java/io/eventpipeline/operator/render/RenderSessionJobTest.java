package io.eventpipeline.operator.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventpipeline.operator.config.OperatorConfig;
import io.eventpipeline.operator.testing.SessionClusters;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.flink.kubernetes.operator.api.FlinkSessionJob;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code render} of a pipeline on a session cluster prints the FlinkSessionJob it runs as. */
class RenderSessionJobTest {
    static final String JAR = "https://jars.example.com/pipeline-job.jar";

    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    RenderCommand command(Map<String, String> env) {
        return new RenderCommand(
                OperatorConfig.fromEnvironment(env),
                InputStream.nullInputStream(),
                new PrintStream(out, true),
                new PrintStream(err, true));
    }

    static Map<String, String> env(boolean withJar) {
        return withJar
                ? Map.of(
                        "EP_KAFKA_BOOTSTRAP_SERVERS", "kafka:9092",
                        "EP_SAVEPOINT_DIR", "s3://flink-state/savepoints",
                        "EP_CHECKPOINT_DIR", "s3://flink-state/checkpoints",
                        "EP_SESSION_JOB_JAR_URI", JAR)
                : Map.of(
                        "EP_KAFKA_BOOTSTRAP_SERVERS", "kafka:9092",
                        "EP_SAVEPOINT_DIR", "s3://flink-state/savepoints",
                        "EP_CHECKPOINT_DIR", "s3://flink-state/checkpoints");
    }

    static Path sessionPipeline(Path dir) throws Exception {
        Path file = dir.resolve("flight-delays-session.yaml");
        Files.writeString(
                file,
                SessionClusters.onSessionCluster(
                        Files.readString(Path.of("../examples/flight-delays.yaml")), "shared"));
        return file;
    }

    @Test
    void printsTheFlinkSessionJobAndTheTopicPlan(@TempDir Path dir) throws Exception {
        int code = command(env(true)).run(List.of("-f", sessionPipeline(dir).toString()));

        assertThat(code).isEqualTo(RenderCommand.OK);
        String[] documents = out.toString(StandardCharsets.UTF_8).split("(?m)^---\n");
        FlinkSessionJob job = Serialization.unmarshal(documents[1], FlinkSessionJob.class);
        assertThat(job.getKind()).isEqualTo("FlinkSessionJob");
        assertThat(job.getSpec().getDeploymentName()).isEqualTo("shared");
        assertThat(job.getSpec().getJob().getJarURI()).isEqualTo(JAR);
        assertThat(documents[2]).contains("name: flight-events");
    }

    @Test
    void withoutAJarUriTheSessionPipelineIsRefusedNamingTheField(@TempDir Path dir)
            throws Exception {
        int code = command(env(false)).run(List.of("-f", sessionPipeline(dir).toString()));

        assertThat(code).isNotEqualTo(RenderCommand.OK);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("spec.flink.sessionCluster")
                .contains("EP_SESSION_JOB_JAR_URI");
    }
}
