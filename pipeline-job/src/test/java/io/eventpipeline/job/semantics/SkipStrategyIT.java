package io.eventpipeline.job.semantics;

import static io.eventpipeline.job.semantics.PatternHarness.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.eventpipeline.testsupport.flink.SharedMiniCluster;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The five after-match skip strategies. The first table is Flink's documentation example (pattern
 * {@code b+ c}, events {@code b1 b2 b3 c}); the second separates skipToNext from skipPastLastEvent.
 */
class SkipStrategyIT {
    @RegisterExtension static final MiniClusterExtension FLINK = SharedMiniCluster.create();

    private static final String DOC_EVENTS = "b@1 b@2 b@3 c@4";

    private static String docPattern(String afterMatch) {
        return """
        - name: p
          %s
          steps:
            - {name: b, where: "event.type == 'b'", oneOrMore: true}
            - {name: c, after: next, where: "event.type == 'c'"}
        """
                .formatted(afterMatch);
    }

    private static String aThenBs(String afterMatch) {
        return """
        - name: p
          afterMatch: %s
          steps:
            - {name: a, where: "event.type == 'a'"}
            - {name: b, where: "event.type == 'b'", oneOrMore: true}
        """
                .formatted(afterMatch);
    }

    @Test
    void noSkipEmitsEveryMatch() throws Exception {
        assertThat(run(docPattern("afterMatch: noSkip"), DOC_EVENTS))
                .containsExactlyInAnyOrder("b:1,2,3 c:4", "b:2,3 c:4", "b:3 c:4");
    }

    @Test
    void skipToNextDropsOnlyMatchesStartingAtTheSameEvent() throws Exception {
        assertThat(run(docPattern("afterMatch: skipToNext"), DOC_EVENTS))
                .containsExactlyInAnyOrder("b:1,2,3 c:4", "b:2,3 c:4", "b:3 c:4");
        // a@1's longer match b@3,4 started at a@1 too; a@2's match is kept.
        assertThat(run(aThenBs("skipToNext"), "a@1 a@2 b@3 b@4"))
                .containsExactlyInAnyOrder("a:1 b:3", "a:2 b:3");
    }

    @Test
    void skipPastLastEventDropsEveryOverlappingMatch() throws Exception {
        assertThat(run(docPattern("afterMatch: skipPastLastEvent"), DOC_EVENTS))
                .containsExactly("b:1,2,3 c:4");
        assertThat(run(aThenBs("skipPastLastEvent"), "a@1 a@2 b@3 b@4")).containsExactly("a:1 b:3");
        assertThat(run(aThenBs("noSkip"), "a@1 a@2 b@3 b@4"))
                .containsExactlyInAnyOrder("a:1 b:3", "a:2 b:3", "a:1 b:3,4", "a:2 b:3,4");
    }

    @Test
    void skipToLastDropsMatchesStartingBeforeTheStepsLastEvent() throws Exception {
        assertThat(run(docPattern("afterMatch: skipToLast\n  afterMatchStep: b"), DOC_EVENTS))
                .containsExactlyInAnyOrder("b:1,2,3 c:4", "b:3 c:4");
    }

    @Test
    void skipToFirstAsFlinkRunsIt() throws Exception {
        // Flink's documentation lists b2 b3 c and b3 c here too, but Flink 1.20 holds back matches
        // while an earlier-started partial match (b1 b2 b3, still looping) exists under a skip
        // strategy and then prunes them (FLINK-15873). We map to Flink's skipToFirst unchanged.
        assertThat(run(docPattern("afterMatch: skipToFirst\n  afterMatchStep: b"), DOC_EVENTS))
                .containsExactly("b:1,2,3 c:4");
    }
}
