package io.eventpipeline.operator.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventpipeline.operator.config.OperatorConfig;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.flink.kubernetes.operator.api.FlinkDeployment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RenderCommandTest {
    static final OperatorConfig CONFIG =
            OperatorConfig.fromEnvironment(
                    Map.of(
                            "EP_KAFKA_BOOTSTRAP_SERVERS", "kafka:9092",
                            "EP_SAVEPOINT_DIR", "s3://flink-state/savepoints",
                            "EP_CHECKPOINT_DIR", "s3://flink-state/checkpoints"));

    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();
    final RenderCommand command =
            new RenderCommand(
                    CONFIG,
                    InputStream.nullInputStream(),
                    new PrintStream(out, true),
                    new PrintStream(err, true));

    @Test
    void printsTheFlinkDeploymentAndTheTopicPlan() {
        int code = command.run(List.of("-f", "../examples/flight-delays.yaml"));
        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(code).isEqualTo(RenderCommand.OK);
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
        String[] documents = printed.split("(?m)^---\n");
        FlinkDeployment deployment = Serialization.unmarshal(documents[1], FlinkDeployment.class);
        assertThat(deployment.getMetadata().getName()).isEqualTo("flight-delays");
        assertThat(deployment.getSpec().getJob().getParallelism()).isEqualTo(2);
        assertThat(documents[2])
                .contains("bootstrapServers: kafka:9092")
                .contains("name: flight-events")
                .contains("role: input")
                .contains("partitions: 6")
                .contains("name: flight-events-dlq");
    }

    @Test
    void rendersTheSameBytesEveryTime() {
        command.run(List.of("-f", "../examples/flight-delays.yaml"));
        String first = out.toString(StandardCharsets.UTF_8);
        out.reset();
        command.run(List.of("-f", "../examples/flight-delays.yaml"));
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(first);
    }

    @Test
    void anInvalidPipelineListsItsProblemsAndExitsTwo(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bad.yaml");
        Files.writeString(
                file,
                Files.readString(Path.of("../examples/flight-delays.yaml"))
                        .replace("partitions: 6", "partitions: 0")
                        .replace("within: 2h", "within: two hours"));
        int code = command.run(List.of("-f", file.toString()));
        String problems = err.toString(StandardCharsets.UTF_8);
        assertThat(code).isEqualTo(RenderCommand.INVALID);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(problems).contains("spec.input.partitions").contains("spec.patterns[0].within");
    }

    @Test
    void withoutAFileItPrintsUsage() {
        assertThat(command.run(List.of())).isEqualTo(RenderCommand.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage: render -f");
    }

    private String upgradeDocument(Path dir, String newYaml, String againstYaml) throws Exception {
        Path next = dir.resolve("new.yaml");
        Path old = dir.resolve("old.yaml");
        Files.writeString(next, newYaml);
        Files.writeString(old, againstYaml);
        int code = command.run(List.of("-f", next.toString(), "--against", old.toString()));
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(code).isEqualTo(RenderCommand.OK);
        String[] documents = out.toString(StandardCharsets.UTF_8).split("(?m)^---\n");
        assertThat(documents).hasSize(4);
        return documents[3];
    }

    @Test
    void againstAnEarlierVersionItSaysWhatTheUpgradeKeeps(@TempDir Path dir) throws Exception {
        String example = Files.readString(Path.of("../examples/flight-delays.yaml"));
        String upgrade = upgradeDocument(dir, example.replace("within: 2h", "within: 3h"), example);
        assertThat(upgrade)
                .contains("restartsJob: true")
                .contains("name: delay-then-gate-change")
                .contains("state: StartsFresh")
                .contains("reason: within (2h -> 3h) changed")
                .contains("inputOffsets: Kept");
    }

    @Test
    void aChangeTheJobDoesNotReadRestartsNothing(@TempDir Path dir) throws Exception {
        String example = Files.readString(Path.of("../examples/flight-delays.yaml"));
        String upgrade =
                upgradeDocument(
                        dir,
                        example.replace(
                                "topicDeletionPolicy: Retain", "topicDeletionPolicy: Delete"),
                        example);
        assertThat(upgrade.strip()).isEqualTo("upgrade:\n  restartsJob: false");
    }

    @Test
    void theLiveFlinkDeploymentsCredentialsFingerprintRestartsNothing(@TempDir Path dir)
            throws Exception {
        String example = Files.readString(Path.of("../examples/flight-delays.yaml"));
        FlinkDeployment live =
                Serialization.unmarshal(
                        command.render(example).split("(?m)^---\n")[1], FlinkDeployment.class);
        live.getSpec()
                .getPodTemplate()
                .setMetadata(
                        new io.fabric8.kubernetes.api.model.ObjectMetaBuilder()
                                .addToAnnotations(
                                        io.eventpipeline.operator.flink.KafkaCredentials.ANNOTATION,
                                        "hmac-sha256:" + "0".repeat(64))
                                .build());
        out.reset();
        // Offline the credentials are unknown: the live one's fingerprint is no change.
        String upgrade = upgradeDocument(dir, example, Serialization.asYaml(live));
        assertThat(upgrade.strip()).isEqualTo("upgrade:\n  restartsJob: false");
    }

    @Test
    void againstTheLiveFlinkDeploymentOfAnEarlierOperator(@TempDir Path dir) throws Exception {
        String example = Files.readString(Path.of("../examples/flight-delays.yaml"));
        // What an earlier operator rendered: the whole pipeline in base64, emit included in
        // the pattern's state uid.
        FlinkDeployment live =
                Serialization.unmarshal(
                        command.render(example).split("(?m)^---\n")[1], FlinkDeployment.class);
        String base64 =
                java.util.Base64.getEncoder()
                        .encodeToString(
                                io.eventpipeline.spec.PipelineDefinition.parse(example)
                                        .toJson()
                                        .getBytes(StandardCharsets.UTF_8));
        live.getSpec().getJob().setArgs(new String[] {"run", "--pipeline-base64", base64});
        out.reset();
        String upgrade = upgradeDocument(dir, example, Serialization.asYaml(live));
        assertThat(upgrade)
                .contains("restartsJob: true")
                .contains("state: StartsFresh")
                .contains("earlier operator version");
    }

    @Test
    void yamlThatCouldBeMisreadIsRefusedWithTheFileNamed(@TempDir Path dir) throws Exception {
        String example = Files.readString(Path.of("../examples/flight-delays.yaml"));
        Path twice = dir.resolve("twice.yaml");
        Files.writeString(twice, example.replace("  delivery:", "  suspend: true\n  delivery:"));
        assertThat(command.run(List.of("-f", twice.toString()))).isEqualTo(RenderCommand.INVALID);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .startsWith(twice + " is not a valid EventPipeline:")
                .contains("key 'suspend' is written twice in one mapping: keep one");
        err.reset();
        Path latin1 = dir.resolve("latin1.yaml");
        Files.write(latin1, ("# caf\u00e9\n" + example).getBytes(StandardCharsets.ISO_8859_1));
        assertThat(command.run(List.of("-f", latin1.toString()))).isEqualTo(RenderCommand.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .isEqualTo(
                        "render: cannot read "
                                + latin1
                                + " is not UTF-8 text: byte 0xE9 at offset 5 (save the file as"
                                + " UTF-8)\n");
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void anUnreadableEarlierVersionIsNamed(@TempDir Path dir) throws Exception {
        Path next = dir.resolve("new.yaml");
        Path old = dir.resolve("old.yaml");
        Files.copy(Path.of("../examples/flight-delays.yaml"), next);
        Files.writeString(old, "kind: EventPipeline\nmetadata: {name: x}\nspec: {patterns: 3}\n");
        int code = command.run(List.of("-f", next.toString(), "--against", old.toString()));
        assertThat(code).isEqualTo(RenderCommand.INVALID);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("old.yaml is not a valid EventPipeline")
                .contains("spec.patterns");
    }
}
