package io.eventpipeline.job.bench;

import io.eventpipeline.spec.PipelineDefinition;
import io.eventpipeline.spec.resolved.ResolvedPipeline;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * One fixed-rate run of {@link DetectionLatencyBenchmark}: the deployed job starts, events are
 * produced at the rate for the warm-up, the measured seconds and a tail (so that event time passes
 * the measured events' matches), and the matches whose last event was produced in the measured
 * seconds count.
 */
final class LatencyRun {
    /** Beyond the out-of-orderness, event time must pass the last measured events. */
    private static final long TAIL_EXTRA_MILLIS = 3_000;

    /** The target: the seconds with the most matches slower than this are printed. */
    private static final long SLOW_MILLIS = 50;

    /** The slices of the timeline: short enough to show one collection's pause. */
    private static final long TIMELINE_MILLIS = 100;

    private final DetectionLatencyBenchmark.Setup setup;
    private final LatencyJob job;
    private final String within;
    private final double matchFraction;
    private final double rate;
    private final int warmupSeconds;
    private final int seconds;
    private final Path timeline;

    LatencyRun(
            DetectionLatencyBenchmark.Setup setup,
            LatencyJob job,
            String within,
            double matchFraction,
            double rate,
            int warmupSeconds,
            int seconds,
            Path timeline) {
        this.setup = setup;
        this.job = job;
        this.within = within;
        this.matchFraction = matchFraction;
        this.rate = rate;
        this.warmupSeconds = warmupSeconds;
        this.seconds = seconds;
        this.timeline = timeline;
    }

    void run() throws Exception {
        BenchTopics topics = setup.topics("latency", "latency-in");
        topics.createInput(setup.parallelism());
        topics.createOutputs();
        PipelineDefinition pipeline = topics.pipeline(within);
        long outOfOrderness =
                ResolvedPipeline.resolve(pipeline).input().maxOutOfOrderness().toMillis();
        LatencyJob.Settings settings = job.start(pipeline);
        long jobStarted = System.currentTimeMillis();
        JvmActivity gc = JvmActivity.start();
        System.out.printf(
                Locale.ROOT,
                "deployed job, delivery at-least-once, parallelism %d, %d input partitions;"
                        + " auto-watermark interval %d ms, buffer timeout %d ms, checkpoints"
                        + " every %d ms; maxOutOfOrderness %d ms, within %s, %,d keys, %.0f%%"
                        + " of events can match a step; producer linger.ms %d%n",
                setup.parallelism(),
                setup.parallelism(),
                settings.watermarkInterval(),
                settings.bufferTimeout(),
                settings.checkpointInterval(),
                outOfOrderness,
                within,
                setup.keys(),
                matchFraction * 100,
                setup.producerLingerMillis());
        int measuredFrom = (int) (rate * warmupSeconds);
        int measuredTo = (int) (rate * (warmupSeconds + seconds));
        int total = measuredTo + (int) (rate * (outOfOrderness + TAIL_EXTRA_MILLIS) / 1000);
        LatencyStream.Arrivals arrivals;
        try (MatchLatencies matches = new MatchLatencies(setup.client(), topics.output);
                LatencyStream stream =
                        new LatencyStream(
                                setup.client(),
                                topics.input,
                                setup.parallelism(),
                                setup.keys(),
                                matchFraction,
                                setup.producerLingerMillis())) {
            arrivals = stream.produceAtRate(total, rate);
            // The measured events' matches are out by now; the tail's own may still come.
            Thread.sleep(2_000);
            String jobGc = job.cancel();
            String benchmarkGc = gc.since();
            System.out.printf(
                    Locale.ROOT,
                    "job started at %s; since then, the job's JVM: %s%n",
                    java.time.Instant.ofEpochMilli(jobStarted),
                    jobGc);
            if (job instanceof OwnJvmJob) {
                System.out.printf(
                        Locale.ROOT,
                        "  the benchmark's JVM (broker, producer, match reader): %s%n",
                        benchmarkGc);
            }
            report(
                    matches,
                    arrivals,
                    measuredFrom,
                    measuredTo,
                    outOfOrderness,
                    stream.failed(),
                    jobStarted,
                    settings.checkpointInterval());
        }
    }

    private void report(
            MatchLatencies matches,
            LatencyStream.Arrivals arrivals,
            int measuredFrom,
            int measuredTo,
            long outOfOrderness,
            long failedSends,
            long jobStarted,
            long checkpointInterval) {
        System.out.printf(
                Locale.ROOT,
                "produced %,d events in %.1f s (%,.0f events/s; the most delayed send %.1f ms"
                        + " behind its schedule; %d sends failed); %,d matches in all, %,d"
                        + " records repeating one (a job restart replays)%n",
                arrivals.count(),
                arrivals.sendSeconds(),
                arrivals.count() / arrivals.sendSeconds(),
                arrivals.mostBehindMillis(),
                failedSends,
                matches.count(),
                matches.duplicates());
        MatchTimes.Window window =
                matches.window(measuredFrom, measuredTo, arrivals, outOfOrderness);
        System.out.printf(
                Locale.ROOT,
                "measured: matches whose last event is number %,d to %,d (%d s after a %d s"
                        + " warm-up): %,d%s%n",
                measuredFrom,
                measuredTo - 1,
                seconds,
                warmupSeconds,
                window.count(),
                window.unknown() > 0
                        ? " (" + window.unknown() + " more whose last event's arrival is unknown)"
                        : "");
        System.out.printf(
                Locale.ROOT,
                "detection latency (from when a match was detectable: all its events arrived and"
                        + " event time %d ms past the latest), ms: %s%n",
                outOfOrderness,
                summary(window.latencies()));
        System.out.printf(
                Locale.ROOT,
                "  of which the input's (until every partition had an event that moves the"
                        + " watermark past the match), ms: %s%n",
                summary(window.input()));
        System.out.printf(
                Locale.ROOT,
                "  of which the job's (from then to the match record), ms: %s%n",
                summary(window.job()));
        System.out.printf(
                Locale.ROOT,
                "their last events from event time to arrival, ms: %s%n",
                summary(window.toArrival()));
        System.out.printf(
                Locale.ROOT,
                "append time - the last event's arrival - maxOutOfOrderness (counts that event's"
                        + " way to the broker against the wait), ms: %s%n",
                summary(window.fromArrival()));
        System.out.printf(
                Locale.ROOT,
                "seconds since the job started with the most matches over %d ms (checkpoints"
                        + " every %d ms from the start): %s%n",
                SLOW_MILLIS,
                checkpointInterval,
                window.slowestSeconds(jobStarted, SLOW_MILLIS, 8));
        if (timeline != null) {
            try {
                Files.write(timeline, window.timeline(jobStarted, TIMELINE_MILLIS));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            System.out.printf(
                    Locale.ROOT,
                    "matches per %d ms since the job started written to %s%n",
                    TIMELINE_MILLIS,
                    timeline);
        }
    }

    private static String summary(MatchTimes.Percentiles values) {
        return String.format(
                Locale.ROOT,
                "min %d, p50 %d, p90 %d, p99 %d, p99.9 %d, max %d",
                values.percentile(0),
                values.percentile(50),
                values.percentile(90),
                values.percentile(99),
                values.percentile(99.9),
                values.percentile(100));
    }
}
