package io.eventpipeline.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventpipeline.job.testrun.TestCommand;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The job jar's command line as a user meets it: the real {@code main} in a JVM of its own. */
class JobCommandLineIT {

    record Result(int status, String out, String err) {}

    @Test
    void helpAndVersionGoToStdoutWithStatusZero() throws Exception {
        Result help = main("--help");
        Result version = main("--version");

        assertThat(help.status()).isZero();
        assertThat(help.out()).isEqualTo(Main.USAGE);
        assertThat(version.status()).isZero();
        assertThat(version.out()).matches("pipeline-job \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?\n");
    }

    @Test
    void withoutAKnownCommandItIsAUsageError() throws Exception {
        Result none = main();
        Result unknown = main("tset");

        assertThat(none.status()).isEqualTo(TestCommand.USAGE_ERROR);
        assertThat(none.err()).startsWith("a command is needed\nusage: pipeline-job");
        assertThat(unknown.status()).isEqualTo(TestCommand.USAGE_ERROR);
        assertThat(unknown.err()).startsWith("unknown command 'tset'\n");
    }

    private static Result main(String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Main.class.getName());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).start();
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), out, err);
    }
}
