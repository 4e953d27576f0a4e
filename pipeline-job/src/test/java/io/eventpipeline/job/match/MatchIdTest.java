package io.eventpipeline.job.match;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventpipeline.job.event.EventOrigin;
import io.eventpipeline.job.event.PipelineEvent;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MatchIdTest {
    private static final List<String> STEPS = List.of("a", "b");

    private static PipelineEvent event(long offset, long time) {
        return PipelineEvent.accepted(
                "k", time, new EventOrigin("in", 0, offset), Map.of("x", 1L), null);
    }

    private static String id(String key, boolean timedOut, Map<String, List<PipelineEvent>> m) {
        return MatchId.of("ns/pipe", "p", key, timedOut, STEPS, m);
    }

    @Test
    void sameInputSameIdAndEveryPartCounts() {
        Map<String, List<PipelineEvent>> match =
                Map.of("a", List.of(event(1, 10)), "b", List.of(event(2, 20)));
        String id = id("k", false, match);
        assertThat(id).hasSize(MatchId.LENGTH).matches("[0-9a-f]+");
        assertThat(id("k", false, Map.of("b", List.of(event(2, 20)), "a", List.of(event(1, 10)))))
                .isEqualTo(id);
        assertThat(id("k2", false, match)).isNotEqualTo(id);
        assertThat(id("k", true, match)).isNotEqualTo(id);
        assertThat(MatchId.of("ns/pipe", "q", "k", false, STEPS, match)).isNotEqualTo(id);
        assertThat(id("k", false, Map.of("a", List.of(event(1, 10)), "b", List.of(event(3, 20)))))
                .isNotEqualTo(id);
        // The same events under other steps are another match.
        assertThat(id("k", false, Map.of("a", List.of(event(1, 10), event(2, 20)))))
                .isNotEqualTo(id);
    }
}
