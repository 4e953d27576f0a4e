package io.eventpipeline.job.bench;

/**
 * One match's detection latency and its two shares, in milliseconds. A match is detectable once all
 * its events have arrived and event time has passed the latest by the out-of-orderness: the
 * watermark is the largest event time read minus the out-of-orderness, and event time is the
 * producer's clock, the broker's too (one JVM), so no event that moves the watermark past the
 * latest arrives before its time plus the out-of-orderness. Hence {@code latency = append time -
 * max(last arrival, latest event time + outOfOrderness)}, which a correct job cannot make negative.
 *
 * @param latency from detectable to the match record's append
 * @param input of that, until every partition had an event late enough to move the watermark past
 *     the match
 * @param job the rest: the source's fetch, the watermark interval, network buffers, matching, the
 *     sink, any pause of the JVM
 */
record MatchTiming(long latency, long input, long job) {

    /**
     * @param seqs the numbers of the match's events
     * @param latestEventTime the latest of their event times
     * @param appended the match record's append time
     * @return null when an event's arrival, or the arrival of what moved the watermark, is unknown
     */
    static MatchTiming of(
            long[] seqs,
            long latestEventTime,
            long appended,
            LatencyStream.Arrivals arrivals,
            long outOfOrderness) {
        long arrival = lastArrival(seqs, arrivals);
        long passable = arrivals.watermarkPassable(latestEventTime, outOfOrderness);
        if (arrival == 0 || passable == 0) {
            return null;
        }
        long detectable = Math.max(arrival, latestEventTime + outOfOrderness);
        long inputReady = Math.max(arrival, passable);
        return new MatchTiming(
                appended - detectable, inputReady - detectable, appended - inputReady);
    }

    /**
     * The latest append time of a match's events, 0 when one is unknown. Not always the last sent
     * event's: the events go to different partitions, and a batch for one partition may reach the
     * broker after a later event's batch for another (each batch gets one append time).
     */
    private static long lastArrival(long[] seqs, LatencyStream.Arrivals arrivals) {
        long latest = 0;
        for (long seq : seqs) {
            long arrival = arrivals.of(seq);
            if (arrival == 0) {
                return 0;
            }
            latest = Math.max(latest, arrival);
        }
        return latest;
    }
}
