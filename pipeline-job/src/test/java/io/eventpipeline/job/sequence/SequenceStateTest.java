package io.eventpipeline.job.sequence;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventpipeline.job.event.EventOrigin;
import io.eventpipeline.job.event.PipelineEvent;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SequenceStateTest {
    private long offset;

    @Test
    void waitingEventsAreKeptInTimeOrderWithTiesInArrivalOrder() {
        SequenceState state = new SequenceState();

        assertThat(state.await(event(5))).as("first at 5").isTrue();
        assertThat(state.await(event(3))).as("first at 3").isTrue();
        assertThat(state.await(event(5))).as("second at 5").isFalse();
        assertThat(state.await(event(4))).as("first at 4").isTrue();
        assertThat(state.await(event(3))).as("second at 3").isFalse();

        assertThat(offsets(state.takeUntil(2))).isEmpty();
        assertThat(offsets(state.takeUntil(3))).containsExactly(1L, 4L);
        assertThat(offsets(state.takeUntil(5))).containsExactly(3L, 0L, 2L);
        assertThat(state.isEmpty()).isTrue();
    }

    private PipelineEvent event(long time) {
        return PipelineEvent.accepted(
                "k", time, new EventOrigin("in", 0, offset++), Map.of("t", time), null);
    }

    private static List<Long> offsets(List<PipelineEvent> events) {
        return events.stream().map(e -> e.origin().offset()).toList();
    }
}
