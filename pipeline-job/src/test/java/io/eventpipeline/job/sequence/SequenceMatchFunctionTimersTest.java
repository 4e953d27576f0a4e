package io.eventpipeline.job.sequence;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventpipeline.job.TestPipelines;
import io.eventpipeline.job.event.PipelineEvent;
import io.eventpipeline.job.match.MatchOutput;
import io.eventpipeline.job.topology.PatternOperators;
import io.eventpipeline.spec.resolved.Matcher;
import io.eventpipeline.spec.resolved.ResolvedPipeline;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * The sequence matcher's operator, as the job wires it, in an operator test harness: what its
 * event-time timers do as the watermark advances. Pattern: a then b within 5 s.
 */
class SequenceMatchFunctionTimersTest {
    private static final String A_THEN_B =
            """
            - name: ab
              steps:
                - {name: a, where: "event.type == 'a'"}
                - {name: b, where: "event.type == 'b'"}
              within: 5s
            """;

    private final PatternOperators operators;
    private final TypedEvents events;

    SequenceMatchFunctionTimersTest() throws Exception {
        operators =
                new PatternOperators(
                        ResolvedPipeline.resolve(TestPipelines.withPatterns("timers", A_THEN_B)));
        events = new TypedEvents(operators);
    }

    private KeyedOneInputStreamOperatorTestHarness<String, PipelineEvent, MatchOutput> harness()
            throws Exception {
        return operators.harness(0, Matcher.SEQUENCE);
    }

    @Test
    void eventsWaitForTheWatermarkOnOneTimerPerTime() throws Exception {
        try (var harness = harness()) {
            events.feed(harness, "k1", "a", 10_000);
            events.feed(harness, "k1", "b", 11_000);
            events.feed(harness, "k1", "b", 11_000);
            // A timer per distinct time, ties sharing one.
            assertThat(harness.numEventTimeTimers()).isEqualTo(2);
            assertThat(harness.extractOutputValues()).isEmpty();

            harness.processWatermark(10_999);
            // a is taken; b still waits; a timer for the partial match's expiry at 15 s.
            assertThat(harness.extractOutputValues()).isEmpty();
            assertThat(harness.numEventTimeTimers()).isEqualTo(2);

            harness.processWatermark(11_000);
            // The first b completes the match; the second finds no partial match left.
            assertThat(harness.extractOutputValues()).hasSize(1);
            assertThat(harness.extractOutputValues().get(0).end).isEqualTo(11_000);
            // Nothing waits and no partial match is left: the key's state is gone, and so is
            // the expiry timer.
            assertThat(harness.numKeyedStateEntries()).isZero();
            assertThat(harness.numEventTimeTimers()).isZero();
            harness.processWatermark(15_000);
            assertThat(harness.extractOutputValues()).hasSize(1);
        }
    }

    @Test
    void partialMatchesThatComeAndGoLeaveNoTimersBehind() throws Exception {
        try (var harness = harness()) {
            // A busy key: every second a partial match starts and the previous one completes,
            // so the oldest partial match changes every second, for far less than within.
            for (int second = 10; second < 1_000; second++) {
                events.feed(harness, "k1", "b", second * 1_000L);
                events.feed(harness, "k1", "a", second * 1_000L + 1);
                harness.processWatermark(second * 1_000L + 1);
                // The one partial match's expiry, no more.
                assertThat(harness.numEventTimeTimers()).isEqualTo(1);
            }
            assertThat(harness.extractOutputValues()).hasSize(989);
        }
    }

    @Test
    void anExpiryTimerThatEventsWaitForIsKept() throws Exception {
        try (var harness = harness()) {
            events.feed(harness, "k1", "a", 10_000);
            harness.processWatermark(10_000);
            // An event waits for 15 s, the partial match's expiry, on the same timer; another
            // completes the partial match before that.
            events.feed(harness, "k1", "a", 15_000);
            events.feed(harness, "k1", "b", 12_000);
            harness.processWatermark(12_000);
            assertThat(harness.extractOutputValues()).hasSize(1);
            assertThat(harness.numEventTimeTimers()).isEqualTo(1);
            harness.processWatermark(15_000);
            // The waiting a was fed at 15 s and started a partial match: its expiry's timer.
            assertThat(harness.numEventTimeTimers()).isEqualTo(1);
            events.feed(harness, "k1", "b", 16_000);
            harness.processWatermark(Long.MAX_VALUE);
            assertThat(harness.extractOutputValues()).hasSize(2);
            assertThat(harness.numKeyedStateEntries()).isZero();
        }
    }

