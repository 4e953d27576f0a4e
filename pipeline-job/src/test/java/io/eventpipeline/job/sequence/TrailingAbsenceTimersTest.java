package io.eventpipeline.job.sequence;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventpipeline.job.TestPipelines;
import io.eventpipeline.job.topology.PatternOperators;
import io.eventpipeline.spec.resolved.Matcher;
import io.eventpipeline.spec.resolved.ResolvedPipeline;
import org.junit.jupiter.api.Test;

/**
 * A trailing absence on the sequence matcher's operator, as the job wires it: the match comes out
 * when the watermark reaches its start plus within, not before, and an absent event at exactly that
 * time is too late to prevent it. Pattern: a, then b, then no c, within 5 s.
 */
class TrailingAbsenceTimersTest {
    private static final String A_B_NO_C =
            """
            - name: abc
              steps:
                - {name: a, where: "event.type == 'a'"}
                - {name: b, where: "event.type == 'b'"}
                - {name: c, after: notFollowedBy, where: "event.type == 'c'"}
              within: 5s
            """;

    private final PatternOperators operators;
    private final TypedEvents events;

    TrailingAbsenceTimersTest() throws Exception {
        operators =
                new PatternOperators(
                        ResolvedPipeline.resolve(TestPipelines.withPatterns("absence", A_B_NO_C)));
        events = new TypedEvents(operators);
    }

    @Test
    void theMatchComesOutWhenTheWatermarkReachesStartPlusWithinAsOnFlinkCep() throws Exception {
        for (Matcher matcher : Matcher.values()) {
            theMatchComesOutWhenTheWatermarkReachesStartPlusWithin(matcher);
        }
    }

    private void theMatchComesOutWhenTheWatermarkReachesStartPlusWithin(Matcher matcher)
            throws Exception {
        try (var harness = operators.harness(0, matcher)) {
            events.feed(harness, "k1", "a", 10_000);
            events.feed(harness, "k1", "b", 11_000);
            // At exactly 10 s + 5 s: too late to end the partial match.
            events.feed(harness, "k1", "c", 15_000);
            events.feed(harness, "k2", "a", 10_000);
            events.feed(harness, "k2", "b", 11_000);
            events.feed(harness, "k2", "c", 14_999);

            harness.processWatermark(14_999);
            assertThat(harness.extractOutputValues()).as("%s", matcher).isEmpty();

            harness.processWatermark(15_000);
            assertThat(TypedEvents.matches(harness))
                    .as("%s", matcher)
                    .singleElement()
                    .satisfies(
                            match ->
                                    assertThat(match)
                                            .startsWith("k1:")
                                            .contains("\"a\":[")
                                            .contains("\"b\":[")
                                            .doesNotContain("\"c\":"));
            if (matcher == Matcher.SEQUENCE) {
                // Nothing left to wait for: no timer stays behind.
                assertThat(harness.numEventTimeTimers()).isZero();
            }
        }
    }
}
