package io.eventpipeline.job.match;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventpipeline.job.event.EventOrigin;
import io.eventpipeline.job.event.PipelineEvent;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
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

    @Test
    void theIdIsTheSameAcrossVersions() {
        // Consumers drop duplicates by id, also across an upgrade of the job: pinned.
        Map<String, List<PipelineEvent>> match =
                Map.of("a", List.of(event(1, 10)), "b", List.of(event(2, 20)));
        assertThat(id("k", false, match)).isEqualTo("9981c94765344be65ca073d8dc14d3bb");
    }

    @Test
    void everyFieldIsHashedAsItsLengthAndUtf8Bytes() throws Exception {
        String[] keys = {"k", "ключ", "emoji \uD83D\uDE00", "x".repeat(256), "y".repeat(300), ""};
        long[] numbers = {0, 7, -7, 9, 10, 999_999_999_999L, Long.MAX_VALUE, Long.MIN_VALUE};
        for (String key : keys) {
            for (long number : numbers) {
                PipelineEvent event =
                        PipelineEvent.accepted(
                                key,
                                number,
                                new EventOrigin(key, (int) number, -number),
                                Map.of("x", 1L),
                                null);
                Map<String, List<PipelineEvent>> match = Map.of("a", List.of(event));
                MessageDigest digest = MessageDigest.getInstance("SHA-256");
                for (String field :
                        List.of(
                                "ns/pipe",
                                "p",
                                key,
                                "matched",
                                "a",
                                key,
                                Integer.toString((int) number),
                                Long.toString(-number),
                                Long.toString(number))) {
                    byte[] bytes = field.getBytes(StandardCharsets.UTF_8);
                    digest.update(
                            new byte[] {
                                (byte) (bytes.length >>> 24),
                                (byte) (bytes.length >>> 16),
                                (byte) (bytes.length >>> 8),
                                (byte) bytes.length
                            });
                    digest.update(bytes);
                }
                String expected = HexFormat.of().formatHex(digest.digest()).substring(0, 32);
                assertThat(id(key, false, match)).as("%s, %d", key, number).isEqualTo(expected);
            }
        }
    }
}