    @Test
    void aPartialMatchExpiresAtWithinOnItsTimerWithoutOutputAndLeavesNoState() throws Exception {
        try (var harness = harness()) {
            events.feed(harness, "k1", "a", 10_000);
            harness.processWatermark(10_000);
            assertThat(harness.numKeyedStateEntries()).isEqualTo(1);
            // The expiry timer: start + within.
            assertThat(harness.numEventTimeTimers()).isEqualTo(1);

            harness.processWatermark(14_999);
            assertThat(harness.numKeyedStateEntries()).isEqualTo(1);

            harness.processWatermark(15_000);
            // Expired on its timer, with no event of the key arriving: no timed-out record (the
            // matcher never emits timeouts; a pattern that does runs on Flink CEP), no state left.
            assertThat(harness.numKeyedStateEntries()).isZero();
            assertThat(harness.numEventTimeTimers()).isZero();
            events.feed(harness, "k1", "b", 15_500);
            harness.processWatermark(Long.MAX_VALUE);
            assertThat(harness.extractOutputValues()).isEmpty();
        }
    }

    @Test
    void withinIsExclusiveAtItsEnd() throws Exception {
        try (var harness = harness()) {
            events.feed(harness, "k1", "a", 10_000);
            events.feed(harness, "k2", "a", 10_000);
            events.feed(harness, "k1", "b", 14_999);
            events.feed(harness, "k2", "b", 15_000);
            harness.processWatermark(Long.MAX_VALUE);
            assertThat(harness.extractOutputValues()).extracting(m -> m.key).containsExactly("k1");
            assertThat(harness.numKeyedStateEntries()).isZero();
        }
    }

    @Test
    void anEventAtOrBehindTheWatermarkIsLateAndDropped() throws Exception {
        try (var harness = harness()) {
            harness.processWatermark(20_000);
            events.feed(harness, "k1", "a", 20_000);
            events.feed(harness, "k1", "a", 19_000);
            assertThat(harness.numKeyedStateEntries()).isZero();
            assertThat(harness.numEventTimeTimers()).isZero();
            events.feed(harness, "k1", "a", 20_001);
            events.feed(harness, "k1", "b", 20_002);
            harness.processWatermark(Long.MAX_VALUE);
            assertThat(harness.extractOutputValues()).hasSize(1);
        }
    }

    @Test
    void waitingEventsPartialMatchesAndTheirTimersSurviveASnapshot() throws Exception {
        OperatorSubtaskState snapshot;
        try (var harness = harness()) {
            events.feed(harness, "k1", "a", 10_000);
            harness.processWatermark(10_000);
            events.feed(harness, "k1", "b", 12_000);
            events.feed(harness, "k2", "a", 13_000);
            snapshot = harness.snapshot(1, 1);
        }
        try (var restored = operators.harness(0, Matcher.SEQUENCE, snapshot)) {
            // The timer for k1's waiting b and its partial match's expiry, and k2's waiting a.
            assertThat(restored.numEventTimeTimers()).isEqualTo(3);
            restored.processWatermark(12_000);
            assertThat(restored.extractOutputValues())
                    .extracting(m -> m.key + "@" + m.end)
                    .containsExactly("k1@12000");
            // k2's partial match, started at 13 s, expires when the watermark reaches 18 s.
            restored.processWatermark(17_999);
            assertThat(restored.numKeyedStateEntries()).isEqualTo(1);
            restored.processWatermark(18_000);
            assertThat(restored.numKeyedStateEntries()).isZero();
            assertThat(restored.numEventTimeTimers()).isZero();
        }
    }
}
