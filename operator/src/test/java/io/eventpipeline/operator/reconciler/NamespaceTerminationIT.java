package io.eventpipeline.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.eventpipeline.operator.api.Phase;
import io.eventpipeline.operator.testing.CapturedLogs;
import io.eventpipeline.operator.testing.OperatorHarness;
import io.eventpipeline.operator.testing.OperatorStack;
import io.eventpipeline.operator.testing.Pipelines;
import java.time.Duration;
import org.apache.flink.kubernetes.operator.api.FlinkDeployment;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Deleting a namespace: the API server refuses new objects in it (403, NamespaceTerminating) while
 * it deletes the content, FlinkDeployments before their pipelines at times. The operator, seeing
 * the FlinkDeployment gone, tries once to create it again, takes the refusal as expected and
 * neither retries nor logs a stack trace.
 */
class NamespaceTerminationIT {
    static final String NAMESPACE = "doomed";
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
    void aRefusedRecreateIsNeitherRetriedNorLoggedWithAStackTrace() {
        harness.apply(Pipelines.flightDelays(NAMESPACE, "late"));
        harness.awaitPhase(NAMESPACE, "late", Phase.Deploying);
        assertThat(creates("/namespaces/doomed/flinkdeployments")).isEqualTo(1);

        try (CapturedLogs logs = CapturedLogs.start()) {
            harness.mock().terminateNamespace(NAMESPACE);
            // What the namespace controller does: the content goes, the pipeline is still there.
            harness.client()
                    .resources(FlinkDeployment.class)
                    .inNamespace(NAMESPACE)
                    .withName("late")
                    .delete();

            await().atMost(OperatorHarness.WAIT)
                    .until(() -> creates("/namespaces/doomed/flinkdeployments") == 2);
            // JOSDK's retry would try again after 1 s, 2 s, 4 s...
            await().during(Duration.ofSeconds(5))
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> creates("/namespaces/doomed/flinkdeployments") == 2);

            assertThat(harness.flinkDeployment(NAMESPACE, "late")).isNull();
            assertThat(logs.lines())
                    .as("lines logged with a stack trace")
                    .filteredOn(line -> line.thrown() != null)
                    .isEmpty();
            assertThat(logs.lines())
                    .as("lines about the pipeline")
                    .filteredOn(line -> line.message().contains(NAMESPACE + "/late"))
                    .hasSize(1)
                    .allSatisfy(
                            line ->
                                    assertThat(line.message())
                                            .contains("namespace is being deleted"));
        }
    }

    /** Creates the operator attempted under this path, refused or not. */
    private static long creates(String pathFragment) {
        return harness.kube().requests().stream()
                .filter(r -> OperatorHarness.OPERATOR_USER_AGENT.equals(r.userAgent()))
                .filter(r -> r.method().equals("POST") && r.path().contains(pathFragment))
                .count();
    }
}
