package io.eventpipeline.job.sequence;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventpipeline.job.TestPipelines;
import io.eventpipeline.job.topology.CompiledPipeline;
import org.junit.jupiter.api.Test;

class SimpleSequencesTest {
    private static final String STEPS =
            """
            - name: p
              steps:
                - {name: a, where: "event.type == 'a'"}
                - {name: b, %s}
            """;

    private static String why(String pattern) throws Exception {
        CompiledPipeline compiled = CompiledPipeline.of(TestPipelines.withPatterns("p", pattern));
        return SimpleSequences.whyNotSimple(
                        compiled.spec().getPatterns().get(0), compiled.patterns().get(0))
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
        assertThat(secondStep("where: \"event.gate != a[0].gate\""))
                .isEqualTo("step b has a condition on earlier steps' events");
        assertThat(why(STEPS.formatted(b) + "  within: 5m\n  emitTimeouts: true\n"))
                .isEqualTo("it emits timeouts");
        assertThat(why(STEPS.formatted(b) + "  afterMatch: skipToFirst\n  afterMatchStep: a\n"))
                .isEqualTo("afterMatch is skipToFirst");
    }
}
