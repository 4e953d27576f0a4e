package io.eventpipeline.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventpipeline.job.testrun.TestCommand;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each example's sample events, run through the job's {@code test} command, give exactly the alerts
 * in its expected file — the file the sandbox's users compare against.
 */
class ExampleAlertsIT {
    @ParameterizedTest
    @ValueSource(
            strings = {
                "examples/flight-delays.yaml",
                "examples/cart-abandonment.yaml",
                "examples/supply-chain.yaml"
            })
    void testCommandPrintsTheExpectedAlerts(String file) throws Exception {
        PipelineExample example = PipelineExample.load(Path.of(file));
        Path events = example.eventsFile().orElseThrow();
        Path expected = example.expectedAlertsFile().orElseThrow();

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit =
                new TestCommand(
                                new PrintStream(out, true, StandardCharsets.UTF_8),
                                new PrintStream(err, true, StandardCharsets.UTF_8))
                        .run(List.of("--pipeline", file, "--events", events.toString()));

        assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isEqualTo(TestCommand.OK);
        List<String> alerts = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(alerts).isNotEmpty().containsExactlyElementsOf(Files.readAllLines(expected));
    }
}
