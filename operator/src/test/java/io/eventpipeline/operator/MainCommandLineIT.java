package io.eventpipeline.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventpipeline.operator.render.RenderCommand;
import io.eventpipeline.spec.BuildVersion;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operator's command line as a user meets it: the real {@code main} in a JVM of its own, its
 * exit status, and what it prints where.
 */
class MainCommandLineIT {

    record Result(int status, String out, String err) {}

    @Test
    void withoutACommandItPrintsUsageAndRunsNothing() throws Exception {
        Result result = main(null);

        assertThat(result.status()).isEqualTo(RenderCommand.USAGE);
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).startsWith("a command is needed\nusage: eventpipeline-operator");
    }

    @Test
    void helpGoesToStdoutWithStatusZero() throws Exception {
        for (String help : List.of("--help", "-h", "help")) {
            Result result = main(null, help);
            assertThat(result.status()).as(help).isZero();
            assertThat(result.out()).as(help).isEqualTo(CommandLine.USAGE);
            assertThat(result.err()).as(help).isEmpty();
        }
        Result render = main(null, "render", "--help");
        assertThat(render.status()).isZero();
        assertThat(render.out()).startsWith("usage: render -f FILE");
    }

    @Test
    void versionIsTheBuildsVersion() throws Exception {
        Result result = main(null, "--version");

        assertThat(result.status()).isZero();
        assertThat(result.out())
                .isEqualTo("eventpipeline-operator " + BuildVersion.current() + "\n");
        assertThat(BuildVersion.current()).matches("\\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
    }

    @Test
    void anUnknownCommandOrOptionIsAUsageErrorNamingIt() throws Exception {
        Result command = main(null, "reconcile");
        Result option = main(null, "render", "-f", "x.yaml", "--output", "json");

        assertThat(command.status()).isEqualTo(RenderCommand.USAGE);
        assertThat(command.err()).startsWith("unknown command 'reconcile'\n");
        assertThat(option.status()).isEqualTo(RenderCommand.USAGE);
        assertThat(option.err()).startsWith("render: unknown option '--output'\n");
    }

    @Test
    void renderReadsStandardInputAndOptionsWithEquals() throws Exception {
        byte[] pipeline = Files.readAllBytes(Path.of("../examples/flight-delays.yaml"));

        Result fromStdin = main(pipeline, "render", "-f", "-");
        Result fromFile = main(null, "render", "--file=../examples/flight-delays.yaml");

        assertThat(fromStdin.status()).isZero();
        assertThat(fromStdin.out()).contains("kind: \"FlinkDeployment\"").isEqualTo(fromFile.out());
    }

    @Test
    void aMissingFileIsOneLineWithoutAStackTrace() throws Exception {
        Result result = main(null, "render", "-f", "no-such.yaml");

        assertThat(result.status()).isEqualTo(RenderCommand.USAGE);
        assertThat(result.err()).isEqualTo("render: cannot read no-such.yaml: no such file\n");
    }

    @Test
    void anUnreachableApiServerIsNamedInOneLine(@TempDir Path dir) throws Exception {
        Path kubeconfig = dir.resolve("kubeconfig");
        Files.writeString(
                kubeconfig,
                """
                apiVersion: v1
                kind: Config
                clusters: [{name: c, cluster: {server: "https://127.0.0.1:1"}}]
                users: [{name: u, user: {token: t}}]
                contexts: [{name: x, context: {cluster: c, user: u}}]
                current-context: x
                """);

        Result result = main(Map.of("KUBECONFIG", kubeconfig.toString()), null, "run");

        assertThat(result.status()).isEqualTo(1);
        assertThat(result.err())
                .startsWith("cannot start: the Kubernetes API at https://127.0.0.1:1/ answered: ");
        assertThat(result.err().lines().filter(line -> line.startsWith("\tat "))).isEmpty();
    }

    private static Result main(byte[] stdin, String... args) throws Exception {
        return main(Map.of(), stdin, args);
    }

    private static Result main(Map<String, String> env, byte[] stdin, String... args)
            throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Main.class.getName());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        // An operator with a default cluster and state directories, as the chart configures it.
        builder.environment().put("EP_KAFKA_BOOTSTRAP_SERVERS", "kafka:9092");
        builder.environment().put("EP_CHECKPOINT_DIR", "s3://state/checkpoints");
        builder.environment().put("EP_SAVEPOINT_DIR", "s3://state/savepoints");
        builder.environment().putAll(env);
        Process process = builder.start();
        try (var in = process.getOutputStream()) {
            if (stdin != null) {
                new ByteArrayInputStream(stdin).transferTo(in);
            }
        }
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), out, err);
    }
}
