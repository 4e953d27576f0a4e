package io.eventpipeline.job.bench;

import io.eventpipeline.spec.resolved.ResolvedPipeline;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Events per second through three jobs over the same generated stream (see BENCHMARKS.md): our job
 * with the pattern of a {@link PatternClass} (a YAML under {@code bench/}), the same pattern
 * hand-written against Flink CEP ({@link HandWrittenPatterns}), and a pass-through job (run with
 * the first class only: it has no pattern). Each job runs once to warm up (not counted), then
 * {@code rounds} times; the median rate counts. A rate is events / (job end - first record read),
 * so cluster start-up is not in it. Each job's process CPU time per event over the same span is
 * printed too: it is far steadier than the rate on a shared machine. Exits 1 when jobs 1 and 2 find
 * different numbers of matches.
 *
 * <p>Arguments ({@code name=value}): {@code events} (1000000), {@code keys} (10000), {@code
 * matchFraction} (the fraction of events some step could match; a comma-separated list runs one
 * stream per value; default {@code 1.0,0.1}), {@code parallelism} (2), {@code rounds} (3), {@code
 * warmup} (events of the warm-up stream; by default the measured stream itself), {@code jobs}
 * (which of 1,2,3 to run, e.g. to profile one; default all), {@code patterns} (which classes,
 * default {@code sequence,absence,loop,iterative}).
 */
public final class JobThroughputBenchmark {
    private JobThroughputBenchmark() {}

    private enum Job {
        EVENTPIPELINE("eventpipeline", EventPipelineBenchJob.MATCHES),
        HAND_WRITTEN("hand-written CEP", EventPipelineBenchJob.MATCHES),
        PASS_THROUGH("pass-through", EventPipelineBenchJob.EVENTS);

        final String label;
        final String counted;

        Job(String label, String counted) {
            this.label = label;
            this.counted = counted;
        }
    }

    /**
     * @param cpuMicrosPerEvent process CPU time from the first record to the end, per event
     */
    private record Run(
            double eventsPerSecond, double cpuMicrosPerEvent, long counted, long deadLetters) {}

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        int events = Integer.parseInt(options.getOrDefault("events", "1000000"));
        int keys = Integer.parseInt(options.getOrDefault("keys", "10000"));
        int parallelism = Integer.parseInt(options.getOrDefault("parallelism", "2"));
        int rounds = Integer.parseInt(options.getOrDefault("rounds", "3"));
        // As large as the measured stream by default: with a fifth of it, the first two rounds of
        // our job were still 30-60 % slower than the rest (the JIT and the heap's sizing still
        // settling), and the job measured first in a round paid for it.
        int warmup = Integer.parseInt(options.getOrDefault("warmup", String.valueOf(events)));
        List<Double> fractions =
                Arrays.stream(options.getOrDefault("matchFraction", "1.0,0.1").split(","))
                        .map(Double::parseDouble)
                        .toList();
        List<Job> jobs =
                Arrays.stream(options.getOrDefault("jobs", "1,2,3").split(","))
                        .map(number -> Job.values()[Integer.parseInt(number.trim()) - 1])
                        .toList();
        List<PatternClass> classes =
                Arrays.stream(
                                options.getOrDefault("patterns", "sequence,absence,loop,iterative")
                                        .split(","))
                        .map(PatternClass::of)
                        .toList();

