package io.eventpipeline.job.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventpipeline.job.testrun.TestRunResult;
import io.eventpipeline.job.testrun.TestRunner;
import io.eventpipeline.spec.PipelineDefinition;
import io.eventpipeline.spec.resolved.ResolvedPipeline;
import io.eventpipeline.testsupport.flink.SharedMiniCluster;
import java.util.List;
import java.util.Map;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A condition that passes validation but goes past its evaluation budget on one event: that event
 * is a dead letter with the reason, the job does not fail, and later events still match.
 */
class ConditionBudgetIT {
    @RegisterExtension static final MiniClusterExtension FLINK = SharedMiniCluster.create();

    private static final String PIPELINE =
            """
            apiVersion: eventpipeline.io/v1alpha1
            kind: EventPipeline
            metadata: {name: budget}
            spec:
              input: {topic: in, key: id}
              output: {topic: out}
              patterns:
                - name: echo
                  steps:
                    - {name: a, where: "event.s.replace('a', event.s).size() > 3"}
                  emit: {s: "a[0].s"}
            """;

    private static String event(String id, String s) {
        return "{\"id\":\"" + id + "\",\"s\":\"" + s + "\"}";
    }

    @Test
    void anEventPastTheBudgetIsADeadLetterAndTheRunGoesOn() throws Exception {
        ResolvedPipeline pipeline = ResolvedPipeline.resolve(PipelineDefinition.parse(PIPELINE));
        // 'a' x 2000, each 'a' replaced by the whole string: 4 million characters to build.
        TestRunResult result =
                TestRunner.run(
                        pipeline,
                        List.of(
                                event("k1", "aa"),
                                event("k2", "a".repeat(2000)),
                                event("k3", "aaa")));

        assertThat(result.matchLines())
                .hasSize(2)
                .anySatisfy(line -> assertThat(line).contains("\"key\":\"k1\""))
                .anySatisfy(line -> assertThat(line).contains("\"key\":\"k3\""));
        assertThat(result.deadLetters())
                .singleElement()
                .satisfies(
                        deadLetter -> {
                            assertThat(deadLetter.offset).isEqualTo(2);
                            assertThat(deadLetter.reason)
                                    .startsWith(
                                            "cannot evaluate: spec.patterns[0].steps[0].where:"
                                                    + " cannot evaluate")
                                    .contains(
                                            "exceeds its evaluation budget: replace would build"
                                                    + " 4000000 characters");
                        });
    }

    @Test
    void theRouterLabelsABudgetCutOffApartFromOtherFailures() throws Exception {
        EventConditions conditions =
                new EventConditions(
                        ResolvedPipeline.resolve(PipelineDefinition.parse(PIPELINE)).patterns(),
                        false);
        EventConditions.Outcome overBudget =
                conditions.evaluate(Map.of("id", "k", "s", "a".repeat(2000)));
        assertThat(overBudget.problem()).contains("exceeds its evaluation budget");
        assertThat(overBudget.overBudget()).isTrue();
        EventConditions.Outcome wrongType = conditions.evaluate(Map.of("id", "k", "s", 3L));
        assertThat(wrongType.problem()).isNotNull();
        assertThat(wrongType.overBudget()).isFalse();
        assertThat(DeadLetterReason.OVER_BUDGET.label()).isEqualTo("over-budget");
    }
}
