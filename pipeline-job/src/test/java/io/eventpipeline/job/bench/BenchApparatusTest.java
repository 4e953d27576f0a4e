package io.eventpipeline.job.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The latency benchmark's own cheap paths (they run beside the job on the same cores) give what the
 * plain ones gave: the event generator's amounts, and what is read from a match record; and the
 * job's JVM runs as the operator renders a TaskManager.
 */
class BenchApparatusTest {
    @Test
    void amountsAreWrittenAsPercentPointTwoFWritesThem() {
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < 100_000; i++) {
            double amount = random.nextDouble() * 200;
            assertThat(BenchEvents.twoDecimals(amount))
                    .as("amount %s", amount)
                    .isEqualTo(String.format(Locale.ROOT, "%.2f", amount));
        }
        assertThat(BenchEvents.twoDecimals(0)).isEqualTo("0.00");
        assertThat(BenchEvents.twoDecimals(100.05)).isEqualTo("100.05");
        assertThat(BenchEvents.twoDecimals(199.999)).isEqualTo("200.00");
    }

    @Test
    void aMatchRecordGivesItsIdAndItsEventsNumbersAndLatestTime() {
        String record =
                "{\"pattern\":\"p\",\"matchId\":\"m-1\",\"events\":{"
                        + "\"viewed\":[{\"seq\":3,\"tags\":[\"a\",{\"seq\":99}],"
                        + "\"nested\":{\"ts\":99999},\"ts\":1500}],"
                        + "\"paid\":[{\"ts\":1200,\"seq\":7},{\"seq\":5,\"ts\":1100}]},"
                        + "\"emit\":{\"seq\":100,\"ts\":100000}}";

        ParsedMatch match = ParsedMatch.of(record.getBytes(StandardCharsets.UTF_8));

        assertThat(match.id).isEqualTo("m-1");
        assertThat(match.seqs).containsExactly(3, 7, 5);
        assertThat(match.lastSeq).isEqualTo(7);
        assertThat(match.latestTime).isEqualTo(1500);
    }

    @Test
    void aNumberedEventIsTheSameEventWithItsNumberFirst() {
        byte[] numbered = BenchEvents.numberedEvent(12, 1000, new SplittableRandom(1), 10, 1.0);
        assertThat(new String(numbered, StandardCharsets.UTF_8))
                .startsWith("{\"seq\":12,\"user\":\"u")
                .contains("\"ts\":1000,")
                .endsWith("]}");
    }

    @Test
    void aRepeatedMatchIdCountsOnceAndOnlyItsFirstRecordIsMeasured() {
        LatencyStream.Arrivals arrivals =
                LatencyStream.Arrivals.of(
                        new long[] {1000, 1000, 1100, 1100, 3000, 3000},
                        new long[] {1001, 1001, 1101, 1101, 3001, 3001},
                        2);
        MatchTimes times = new MatchTimes();
        times.add(match("m-a", 1000, 0, 1), 1500);
        times.add(match("m-b", 1100, 2, 3), 1600);
        // m-a again, as a restart replays it, much later.
        times.add(match("m-a", 1000, 0, 1), 9000);

        MatchTimes.Window window = times.window(0, 4, arrivals, 100);

        assertThat(times.count()).isEqualTo(3);
        assertThat(times.duplicates()).isEqualTo(1);
        assertThat(window.count()).isEqualTo(2);
        assertThat(window.latencies().percentile(100)).isLessThan(9000 - 3001);
    }

    private static ParsedMatch match(String id, long latestTime, long... seqs) {
        String events =
                java.util.Arrays.stream(seqs)
                        .mapToObj(seq -> "{\"seq\":" + seq + ",\"ts\":" + latestTime + "}")
                        .collect(java.util.stream.Collectors.joining(","));
        return ParsedMatch.of(
                ("{\"matchId\":\"" + id + "\",\"events\":{\"s\":[" + events + "]}}")
                        .getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theTimelineGivesEachSlicesCountMedianAndMaximum() {
        long start = 1_000_000;
        long[] latencies = {30, 10, 20, 400, 5};
        long[] appended = {start + 10, start + 99, start + 50, start + 250, start + 299};
        MatchTimes.Window window =
                new MatchTimes.Window(
                        new MatchTimes.Percentiles(latencies),
                        new MatchTimes.Percentiles(latencies),
                        new MatchTimes.Percentiles(latencies),
                        new MatchTimes.Percentiles(latencies),
                        new MatchTimes.Percentiles(latencies),
                        latencies,
                        appended,
                        0);

        assertThat(window.timeline(start, 100))
                .containsExactly(
                        "ms since the job started,matches,p50 ms,max ms",
                        "0,3,20,30",
                        "200,2,5,400");
    }

    @Test
    void theJobsJvmGetsTheCollectorTheOperatorRendersForItsJava(@TempDir Path homes)
            throws Exception {
        Path java21 = Files.createDirectories(homes.resolve("21"));
        Files.writeString(
                java21.resolve("release"),
                "IMPLEMENTOR=\"Debian\"\nJAVA_VERSION=\"21.0.13\"\nOS_NAME=\"Linux\"\n");
        Path java17 = Files.createDirectories(homes.resolve("17"));
        Files.writeString(java17.resolve("release"), "JAVA_VERSION=\"17.0.15\"\n");
        Path java8 = Files.createDirectories(homes.resolve("8"));
        Files.writeString(java8.resolve("release"), "JAVA_VERSION=\"1.8.0_402\"\n");
        Path unknown = Files.createDirectories(homes.resolve("none"));

        assertThat(TaskManagerCollector.of(java21)).isEqualTo("-XX:+UseZGC -XX:+ZGenerational");
        assertThat(TaskManagerCollector.of(java17)).isEqualTo("-XX:+UseG1GC");
        assertThat(TaskManagerCollector.javaFeatureVersion(java8)).isEqualTo(8);
        assertThat(TaskManagerCollector.of(unknown)).isEqualTo("-XX:+UseG1GC");
    }

    @Test
    void theJobsJvmGetsACpuOfItsOwnUnlessToldOtherwise() {
        assertThat(CpuLayout.plan("own", 2)).isEqualTo(new CpuLayout("1", "0"));
        assertThat(CpuLayout.plan("own", 8)).isEqualTo(new CpuLayout("7", "0-6"));
        // One CPU cannot be split: both JVMs share it.
        assertThat(CpuLayout.plan("own", 1)).isEqualTo(new CpuLayout("", ""));
        assertThat(CpuLayout.plan("any", 8)).isEqualTo(new CpuLayout("", ""));
        // A list is the job's; this JVM stays where it was started (under taskset, say).
        assertThat(CpuLayout.plan("2-3", 8)).isEqualTo(new CpuLayout("2-3", ""));
        assertThat(CpuLayout.plan("own", 2).describe())
                .isEqualTo(
                        "the job's JVM on CPU 1, this one (broker, producer, match reader) on CPU"
                                + " 0");
    }
}
