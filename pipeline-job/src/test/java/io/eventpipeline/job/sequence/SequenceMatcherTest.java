package io.eventpipeline.job.sequence;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventpipeline.job.cep.EventTest;
import io.eventpipeline.job.event.EventOrigin;
import io.eventpipeline.job.event.PipelineEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SequenceMatcherTest {
    private static final EventTest A = typeIs("a");
    private static final EventTest B = typeIs("b");
    private static final EventTest C = typeIs("c");

    private final List<List<PipelineEvent>> partials = new ArrayList<>();
    private long offset;

    @Test
    void eachFirstStepEventStartsAPartialMatchThatSkipsEventsItCannotTake() {
        SequenceMatcher matcher = new SequenceMatcher(List.of(A, B, C), 0, false);

        assertThat(feed(matcher, "a", 1)).isEmpty();
        assertThat(feed(matcher, "a", 2)).isEmpty();
        assertThat(feed(matcher, "c", 3)).isEmpty();
        assertThat(feed(matcher, "b", 4)).isEmpty();
        // Both partial matches took the same b; the oldest completes first.
        assertThat(feed(matcher, "c", 5)).containsExactly("a@1 b@4 c@5", "a@2 b@4 c@5");
        assertThat(partials).isEmpty();
    }

    @Test
    void anEventCanAdvanceOlderPartialMatchesAndStartANewOne() {
        SequenceMatcher matcher = new SequenceMatcher(List.of(A, A), 0, false);

        assertThat(feed(matcher, "a", 1)).isEmpty();
        assertThat(feed(matcher, "a", 2)).containsExactly("a@1 a@2");
        assertThat(feed(matcher, "a", 3)).containsExactly("a@2 a@3");
        assertThat(partials).hasSize(1);
    }

    @Test
    void aPartialMatchExpiresWhenAnEventComesWithinOrMoreAfterItsStart() {
        SequenceMatcher matcher = new SequenceMatcher(List.of(A, B), 10, false);

        feed(matcher, "a", 0);
        feed(matcher, "a", 1);
        // 10 after the first a: that one has expired, the second has not.
        assertThat(feed(matcher, "b", 10)).containsExactly("a@1 b@10");
        assertThat(matcher.nextExpiry(partials)).isEqualTo(Long.MAX_VALUE);

        feed(matcher, "a", 20);
        assertThat(matcher.nextExpiry(partials)).isEqualTo(30);
        matcher.expire(partials, 29);
        assertThat(partials).hasSize(1);
        matcher.expire(partials, 30);
        assertThat(partials).isEmpty();
    }

    @Test
    void skipPastLastEventKeepsTheOldestMatchAndDropsEveryPartialMatch() {
        SequenceMatcher matcher = new SequenceMatcher(List.of(A, B), 0, true);

        feed(matcher, "a", 1);
        feed(matcher, "a", 2);
        assertThat(feed(matcher, "b", 3)).containsExactly("a@1 b@3");
        assertThat(partials).isEmpty();
        assertThat(feed(matcher, "b", 4)).isEmpty();
    }

    @Test
    void skipPastLastEventAlsoDropsThePartialMatchTheLastEventStarts() {
        SequenceMatcher matcher = new SequenceMatcher(List.of(A, A), 0, true);

        feed(matcher, "a", 1);
        assertThat(feed(matcher, "a", 2)).containsExactly("a@1 a@2");
        assertThat(feed(matcher, "a", 3)).isEmpty();
        assertThat(feed(matcher, "a", 4)).containsExactly("a@3 a@4");
    }

    @Test
    void aOneStepSequenceMatchesEachEventItsConditionHoldsFor() {
        SequenceMatcher matcher = new SequenceMatcher(List.of(A), 5, true);

        assertThat(feed(matcher, "a", 1)).containsExactly("a@1");
        assertThat(feed(matcher, "b", 2)).isEmpty();
        assertThat(feed(matcher, "a", 3)).containsExactly("a@3");
        assertThat(partials).isEmpty();
    }

    @Test
    void aTrailingAbsenceCompletesWhenTimeReachesStartPlusWithin() {
        SequenceMatcher matcher = new SequenceMatcher(List.of(A, B), C, 10, false);

        feed(matcher, "a", 0);
        assertThat(feed(matcher, "b", 3)).isEmpty();
        // Waiting: it takes no further event and is not complete before 0 + 10.
        assertThat(feed(matcher, "b", 9)).isEmpty();
        assertThat(matcher.nextExpiry(partials)).isEqualTo(10);
        assertThat(describeAll(matcher.expire(partials, 9))).isEmpty();
        // A c at exactly 10 comes too late to end it: the match is out before the c is fed.
        assertThat(feed(matcher, "c", 10)).containsExactly("a@0 b@3");
        assertThat(partials).isEmpty();
    }

    @Test
    void theAbsentEventEndsTheWaitingPartialMatchesButNotTheUnfinishedOnes() {
        SequenceMatcher matcher = new SequenceMatcher(List.of(A, B), C, 10, false);

        feed(matcher, "a", 0);
        feed(matcher, "b", 1);
        feed(matcher, "a", 2);
        feed(matcher, "c", 3);
        // a@0 b@1 ended by c@3; a@2 still needs its b.
        feed(matcher, "b", 4);
        assertThat(describeAll(matcher.expire(partials, 11))).isEmpty();
        assertThat(describeAll(matcher.expire(partials, 12))).containsExactly("a@2 b@4");
        assertThat(partials).isEmpty();
    }

    @Test
    void anUnfinishedPartialMatchOfATrailingAbsenceExpiresWithoutAMatch() {
        SequenceMatcher matcher = new SequenceMatcher(List.of(A, B), C, 10, false);

        feed(matcher, "a", 0);
        assertThat(describeAll(matcher.expire(partials, 10))).isEmpty();
        assertThat(partials).isEmpty();
    }

    @Test
    void aOneStepSequenceWithATrailingAbsenceWaitsForEachEvent() {
        SequenceMatcher matcher = new SequenceMatcher(List.of(A), C, 5, false);

        feed(matcher, "a", 1);
        feed(matcher, "a", 2);
        feed(matcher, "c", 4);
        feed(matcher, "a", 5);
        // Both expire on the event at 10: the completed ones come out oldest first.
        assertThat(feed(matcher, "b", 10)).containsExactly("a@5");
        assertThat(partials).isEmpty();
    }

    @Test
    void aConditionOnAnEarlierStepsEventIsAskedWithEachPartialMatchsOwnEvents() {
        EventTest largerThanA =
                new EventTest() {
                    @Override
                    public boolean holds(PipelineEvent event) {
                        throw new AssertionError("needs the partial match");
                    }

                    @Override
                    public boolean holds(PipelineEvent event, List<PipelineEvent> taken) {
                        return event.timestamp() - taken.get(0).timestamp() > 2;
                    }
                };
        SequenceMatcher matcher = new SequenceMatcher(List.of(A, largerThanA), 0, false);

        feed(matcher, "a", 1);
        feed(matcher, "a", 3);
        // Each partial match asks about its own a: 4 is more than 2 after the first a only.
        assertThat(feed(matcher, "b", 4)).containsExactly("a@1 b@4");
        assertThat(feed(matcher, "c", 6)).containsExactly("a@3 c@6");
    }

    private static List<String> describeAll(List<List<PipelineEvent>> matches) {
        return matches.stream().map(SequenceMatcherTest::describe).toList();
    }

    private List<String> feed(SequenceMatcher matcher, String type, long time) {
        PipelineEvent event =
                PipelineEvent.accepted(
                        "k", time, new EventOrigin("in", 0, offset++), Map.of("type", type), null);
        return matcher.advance(partials, event, time).stream()
                .map(SequenceMatcherTest::describe)
                .toList();
    }

    private static String describe(List<PipelineEvent> match) {
        StringBuilder text = new StringBuilder();
        for (PipelineEvent event : match) {
            text.append(text.isEmpty() ? "" : " ")
                    .append(event.body().get("type"))
                    .append('@')
                    .append(event.timestamp());
        }
        return text.toString();
    }

    private static EventTest typeIs(String type) {
        return event -> type.equals(event.body().get("type"));
    }
}
