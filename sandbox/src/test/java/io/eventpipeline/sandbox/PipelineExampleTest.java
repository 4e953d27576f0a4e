package io.eventpipeline.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventpipeline.operator.api.EventPipeline;
import io.eventpipeline.operator.config.OperatorConfig;
import io.eventpipeline.operator.reconciler.PipelineResolver;
import io.eventpipeline.spec.validation.PipelineValidator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
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

    @Test
    void withGeneratedEventsEachExampleAcceptsEventTimeAheadOfTheClockAndStaysValid()
            throws Exception {
        PipelineResolver operator =
                new PipelineResolver(
                        OperatorConfig.fromEnvironment(
                                Map.of(
                                        "EP_KAFKA_BOOTSTRAP_SERVERS", "localhost:9092",
                                        "EP_CHECKPOINT_DIR", "file:///tmp/checkpoints",
                                        "EP_SAVEPOINT_DIR", "file:///tmp/savepoints")),
                        new PipelineValidator());
        for (PipelineExample example : PipelineExample.loadAll(Path.of("examples"))) {
            EventPipeline generated = example.forSandboxWithGeneratedEvents();

            assertThat(generated.getSpec().getFlink().getFlinkConfiguration())
                    .containsEntry(PipelineExample.GENERATED_EVENTS_MAX_AHEAD, "3650 d");
            // The operator's allow-list admits the setting: the example still deploys.
            operator.resolve(generated);
            Map<String, String> plain =
                    example.forSandbox().getSpec().getFlink().getFlinkConfiguration();
            assertThat(plain == null ? Map.<String, String>of() : plain)
                    .doesNotContainKey(PipelineExample.GENERATED_EVENTS_MAX_AHEAD);
        }
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
