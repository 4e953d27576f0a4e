package io.eventpipeline.job.semantics;

import static io.eventpipeline.job.semantics.PatternHarness.run;
import static io.eventpipeline.job.semantics.PatternHarness.runRaw;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventpipeline.job.testrun.TestRunResult;
import io.eventpipeline.job.topology.DeadLetter;
import io.eventpipeline.spec.cel.EventJson;
import io.eventpipeline.testsupport.flink.SharedMiniCluster;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Negations, within and timeouts, iterative conditions, emit, and events that cannot be used. */
class NegationTimeAndConditionIT {
    @RegisterExtension static final MiniClusterExtension FLINK = SharedMiniCluster.create();

    private static String aNotCThenB(String negation) {
        return """
        - name: p
          steps:
            - {name: a, where: "event.type == 'a'"}
            - {name: n, after: %s, where: "event.type == 'c'"}
            - {name: b, where: "event.type == 'b'"}
        """
                .formatted(negation);
    }

    private static String aThenBWithin(boolean emitTimeouts) {
        return """
        - name: p
          within: 10s
          emitTimeouts: %s
          steps:
            - {name: a, where: "event.type == 'a'"}
            - {name: b, where: "event.type == 'b'"}
        """
                .formatted(emitTimeouts);
    }

    @Test
    void notNextForbidsTheImmediatelyFollowingEvent() throws Exception {
        assertThat(run(aNotCThenB("notNext"), "a@1 c@2 b@3 a@4 d@5 b@6"))
                .containsExactly("a:4 b:6");
    }

    @Test
    void notFollowedByForbidsTheEventAnywhereBeforeTheNextStep() throws Exception {
        assertThat(run(aNotCThenB("notFollowedBy"), "a@1 c@2 b@3 a@4 b@5"))
                .containsExactly("a:4 b:5");
    }

    @Test
    void trailingNotFollowedByMatchesOnceWithinHasPassed() throws Exception {
        String pattern =
                """
                - name: p
                  within: 10s
                  steps:
                    - {name: a, where: "event.type == 'a'"}
                    - {name: n, after: notFollowedBy, where: "event.type == 'c'"}
                """;
        // a@1 is cancelled by c@3; a@20's window is closed by the end of the input.
        assertThat(run(pattern, "a@1 c@3 a@5 b@7 a@20")).containsExactly("a:5", "a:20");
    }

    @Test
    void withinDropsMatchesThatTakeLonger() throws Exception {
        assertThat(run(aThenBWithin(false), "a@1 b@5 a@10 b@30 a@40")).containsExactly("a:1 b:5");
    }

    @Test
    void emitTimeoutsAddsExpiredPartialMatchesInEndOrder() throws Exception {
        TestRunResult result = runRaw(aThenBWithin(true), "a@1 b@5 a@10 b@30 a@40");
        assertThat(PatternHarness.render(result))
                .containsExactly("a:1 b:5", "timeout a:10", "timeout a:40");
        // A timed-out match ends when it expired: start + within.
        assertThat(result.matches()).extracting(m -> m.end).containsExactly(5000L, 20000L, 50000L);
    }

    @Test
    void conditionsSeeEarlierStepsEvents() throws Exception {
        String pattern =
                """
                - name: rising
                  afterMatch: skipPastLastEvent
                  steps:
                    - {name: low, where: "event.type == 'r'"}
                    - name: up
                      after: next
                      where: "event.type == 'r' && event.v > low[0].v"
                      times: {min: 2, max: 2}
                      consecutive: true
                """;
        assertThat(run(pattern, "r@1=5 r@2=7 r@3=9 r@4=1 r@5=2 r@6=0 r@7=3"))
                .containsExactly("low:1 up:2,3");
    }

    @Test
    void aRepeatingStepSeesItsOwnEventsSoFar() throws Exception {
        String pattern =
                """
                - name: rising
                  afterMatch: skipPastLastEvent
                  steps:
                    - name: up
                      where: "size(up) == 0 || event.v > up[size(up) - 1].v"
                      times: {min: 3, max: 3}
                      consecutive: true
                """;
        assertThat(run(pattern, "r@1=5 r@2=7 r@3=6 r@4=8 r@5=9 r@6=10"))
                .containsExactly("up:3,4,5");
    }

    @Test
    void emitProjectsFieldsIntoTheMatchRecord() throws Exception {
        String pattern =
                """
                - name: p
                  emit: {first: "a[0].v", total: "a[0].v + b[0].v", missing: "a[0].nothere"}
                  steps:
                    - {name: a, where: "event.type == 'a'"}
                    - {name: b, after: next, where: "event.type == 'b'"}
                """;
        TestRunResult result = runRaw(pattern, "a@1=2 b@2=40");
        JsonNode record = EventJson.mapper().readTree(result.matchLines().get(0));
        assertThat(record.get("fields").toString())
                .isEqualTo("{\"first\":2,\"missing\":null,\"total\":42}");
        assertThat(record.get("pipeline").asText()).isEqualTo("semantics");
        assertThat(record.get("pattern").asText()).isEqualTo("p");
        assertThat(record.get("key").asText()).isEqualTo("k1");
        assertThat(record.get("start").asLong()).isEqualTo(1000);
        assertThat(record.get("end").asLong()).isEqualTo(2000);
        assertThat(record.get("matchId").asText()).hasSize(32);
    }

    @Test
    void aConditionOnAMissingFieldIsFalseAndNotADeadLetter() throws Exception {
        String pattern =
                """
                - name: p
                  steps:
                    - {name: a, where: "event.v > 3"}
                """;
        TestRunResult result = runRaw(pattern, "a@1 a@2=5");
        assertThat(PatternHarness.render(result)).containsExactly("a:2");
        assertThat(result.deadLetters()).isEmpty();
    }

    @Test
    void eventsThatCannotBeEvaluatedOrAreLateAreDeadLetters() throws Exception {
        String pattern =
                """
                - name: p
                  steps:
                    - {name: a, where: "event.v > 3"}
                """;
        // line 2: v is a string; line 4 is behind the watermark (t=3s after t=5s).
        TestRunResult result = runRaw(pattern, "a@1=4 a@2=\"x\" a@5=9 a@3=7");
        assertThat(PatternHarness.render(result)).containsExactly("a:1", "a:5");
        assertThat(result.deadLetters()).extracting(d -> d.offset).containsExactly(2L, 4L);
        DeadLetter notEvaluable = result.deadLetters().get(0);
        assertThat(notEvaluable.reason)
                .startsWith("cannot evaluate: spec.patterns[0].steps[0].where");
        assertThat(new String(notEvaluable.value)).contains("\"v\":\"x\"");
        assertThat(result.deadLetters().get(1).reason).startsWith("late:");
    }
}