        boolean countsAgree = true;
        for (double fraction : fractions) {
            BenchEvents measured = BenchEvents.generate(events, keys, fraction, parallelism, 42);
            BenchEvents warmupEvents =
                    warmup == events
                            ? measured
                            : BenchEvents.generate(warmup, keys, fraction, parallelism, 7);
            System.out.printf(
                    Locale.ROOT,
                    "%n== %,d events (%,d bytes of JSON), %,d keys, %.0f%% can match a step,"
                            + " parallelism %d, median of %d rounds after a warm-up of %,d"
                            + " events%n",
                    measured.size(),
                    measured.bytes(),
                    keys,
                    fraction * 100,
                    parallelism,
                    rounds,
                    warmupEvents.size());
            for (PatternClass patternClass : classes) {
                ResolvedPipeline pipeline = patternClass.pipeline();
                List<Job> classJobs =
                        jobs.stream()
                                .filter(
                                        j ->
                                                j != Job.PASS_THROUGH
                                                        || patternClass == classes.get(0))
                                .toList();
                System.out.printf(
                        Locale.ROOT,
                        "%n-- pattern class %s (our job: %s)%n",
                        patternClass.label(),
                        PatternClass.engine(pipeline));
                BenchRun.prepare(warmupEvents);
                for (Job job : classJobs) {
                    run(job, patternClass, pipeline, parallelism, warmupEvents.size());
                }
                BenchRun.prepare(measured);
                Map<Job, List<Run>> runs = new LinkedHashMap<>();
                for (int round = 0; round < rounds; round++) {
                    for (Job job : classJobs) {
                        runs.computeIfAbsent(job, j -> new ArrayList<>())
                                .add(
                                        run(
                                                job,
                                                patternClass,
                                                pipeline,
                                                parallelism,
                                                measured.size()));
                    }
                }
                countsAgree &= report(runs);
            }
        }
        System.exit(countsAgree ? 0 : 1);
    }

    private static Run run(
            Job job,
            PatternClass patternClass,
            ResolvedPipeline pipeline,
            int parallelism,
            int events)
            throws Exception {
        Configuration config = new Configuration();
        config.set(StateBackendOptions.STATE_BACKEND, "hashmap");
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.createLocalEnvironment(parallelism, config);
        switch (job) {
            case EVENTPIPELINE -> EventPipelineBenchJob.pipeline(env, pipeline);
            case HAND_WRITTEN -> HandWrittenCepJob.build(env, patternClass.handWritten());
            case PASS_THROUGH -> EventPipelineBenchJob.passThrough(env, pipeline);
        }
        BenchRun.resetClock();
        JobExecutionResult result = env.execute("bench " + job.label);
        long end = System.nanoTime();
        long cpu = BenchRun.processCpuNanos() - BenchRun.firstRecordCpuNanos();
        double seconds = (end - BenchRun.firstRecordNanos()) / 1e9;
        Long deadLetters = result.getAccumulatorResult(EventPipelineBenchJob.DEAD_LETTERS);
        return new Run(
                events / seconds,
                cpu / 1e3 / events,
                result.<Long>getAccumulatorResult(job.counted),
                deadLetters == null ? 0 : deadLetters);
    }

    /**
     * Prints the table (with every round's CPU time, the figure to compare changes by, so its
     * spread shows) and the ratios of the jobs that ran; false when jobs 1 and 2 disagree on the
     * match count.
     */
    private static boolean report(Map<Job, List<Run>> runs) {
        Map<Job, Double> median = new LinkedHashMap<>();
        Map<Job, Double> medianCpu = new LinkedHashMap<>();
        System.out.printf(
                Locale.ROOT,
                "%-18s %14s %13s   %-32s %-24s %s%n",
                "job",
                "events/s",
                "CPU us/event",
                "rounds (events/s)",
                "rounds (CPU us/event)",
                "counted");
        for (Map.Entry<Job, List<Run>> entry : runs.entrySet()) {
            List<Run> jobRuns = entry.getValue();
            double[] rates = jobRuns.stream().mapToDouble(Run::eventsPerSecond).sorted().toArray();
            median.put(entry.getKey(), rates[rates.length / 2]);
            double[] cpu = jobRuns.stream().mapToDouble(Run::cpuMicrosPerEvent).sorted().toArray();
            medianCpu.put(entry.getKey(), cpu[cpu.length / 2]);
            StringBuilder eachRate = new StringBuilder();
            StringBuilder eachCpu = new StringBuilder();
            for (Run run : jobRuns) {
                eachRate.append(String.format(Locale.ROOT, "%,.0f ", run.eventsPerSecond()));
                eachCpu.append(String.format(Locale.ROOT, "%.2f ", run.cpuMicrosPerEvent()));
            }
            Run last = jobRuns.get(jobRuns.size() - 1);
            System.out.printf(
                    Locale.ROOT,
                    "%-18s %,14.0f %13.2f   %-32s %-24s %,d %s%s%n",
                    entry.getKey().label,
                    rates[rates.length / 2],
                    cpu[cpu.length / 2],
                    eachRate.toString().trim(),
                    eachCpu.toString().trim(),
                    last.counted(),
                    entry.getKey().counted,
                    last.deadLetters() > 0 ? ", " + last.deadLetters() + " dead letters" : "");
        }
        printRatio(median, medianCpu, Job.HAND_WRITTEN, "1/2 (eventpipeline / hand-written CEP)");
        printRatio(median, medianCpu, Job.PASS_THROUGH, "1/3 (eventpipeline / pass-through)    ");
        if (!runs.containsKey(Job.EVENTPIPELINE) || !runs.containsKey(Job.HAND_WRITTEN)) {
            return true;
        }
        boolean agree = true;
        for (int round = 0; round < runs.get(Job.EVENTPIPELINE).size(); round++) {
            long ourMatches = runs.get(Job.EVENTPIPELINE).get(round).counted();
            long theirMatches = runs.get(Job.HAND_WRITTEN).get(round).counted();
            agree &= ourMatches == theirMatches;
        }
        System.out.println(
                agree
                        ? "matches: jobs 1 and 2 agree in every round"
                        : "MATCHES DIFFER between jobs 1 and 2 (see the counted column)");
        return agree;
    }

    /**
     * Our job against {@code other}, when both ran: by median rate, and by median CPU time per
     * event (theirs over ours, so that above 1 means ours is cheaper in both).
     */
    private static void printRatio(
            Map<Job, Double> median, Map<Job, Double> medianCpu, Job other, String label) {
        if (!median.containsKey(Job.EVENTPIPELINE) || !median.containsKey(other)) {
            return;
        }
        System.out.printf(
                Locale.ROOT,
                "ratio %s: %.2f (CPU per event: %.2f)%n",
                label,
                median.get(Job.EVENTPIPELINE) / median.get(other),
                medianCpu.get(other) / medianCpu.get(Job.EVENTPIPELINE));
    }

    /** {@code name=value} arguments, in order; shared by the benchmarks of this package. */
    static Map<String, String> options(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (String arg : args) {
            int equals = arg.indexOf('=');
            if (equals < 0) {
                throw new IllegalArgumentException("expected name=value, got " + arg);
            }
            options.put(arg.substring(0, equals), arg.substring(equals + 1));
        }
        return options;
    }
}
