package io.eventpipeline.job.semantics;

import static io.eventpipeline.job.semantics.PatternHarness.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.eventpipeline.testsupport.flink.SharedMiniCluster;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Contiguity between steps, contiguity inside a repeating step, and every quantifier, through the
 * {@code test} command's code path. Expected matches are worked out by hand from Flink CEP's
 * documented semantics (noSkip unless stated).
 */
class ContiguityAndQuantifierIT {
    @RegisterExtension static final MiniClusterExtension FLINK = SharedMiniCluster.create();

    private static String aThenB(String after) {
        return """
        - name: p
          steps:
            - {name: a, where: "event.type == 'a'"}
            - {name: b, after: %s, where: "event.type == 'b'"}
        """
                .formatted(after);
    }

    private static String repeatedAThenB(String options) {
        return """
        - name: p
          steps:
            - {name: a, where: "event.type == 'a'", %s}
            - {name: b, where: "event.type == 'b'"}
        """
                .formatted(options);
    }

    @Test
    void nextNeedsTheVeryNextEvent() throws Exception {
        // c@2 sits between a@1 and b@3.
        assertThat(run(aThenB("next"), "a@1 c@2 b@3 a@4 b@5")).containsExactly("a:4 b:5");
    }

    @Test
    void followedBySkipsOtherEventsAndTakesTheFirstMatch() throws Exception {
        assertThat(run(aThenB("followedBy"), "a@1 c@2 b@3 a@4 b@5"))
                .containsExactly("a:1 b:3", "a:4 b:5");
    }

    @Test
    void followedByAnyAlsoTriesEveryLaterMatch() throws Exception {
        assertThat(run(aThenB("followedByAny"), "a@1 c@2 b@3 a@4 b@5"))
                .containsExactlyInAnyOrder("a:1 b:3", "a:1 b:5", "a:4 b:5")
                .startsWith("a:1 b:3");
    }

    @Test
    void aRepeatingStepIsRelaxedInsideByDefault() throws Exception {
        assertThat(run(repeatedAThenB("oneOrMore: true"), "a@1 c@2 a@3 b@4"))
                .containsExactlyInAnyOrder("a:1,3 b:4", "a:1 b:4", "a:3 b:4");
    }

    @Test
    void consecutiveMakesTheLoopStrict() throws Exception {
        assertThat(run(repeatedAThenB("oneOrMore: true, consecutive: true"), "a@1 c@2 a@3 b@4"))
                .containsExactlyInAnyOrder("a:1 b:4", "a:3 b:4");
    }

    @Test
    void allowCombinationsAddsTheSkippingCombinations() throws Exception {
        String relaxed = repeatedAThenB("oneOrMore: true");
        String combinations = repeatedAThenB("oneOrMore: true, allowCombinations: true");
        String events = "a@1 a@2 a@3 b@4";
        assertThat(run(relaxed, events))
                .containsExactlyInAnyOrder(
                        "a:1,2,3 b:4", "a:1,2 b:4", "a:2,3 b:4", "a:1 b:4", "a:2 b:4", "a:3 b:4");
        // a@1 with a@3, skipping the matching a@2, only with allowCombinations.
        assertThat(run(combinations, events))
                .containsExactlyInAnyOrder(
                        "a:1,2,3 b:4",
                        "a:1,2 b:4",
                        "a:1,3 b:4",
                        "a:2,3 b:4",
                        "a:1 b:4",
                        "a:2 b:4",
                        "a:3 b:4");
    }

    @Test
    void timesWithMinEqualToMaxTakesExactlyThatMany() throws Exception {
        assertThat(run(repeatedAThenB("times: {min: 2, max: 2}"), "a@1 a@2 a@3 b@4"))
                .containsExactlyInAnyOrder("a:1,2 b:4", "a:2,3 b:4");
    }

    @Test
    void timesWithARangeTakesEveryCountInIt() throws Exception {
        assertThat(run(repeatedAThenB("times: {min: 1, max: 2}"), "a@1 a@2 b@3"))
                .containsExactlyInAnyOrder("a:1,2 b:3", "a:1 b:3", "a:2 b:3");
    }

    @Test
    void timesWithoutMaxIsTimesOrMore() throws Exception {
        assertThat(run(repeatedAThenB("times: {min: 2}"), "a@1 a@2 a@3 b@4"))
                .containsExactlyInAnyOrder("a:1,2,3 b:4", "a:1,2 b:4", "a:2,3 b:4");
    }

    @Test
    void oneOrMore() throws Exception {
        assertThat(run(repeatedAThenB("oneOrMore: true"), "a@1 a@2 b@3"))
                .containsExactlyInAnyOrder("a:1,2 b:3", "a:1 b:3", "a:2 b:3");
    }

    @Test
    void optionalStepMayTakeNoEvent() throws Exception {
        String pattern =
                """
                - name: p
                  steps:
                    - {name: a, where: "event.type == 'a'"}
                    - {name: b, after: next, where: "event.type == 'b'", optional: true}
                    - {name: c, after: next, where: "event.type == 'c'"}
                """;
        assertThat(run(pattern, "a@1 c@2 a@3 b@4 c@5")).containsExactly("a:1 c:2", "a:3 b:4 c:5");
    }

    @Test
    void greedyLoopKeepsEventsTheNextStepCouldAlsoTake() throws Exception {
        // b also accepts 'a' events: without greedy it takes them from the loop.
        String pattern =
                """
                - name: p
                  steps:
                    - {name: a, where: "event.type == 'a'", oneOrMore: true %s}
                    - {name: b, after: next, where: "event.type == 'a' || event.type == 'b'"}
                """;
        String events = "a@1 a@2 a@3 b@4";
        assertThat(run(pattern.formatted(""), events))
                .containsExactlyInAnyOrder(
                        "a:1 b:2", "a:1,2 b:3", "a:2 b:3", "a:1,2,3 b:4", "a:2,3 b:4", "a:3 b:4");
        assertThat(run(pattern.formatted(", greedy: true"), events))
                .containsExactlyInAnyOrder("a:1,2,3 b:4", "a:2,3 b:4", "a:3 b:4");
    }

    @Test
    void untilStopsTheLoopWithoutTakingTheStoppingEvent() throws Exception {
        String events = "a@1 a@2 x@3 a@4 b@5";
        assertThat(run(repeatedAThenB("oneOrMore: true"), events))
                .contains("a:1,2,4 b:5", "a:2,4 b:5");
        assertThat(run(repeatedAThenB("oneOrMore: true, until: \"event.type == 'x'\""), events))
                .containsExactlyInAnyOrder("a:1,2 b:5", "a:1 b:5", "a:2 b:5", "a:4 b:5");
    }

    @Test
    void matchesArePerKey() throws Exception {
        assertThat(run(aThenB("next"), "a@1/k1 a@2/k2 b@3/k1 b@4/k2"))
                .containsExactly("a:1 b:3", "a:2 b:4");
    }
}
