package io.eventpipeline.job.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What the latency benchmark keeps of each match record it read, in arrays that only grow, and the
 * figures it computes from them.
 */
final class MatchTimes {
    private long[] idHashes = new long[1 << 16];
    private long[] seqs = new long[1 << 18];
    private int seqsSize;
    // Match i's event numbers are seqs[seqsFrom[i]] to seqs[seqsFrom[i + 1] - 1].
    private int[] seqsFrom = new int[(1 << 16) + 1];
    private long[] lastSeq = new long[1 << 16];
    private long[] lastTime = new long[1 << 16];
    private long[] appendTime = new long[1 << 16];
    private int size;

    /**
     * Keeps a match: a hash of its id, its events by number, the largest number (the last event
     * sent) and the latest event time. The producer stamps events with its clock as it sends them
     * in number order, so these are one event's but for a clock step back. Only arrays grow here: a
     * set of a million id strings would be collected in the job's pauses.
     */
    void add(ParsedMatch match, long appendedAt) {
        if (size == lastSeq.length) {
            idHashes = Arrays.copyOf(idHashes, size * 2);
            seqsFrom = Arrays.copyOf(seqsFrom, size * 2 + 1);
            lastSeq = Arrays.copyOf(lastSeq, size * 2);
            lastTime = Arrays.copyOf(lastTime, size * 2);
            appendTime = Arrays.copyOf(appendTime, size * 2);
        }
        if (seqsSize + match.seqs.length > seqs.length) {
            seqs = Arrays.copyOf(seqs, Math.max(seqs.length * 2, seqsSize + match.seqs.length));
        }
        System.arraycopy(match.seqs, 0, seqs, seqsSize, match.seqs.length);
        seqsSize += match.seqs.length;
        idHashes[size] = hash(match.id);
        seqsFrom[size + 1] = seqsSize;
        lastSeq[size] = match.lastSeq;
        lastTime[size] = match.latestTime;
        appendTime[size] = appendedAt;
        size++;
    }

    /** 64-bit FNV-1a: among millions of ids, a collision is unlikely enough to be ignored. */
    private static long hash(String id) {
        long hash = 0xcbf29ce484222325L;
        for (int i = 0; i < id.length(); i++) {
            hash = (hash ^ id.charAt(i)) * 0x100000001b3L;
        }
        return hash;
    }

    /**
     * Which records repeat a match id read before (at-least-once output repeats the matches since
     * the last checkpoint when the job restarts): only the first record of a match counts.
     */
    private boolean[] repeats() {
        Integer[] byId = new Integer[size];
        for (int i = 0; i < size; i++) {
            byId[i] = i;
        }
        Arrays.sort(byId, (a, b) -> compareIds(a, b));
        boolean[] repeats = new boolean[size];
        for (int i = 1; i < size; i++) {
            repeats[byId[i]] = idHashes[byId[i]] == idHashes[byId[i - 1]];
        }
        return repeats;
    }

    /** By id hash, and for equal hashes by position, so the first read comes first. */
    private int compareIds(int a, int b) {
        int byHash = Long.compare(idHashes[a], idHashes[b]);
        return byHash != 0 ? byHash : Integer.compare(a, b);
    }

    /** Records repeating a match id read before; see {@link #repeats}. */
    long duplicates() {
        long count = 0;
        for (boolean repeat : repeats()) {
            count += repeat ? 1 : 0;
        }
        return count;
    }

    int count() {
        return size;
    }

