package io.eventpipeline.job.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventpipeline.job.TestPipelines;
import io.eventpipeline.job.cep.StepCondition;
import io.eventpipeline.job.event.EventOrigin;
import io.eventpipeline.job.event.PipelineEvent;
import io.eventpipeline.spec.resolved.ResolvedPipeline;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PatternConditionsTest {
    private static final String B =
            """
            - name: b
              steps:
                - {name: b1, where: "event.type == 'b1'"}
                - {name: b2, where: "event.type == 'b2'"}
            """;

    /** A pattern with {@code steps} steps, each on its own event type. */
    private static String pattern(String name, int steps) {
        return "- name: "
                + name
                + "\n  steps:\n"
                + IntStream.range(0, steps)
                        .mapToObj(
                                s ->
                                        "    - {name: a"
                                                + s
                                                + ", where: \"event.type == 'a"
                                                + s
                                                + "'\"}\n")
                        .collect(Collectors.joining());
    }

    private static EventConditions conditions(String patterns) throws Exception {
        ResolvedPipeline pipeline =
                ResolvedPipeline.resolve(TestPipelines.withPatterns("p", patterns));
        return new EventConditions(pipeline.patterns(), false);
    }

    private static PipelineEvent routed(EventConditions conditions, String type) {
        Map<String, Object> body = Map.of("type", type, "k", "x", "t", 1L);
        EventConditions.Outcome outcome = conditions.evaluate(body);
        return PipelineEvent.accepted("x", 1, EventOrigin.line(1), body, null)
                .withConditionResults(outcome.results(), conditions.layout());
    }

    @Test
    void whatAPatternKeepsDoesNotDependOnTheOtherPatterns() throws Exception {
        EventConditions before = conditions(pattern("a", 2) + B);
        // 75 conditions ahead of b: its router slots move past a 64-bit word.
        EventConditions after =
                conditions(pattern("a", 25) + pattern("c", 25) + pattern("d", 25) + B);
        PatternConditions bBefore = before.forPattern(1);
        PatternConditions bAfter = after.forPattern(3);
        assertThat(bAfter.layout()).isEqualTo(bBefore.layout());
        assertThat(bAfter.where(0)).isEqualTo(bBefore.where(0)).isEqualTo(0);
        assertThat(bAfter.where(1)).isEqualTo(bBefore.where(1)).isEqualTo(1);
        assertThat(before.layout()).isNotEqualTo(after.layout());

        PipelineEvent keptBefore = bBefore.narrow(routed(before, "b2"));
        PipelineEvent keptAfter = bAfter.narrow(routed(after, "b2"));
        assertThat(keptAfter).isEqualTo(keptBefore);
        assertThat(keptAfter.hasConditionResult(bAfter.layout(), 1)).isTrue();
        assertThat(keptAfter.conditionHolds(1)).isTrue();
        assertThat(keptAfter.conditionHolds(0)).isFalse();
    }

    @Test
    void aChangedConditionChangesThePatternsLayout() throws Exception {
        PatternConditions b = conditions(B).forPattern(0);
        PatternConditions changed = conditions(B.replace("'b2'", "'b3'")).forPattern(0);
        assertThat(changed.layout()).isNotEqualTo(b.layout());
    }

    @Test
    void outcomesInAnotherLayoutAreEvaluatedAgainNeverRead() throws Exception {
        ResolvedPipeline pipeline = ResolvedPipeline.resolve(TestPipelines.withPatterns("p", B));
        PatternConditions b = new EventConditions(pipeline.patterns(), false).forPattern(0);
        StepCondition second =
                new StepCondition(
                        pipeline.patterns().get(0).compiled().where(1), "b2", 1, b.layout());
        Map<String, Object> body = Map.of("type", "b1", "k", "x", "t", 1L);
        PipelineEvent event = PipelineEvent.accepted("x", 1, EventOrigin.line(1), body, null);
        // Every bit set, as another layout might have it: b2 does not hold for a b1 event.
        long[] allTrue = {-1L, -1L};
        assertThat(second.holds(event.withConditionResults(allTrue, b.layout() + 1))).isFalse();
        assertThat(second.holds(event.withConditionResults(new long[0], b.layout()))).isFalse();
        assertThat(second.holds(event)).isFalse();
        // In its own layout the outcome is read, not evaluated.
        assertThat(second.holds(event.withConditionResults(allTrue, b.layout()))).isTrue();
    }
}
