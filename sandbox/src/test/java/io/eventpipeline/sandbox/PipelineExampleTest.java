package io.eventpipeline.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How the sandbox finds an example's sample events and expected alerts. (That each example's events
 * give exactly its expected alerts is pipeline-job's TestCommandIT.)
 */
class PipelineExampleTest {

    @Test
    void everyExampleHasItsEventsAndExpectedAlerts() {
        List<PipelineExample> examples = PipelineExample.loadAll(Path.of("examples"));
        assertThat(examples)
                .extracting(PipelineExample::name)
                .containsExactlyInAnyOrder("flight-delays", "cart-abandonment", "supply-chain");
        assertThat(examples)
                .allSatisfy(
                        example -> {
                            assertThat(example.eventsFile()).isPresent();
                            assertThat(example.expectedAlertsFile()).isPresent();
                        });
    }

    /** Examples are read by the same strict reader as render and test. */
    @Test
    void anExampleWithAnAliasIsRefusedWithItsName(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("aliased.yaml");
        Files.writeString(
                file,
                Files.readString(Path.of("examples/flight-delays.yaml"))
                        .replace("topic: flight-alerts", "topic: *alerts"));
        assertThatThrownBy(() -> PipelineExample.load(file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(file + ": line ")
                .hasMessageContaining("alias '*alerts': anchors and aliases are not supported");
    }
}
