package io.eventpipeline.spec.resolved;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventpipeline.spec.PipelineDefinition;
import org.junit.jupiter.api.Test;

class PatternShapeTest {
    private static final String STEPS =
            """
            - name: p
              steps:
                - {name: a, where: "event.type == 'a'"}
                - {name: b, %s}
            """;

    private static String why(String pattern) throws Exception {
        PipelineDefinition pipeline =
                PipelineDefinition.parse(
                        "metadata: {name: p}\n"
                                + "spec:\n"
                                + "  input: {topic: in, key: k}\n"
                                + "  output: {topic: out}\n"
                                + "  patterns:\n"
                                + pattern.indent(4));
        return ResolvedPipeline.resolve(pipeline)
                .patterns()
                .get(0)
                .shape()
                .whyCep()
                .orElse("simple");
    }

    private static String secondStep(String step) throws Exception {
        return why(STEPS.formatted(step));
    }

    @Test
    void singleEventStepsInRelaxedSequenceAreSimple() throws Exception {
        assertThat(secondStep("where: \"event.type == 'b'\"")).isEqualTo("simple");
        assertThat(secondStep("after: followedBy, where: \"event.v > 2\"")).isEqualTo("simple");
        assertThat(why(STEPS.formatted("where: \"true\"") + "  within: 5m\n")).isEqualTo("simple");
        for (String afterMatch : new String[] {"noSkip", "skipToNext", "skipPastLastEvent"}) {
            assertThat(
                            why(
                                    STEPS.formatted("where: \"true\"")
                                            + "  afterMatch: "
                                            + afterMatch
                                            + "\n"))
                    .isEqualTo("simple");
        }
    }

    @Test
    void eachThingFlinkCepIsNeededForIsNamed() throws Exception {
        String b = "where: \"event.type == 'b'\"";
        assertThat(secondStep("after: next, " + b)).isEqualTo("step b uses next");
        assertThat(secondStep("after: followedByAny, " + b)).isEqualTo("step b uses followedByAny");
        assertThat(secondStep("after: notNext, " + b)).isEqualTo("step b uses notNext");
        assertThat(secondStep("times: {min: 1, max: 1}, " + b)).isEqualTo("step b is quantified");
        assertThat(secondStep("oneOrMore: true, " + b)).isEqualTo("step b is quantified");
        assertThat(secondStep("optional: true, " + b)).isEqualTo("step b is quantified");
        assertThat(
                        why(
                                STEPS.formatted("where: \"event.gate != a[0].gate\"")
                                        + "  afterMatch: skipToNext\n"))
                .isEqualTo(
                        "step b has a condition on earlier steps' events, with afterMatch"
                                + " skipToNext");
        assertThat(why(STEPS.formatted(b) + "  within: 5m\n  emitTimeouts: true\n"))
                .isEqualTo("it emits timeouts");
        assertThat(why(STEPS.formatted(b) + "  afterMatch: skipToFirst\n  afterMatchStep: a\n"))
                .isEqualTo("afterMatch is skipToFirst");
    }

    @Test
    void aTrailingNotFollowedByWithinRunsOnTheSequenceMatcherExceptWithSkipPastLastEvent()
            throws Exception {
        String absence =
                """
                - name: p
                  within: 5m
                  steps:
                    - {name: a, where: "event.type == 'a'"}
                    - {name: b, where: "event.type == 'b'"}
                    - {name: c, after: notFollowedBy, where: "event.type == 'c'"}
                """;
        assertThat(why(absence)).isEqualTo("simple");
        assertThat(why(absence + "  afterMatch: noSkip\n")).isEqualTo("simple");
        assertThat(why(absence + "  afterMatch: skipToNext\n")).isEqualTo("simple");
        assertThat(why(absence + "  afterMatch: skipPastLastEvent\n"))
                .isEqualTo("afterMatch is skipPastLastEvent and step c uses notFollowedBy");
        assertThat(why(absence.replace("{name: b,", "{name: b, after: notFollowedBy,")))
                .isEqualTo("step b uses notFollowedBy before another step");
        assertThat(why(absence.replace("event.type == 'c'", "event.v == a[0].v")))
                .isEqualTo("step c has a condition on earlier steps' events");
    }

    @Test
    void onlyATrailingNotFollowedByLetsIrrelevantEventsBeDropped() throws Exception {
        String absence =
                """
                - name: p
                  within: 5m
                  steps:
                    - {name: a, where: "event.type == 'a'"}
                    - {name: b, %s, where: "event.type == 'b'"}
                    - {name: c, after: %s, where: "event.type == 'c'"}
                """;
        assertThat(dropping(absence.formatted("after: followedBy", "notFollowedBy")))
                .isEqualTo("drop");
        assertThat(dropping(absence.formatted("after: notFollowedBy", "followedBy")))
                .isEqualTo("spec.patterns[0].steps[1] uses notFollowedBy");
    }

    private static String dropping(String pattern) throws Exception {
        PipelineDefinition pipeline =
                PipelineDefinition.parse(
                        "metadata: {name: p}\n"
                                + "spec:\n"
                                + "  input: {topic: in, key: k}\n"
                                + "  output: {topic: out}\n"
                                + "  patterns:\n"
                                + pattern.indent(4));
        return ResolvedPipeline.resolve(pipeline)
                .patterns()
                .get(0)
                .shape()
                .whyEventsMatter("spec.patterns[0]")
                .orElse("drop");
    }

    @Test
    void aConditionOnEarlierStepsEventsRunsOnTheSequenceMatcherWithNoSkipOnly() throws Exception {
        String onEarlier = "where: \"event.gate != a[0].gate\"";
        assertThat(secondStep(onEarlier)).isEqualTo("simple");
        assertThat(why(STEPS.formatted(onEarlier) + "  afterMatch: skipPastLastEvent\n"))
                .isEqualTo(
                        "step b has a condition on earlier steps' events, with afterMatch"
                                + " skipPastLastEvent");
        assertThat(
                        why(
                                STEPS.formatted(onEarlier)
                                        + "    - {name: c, after: notFollowedBy, where: \"true\"}\n"
                                        + "  within: 5m\n"))
                .isEqualTo(
                        "step b has a condition on earlier steps' events, with a trailing"
                                + " notFollowedBy");
    }

    @Test
    void aFlagSetToFalseIsNotAnOption() throws Exception {
        assertThat(secondStep("oneOrMore: false, optional: false, where: \"true\""))
                .isEqualTo("simple");
    }
}
