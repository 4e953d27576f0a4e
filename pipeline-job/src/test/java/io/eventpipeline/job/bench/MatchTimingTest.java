package io.eventpipeline.job.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The latency benchmark's figure: from when a match was detectable, so a prompt job's figure is
 * small and never negative, whichever partition or batch its events came in.
 */
class MatchTimingTest {
    // Event seq went to partition seq % 2; its event time, and its broker append time.
    private static final long[] EVENT_TIMES = {
        1000, 1000, 1001, 1500, 1500, 1600, 1700, 1800, 1900, 2000, 2002, 2002
    };
    private static final long[] APPENDED = {
        1001, 1500, 1301, 1501, 1501, 1601, 1701, 1801, 1901, 2001, 2002, 2003
    };
    private final LatencyStream.Arrivals arrivals =
            LatencyStream.Arrivals.of(EVENT_TIMES, APPENDED, 2);

    @Test
    void theLastEventsOwnWayToTheBrokerDoesNotCountAgainstTheOutOfOrderness() {
        // Event 2 took 300 ms to the broker; the wait of 1000 ms runs from its time, 1001.
        MatchTiming timing = MatchTiming.of(new long[] {0, 2}, 1001, 2010, arrivals, 1000);

        assertThat(2010 - APPENDED[2] - 1000).as("the figure before").isNegative();
        assertThat(timing).isEqualTo(new MatchTiming(9, 2, 7));
    }

    @Test
    void anEarlierEventOnTheOtherPartitionThatArrivedLaterCounts() {
        // Event 1 (partition 1) was appended at 1500, after event 2 (partition 0) at 1301.
        MatchTiming timing = MatchTiming.of(new long[] {1, 2}, 1001, 1520, arrivals, 100);

        // Detectable at 1500; events 3 and 4 (time 1500 > 1001 + 100) moved the watermark at 1501.
        assertThat(timing).isEqualTo(new MatchTiming(20, 1, 19));
    }

    @Test
    void unknownWhenAnEventsArrivalOrTheWatermarksIsUnknown() {
        LatencyStream.Arrivals oneFailed =
                LatencyStream.Arrivals.of(EVENT_TIMES, withoutArrival(APPENDED, 5), 2);

        assertThat(MatchTiming.of(new long[] {3, 5}, 1600, 2700, oneFailed, 100)).isNull();
        assertThat(MatchTiming.of(new long[] {9}, 2000, 3100, arrivals, 1000))
                .as("no event late enough to move the watermark was produced")
                .isNull();
    }

    private static long[] withoutArrival(long[] appended, int seq) {
        long[] copy = appended.clone();
        copy[seq] = 0;
        return copy;
    }
}
