package io.eventpipeline.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.eventpipeline.operator.api.Phase;
import io.eventpipeline.operator.testing.OperatorHarness;
import io.eventpipeline.operator.testing.OperatorStack;
import io.eventpipeline.operator.testing.Pipelines;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.JobStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A pipeline is reconciled once per change that matters: its creation, and its job's state. The
 * echoes of the operator's own writes (its status, its FlinkDeployment) trigger nothing. The resync
 * interval is long here, so every reconcile counted has a cause.
 */
class ReconcileCountIT {
    static OperatorStack stack;
    static OperatorHarness harness;

    @BeforeAll
    static void start() {
        stack = OperatorStack.withoutResync();
        harness = stack.harness;
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    @Test
    void theEchoOfItsOwnFlinkDeploymentWriteTriggersNoReconcile() {
        // A warm-up round first, not counted: nothing of a cold start is in the count.
        List<String> warmUp = List.of("warm-1", "warm-2", "warm-3");
        warmUp.forEach(n -> harness.apply(Pipelines.flightDelays("airline", n)));
        warmUp.forEach(n -> harness.awaitPhase("airline", n, Phase.Deploying));
        List<String> names =
                java.util.stream.IntStream.rangeClosed(1, 10).mapToObj(i -> "echo-" + i).toList();
        names.forEach(n -> harness.apply(Pipelines.flightDelays("airline", n)));
        names.forEach(n -> harness.awaitPhase("airline", n, Phase.Deploying));
        // Creation needs one reconcile; the watch's echo of the FlinkDeployment it wrote needs
        // none, whether it arrives before or after the write's response.
        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(reconciles(names)).isEqualTo(names.size()));

        names.forEach(n -> harness.reportJob("airline", n, JobStatus.RUNNING));
        names.forEach(n -> harness.awaitPhase("airline", n, Phase.Running));
        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(reconciles(names)).isLessThan(3L * names.size()));
    }

    /** JOSDK's per-resource counts of reconciliations started for these pipelines, summed. */
    private static long reconciles(List<String> names) {
        return harness.registry().find("operator.sdk.reconciliations.started").counters().stream()
                .filter(
                        c ->
                                c.getId().getTags().stream()
                                        .anyMatch(t -> names.contains(t.getValue())))
                .mapToLong(c -> (long) c.count())
                .sum();
    }
}