    /**
     * The matches whose last event is numbered from {@code fromSeq} (inclusive) to {@code toSeq}:
     * their {@link MatchTiming}s, and two figures about their last events, in milliseconds.
     */
    Window window(long fromSeq, long toSeq, LatencyStream.Arrivals arrivals, long outOfOrderness) {
        long[] latencies = new long[size];
        long[] input = new long[size];
        long[] job = new long[size];
        long[] toArrival = new long[size];
        long[] fromArrival = new long[size];
        long[] appended = new long[size];
        boolean[] repeats = repeats();
        int taken = 0;
        int unknown = 0;
        for (int i = 0; i < size; i++) {
            if (repeats[i] || lastSeq[i] < fromSeq || lastSeq[i] >= toSeq) {
                continue;
            }
            MatchTiming timing =
                    MatchTiming.of(
                            Arrays.copyOfRange(seqs, seqsFrom[i], seqsFrom[i + 1]),
                            lastTime[i],
                            appendTime[i],
                            arrivals,
                            outOfOrderness);
            if (timing == null) {
                unknown++;
                continue;
            }
            latencies[taken] = timing.latency();
            input[taken] = timing.input();
            job[taken] = timing.job();
            toArrival[taken] = arrivals.of(lastSeq[i]) - lastTime[i];
            fromArrival[taken] = appendTime[i] - arrivals.of(lastSeq[i]) - outOfOrderness;
            appended[taken] = appendTime[i];
            taken++;
        }
        return new Window(
                new Percentiles(Arrays.copyOf(latencies, taken)),
                new Percentiles(Arrays.copyOf(input, taken)),
                new Percentiles(Arrays.copyOf(job, taken)),
                new Percentiles(Arrays.copyOf(toArrival, taken)),
                new Percentiles(Arrays.copyOf(fromArrival, taken)),
                Arrays.copyOf(latencies, taken),
                Arrays.copyOf(appended, taken),
                unknown);
    }

    /**
     * @param latencies from when the match was detectable to its record's append, ms
     * @param input of that, until the input let the watermark pass the last event, ms
     * @param job the rest: from then to the match record's append, ms
     * @param toArrival the last events' own way from event time to arrival, ms
     * @param fromArrival append time - the last event's arrival - the out-of-orderness: this counts
     *     the last event's own way to the broker against the out-of-orderness wait, which runs in
     *     event time from the event's time, so it goes negative when that way is long
     * @param eachLatency every match's latency, in the order of {@code eachAppended}
     * @param eachAppended every match's append time
     * @param unknown matches whose last event's arrival is unknown (not counted)
     */
    record Window(
            Percentiles latencies,
            Percentiles input,
            Percentiles job,
            Percentiles toArrival,
            Percentiles fromArrival,
            long[] eachLatency,
            long[] eachAppended,
            int unknown) {
        int count() {
            return latencies.sorted.length;
        }

        /**
         * The seconds (since {@code start}, by append time) with the most matches slower than
         * {@code overMillis}, most first, as "second: matches" pairs; at most {@code limit}.
         */
        String slowestSeconds(long start, long overMillis, int limit) {
            java.util.TreeMap<Long, Integer> perSecond = new java.util.TreeMap<>();
            for (int i = 0; i < eachLatency.length; i++) {
                if (eachLatency[i] > overMillis) {
                    perSecond.merge((eachAppended[i] - start) / 1000, 1, Integer::sum);
                }
            }
            return perSecond.entrySet().stream()
                    .sorted((a, b) -> b.getValue() - a.getValue())
                    .limit(limit)
                    .map(e -> e.getKey() + " s: " + e.getValue())
                    .collect(Collectors.joining(", "));
        }

        /**
         * The matches by when their records were appended, in {@code bucketMillis} slices since
         * {@code start}: one line per slice that has any, "ms since start, matches, p50, max" (ms
         * of latency), to lay beside a GC log or the job's checkpoints.
         */
        List<String> timeline(long start, long bucketMillis) {
            java.util.TreeMap<Long, List<Long>> slices = new java.util.TreeMap<>();
            for (int i = 0; i < eachLatency.length; i++) {
                slices.computeIfAbsent(
                                (eachAppended[i] - start) / bucketMillis, s -> new ArrayList<>())
                        .add(eachLatency[i]);
            }
            List<String> lines = new ArrayList<>();
            lines.add("ms since the job started,matches,p50 ms,max ms");
            slices.forEach(
                    (slice, latencies) -> {
                        latencies.sort(null);
                        lines.add(
                                slice * bucketMillis
                                        + ","
                                        + latencies.size()
                                        + ","
                                        + latencies.get((latencies.size() - 1) / 2)
                                        + ","
                                        + latencies.get(latencies.size() - 1));
                    });
            return lines;
        }
    }

    /** Nearest-rank percentiles of a set of values. */
    static final class Percentiles {
        private final long[] sorted;

        Percentiles(long[] values) {
            this.sorted = values.clone();
            Arrays.sort(sorted);
        }

        long percentile(double p) {
            if (sorted.length == 0) {
                return -1;
            }
            int index = (int) Math.ceil(p / 100 * sorted.length) - 1;
            return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
        }
    }
}
