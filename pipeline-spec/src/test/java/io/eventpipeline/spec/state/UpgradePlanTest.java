package io.eventpipeline.spec.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventpipeline.spec.PipelineDefinition;
import io.eventpipeline.spec.resolved.MatcherRules;
import org.junit.jupiter.api.Test;

class UpgradePlanTest {
    private static final String A =
            """
            - name: a
              within: 1h
              emit: {who: "s1[0].id"}
              steps:
                - {name: s1, where: "event.type == 'a1'"}
                - {name: s2, where: "event.type == 'a2'"}
            """;
    private static final String B =
            """
            - name: b
              steps:
                - {name: s1, where: "event.type == 'b1'"}
                - {name: s2, after: followedByAny, where: "event.type == 'b2'"}
            """;

    private static JobState state(String topic, String key, String patterns) throws Exception {
        return JobState.of(definition(topic, key, patterns));
    }

    private static PipelineDefinition definition(String topic, String key, String patterns)
            throws Exception {
        return PipelineDefinition.parse(
                "metadata: {name: p}\n"
                        + "spec:\n"
                        + "  kafka: {bootstrapServers: \"k:9092\"}\n"
                        + "  input: {topic: "
                        + topic
                        + ", key: "
                        + key
                        + ", startFrom: earliest}\n"
                        + "  output: {topic: out}\n"
                        + "  patterns:\n"
                        + patterns.indent(4));
    }

    private static UpgradePlan plan(JobState before, JobState after) {
        return UpgradePlan.of(before, after, false);
    }

    @Test
    void aPatternTheUpgradedJobMovesToTheSequenceMatcherStartsFreshAndSaysWhy() throws Exception {
        String absence =
                """
                - name: c
                  within: 10m
                  steps:
                    - {name: s1, where: "event.type == 'c1'"}
                    - {name: s2, after: notFollowedBy, where: "event.type == 'c2'"}
                """;
        PipelineDefinition pipeline = definition("in", "id", A + B + absence);
        JobState earlier = JobState.of(pipeline, MatcherRules.SIMPLE_SEQUENCES);
        JobState now = JobState.of(pipeline, MatcherRules.CURRENT);

        assertThat(earlier.pattern("c").orElseThrow().uid()).startsWith("pattern-c-");
        assertThat(now.pattern("c").orElseThrow().uid()).startsWith("sequence-c-");
        assertThat(plan(earlier, now).lines())
                .containsExactly(
                        "pattern a: kept (unchanged)",
                        "pattern b: kept (unchanged)",
                        "pattern c: starts fresh (it moves from Flink CEP to the sequence matcher)",
                        "input offsets: kept");
        assertThat(plan(now, now).keepsAll()).isTrue();
    }

    @Test
    void anUnchangedPipelineKeepsEverything() throws Exception {
        UpgradePlan plan = plan(state("in", "id", A + B), state("in", "id", B + A));
        assertThat(plan.lines())
                .containsExactly(
                        "pattern b: kept (unchanged)",
                        "pattern a: kept (unchanged)",
                        "input offsets: kept");
        assertThat(plan.keepsAll()).isTrue();
    }

    @Test
    void eachChangeIsNamed() throws Exception {
        JobState before = state("in", "id", A + B);
        assertThat(plan(before, state("in", "id", A.replace("1h", "2h") + B)).lines())
                .startsWith("pattern a: starts fresh (within (1h -> 2h) changed)");
        assertThat(plan(before, state("in", "id", A.replace("'a2'", "'a3'") + B)).lines())
                .startsWith("pattern a: starts fresh (its steps changed)");
        assertThat(plan(before, state("in", "id", A.replace("who", "user") + B)).lines())
                .startsWith("pattern a: kept (emit changed, which only completed matches read)");
        assertThat(plan(before, state("in", "id2", A + B)).lines())
                .startsWith("pattern a: starts fresh (the key changed from id to id2)");
        assertThat(
                        plan(
                                        before,
                                        state(
                                                "in",
                                                "id",
                                                A + B.replace("followedByAny", "followedBy")))
                                .lines())
                .contains(
                        "pattern b: starts fresh (it moves from Flink CEP to the sequence"
                                + " matcher)");
        assertThat(plan(before, state("in", "id", A)).lines())
                .contains("pattern b: removed (its state is dropped)");
        assertThat(plan(state("in", "id", A), before).lines())
                .contains("pattern b: new (no such pattern before)");
    }

    @Test
    void aNewInputTopicStartsAtStartFrom() throws Exception {
        UpgradePlan plan = plan(state("in", "id", A), state("in2", "id", A));
        assertThat(plan.source())
                .isEqualTo(
                        new SourceVerdict(
                                false,
                                "restart at earliest (the input topic changed from in to in2)"));
        assertThat(plan.patterns())
                .extracting(PatternVerdict::outcome)
                .containsExactly(PatternVerdict.Outcome.KEPT);
        assertThat(plan.keepsAll()).isFalse();
    }

    @Test
    void aStatelessUpgradeKeepsNothing() throws Exception {
        UpgradePlan plan = UpgradePlan.of(state("in", "id", A), state("in", "id", A), true);
        assertThat(plan.lines())
                .containsExactly(
                        "pattern a: starts fresh (upgradeMode is stateless)",
                        "input offsets: restart at earliest (upgradeMode is stateless)");
    }

    @Test
    void aJobAnEarlierOperatorRenderedKeepsOnlyPatternsWithoutEmit() throws Exception {
        JobState earlier = JobState.ofEarlierJob(definition("in", "id", A + B));
        UpgradePlan plan = plan(earlier, state("in", "id", A + B));
        assertThat(plan.lines())
                .startsWith(
                        "pattern a: starts fresh (the running job files pattern state as an"
                                + " earlier operator version did)",
                        "pattern b: kept (unchanged)");
    }
}
