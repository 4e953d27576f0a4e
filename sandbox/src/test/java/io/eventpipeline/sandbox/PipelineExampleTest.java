package io.eventpipeline.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

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
}
