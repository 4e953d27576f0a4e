package io.eventpipeline.job.bench;

import io.eventpipeline.kafka.embedded.EmbeddedKafkaBroker;
import io.eventpipeline.spec.resolved.ResolvedPipeline;
import io.eventpipeline.testsupport.kafka.KafkaTopics;
import io.eventpipeline.testsupport.kafka.SharedKafka;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.LongSummaryStatistics;
import java.util.Map;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.util.TimeUtils;

/**
 * Detection latency end to end through a real broker (see BENCHMARKS.md): the deployed job (the
 * job's {@code RunCommand}, at-least-once) on a local MiniCluster reads {@code
 * bench/checkout-journey.yaml}'s clickstream from an embedded Kafka broker, produced at a fixed
 * rate with event time = the wall clock, and writes its matches back. A match's latency runs from
 * when it was detectable (all its events appended, event time past the latest by the input's
 * maxOutOfOrderness) to its record's append ({@link MatchTiming}); every time is the broker's
 * ({@code LogAppendTime} topics), one clock.
 *
 * <p>The job runs in a JVM of its own ({@link OwnJvmJob}) with the heap of a TaskManager of {@code
 * taskManagerMemory}, as deployed; the broker, the producer and the match reader run in this one.
 * The rate is half the job's capacity, measured first in the same run through the same broker (the
 * job draining {@code capacityEvents} events produced beforehand), unless {@code rate} is given.
 *
 * <p>Arguments ({@code name=value}, empty = default): {@code rate}, {@code capacityEvents}
 * (1000000), {@code capacityRounds} (2, the last counts: the first warms the JIT; measured also
 * with a given rate, to warm the job's JIT, unless 0), {@code seconds} (measured, 60), {@code
 * warmupSeconds} (15, not counted), {@code keys} (10000), {@code within} (the pattern's time limit,
 * 10m as in the YAML), {@code matchFraction} (1.0), {@code parallelism} (2), {@code
 * watermarkInterval} and {@code bufferTimeout} (Flink's {@code pipeline.auto-watermark-interval}
 * and {@code execution.buffer-timeout.interval}; by default what the deployed job sets), {@code
 * flink} (more Flink settings, {@code key=value;key=value}), {@code producerLinger} (the producer's
 * linger.ms, 5), {@code jobJvm} ({@code own}, or {@code shared}: in this JVM), {@code jobJvmArgs}
 * (the job's JVM's options; by default that TaskManager's heap and the collector the operator
 * renders for the job's Java, {@link TaskManagerCollector}), {@code taskManagerMemory} (2g, the
 * operator's default TaskManager memory), {@code jobCpus} ({@link CpuLayout}: {@code own}, the
 * default, a CPU of its own for the job's JVM, as a TaskManager of one CPU has, and the others for
 * this one; {@code any}; or a CPU list for the job's JVM, {@code taskset -c}), {@code jobJava} (the
 * Java installation the job's JVM runs on; this one by default), {@code timeline} (a file for the
 * measured matches per 100 ms: count, p50 and max latency; none by default).
 */
public final class DetectionLatencyBenchmark {
    /** Event time of the capacity run's events advances at this many events per second. */
    private static final int CAPACITY_EVENT_TIME_RATE = 100_000;

    /** The capacity job is done when its match topic has grown no more for this long. */
    private static final Duration CAPACITY_QUIET = Duration.ofSeconds(5);

    private DetectionLatencyBenchmark() {}

    /**
     * Runs the benchmark and exits: the broker's and the clients' threads would otherwise keep the
     * process alive after a failure (a job that cannot start, say), and the build would wait.
     */
    public static void main(String[] args) {
        try {
            run(args);
            System.exit(0);
        } catch (Throwable failure) {
            failure.printStackTrace();
            System.exit(1);
        }
    }

    private static void run(String[] args) throws Exception {
        Map<String, String> options = JobThroughputBenchmark.options(args);
        int parallelism = Integer.parseInt(option(options, "parallelism", "2"));
        int keys = Integer.parseInt(option(options, "keys", "10000"));
        double matchFraction = Double.parseDouble(option(options, "matchFraction", "1.0"));
        String within = option(options, "within", "10m");
        int seconds = Integer.parseInt(option(options, "seconds", "60"));
        int warmupSeconds = Integer.parseInt(option(options, "warmupSeconds", "15"));
        Configuration flink = flinkConfiguration(options, parallelism);
        // A job in this JVM shares its CPUs.
        CpuLayout cpus =
                CpuLayout.plan(
                        option(options, "jobJvm", "own").equals("shared")
                                ? CpuLayout.ANY
                                : option(options, "jobCpus", CpuLayout.OWN),
                        Runtime.getRuntime().availableProcessors());
        cpus.pinThisJvm();

        System.out.printf(Locale.ROOT, "load average at start: %s%n", loadAverage());
        System.out.printf(Locale.ROOT, "%s%n", cpus.describe());
        EmbeddedKafkaBroker broker = SharedKafka.broker();
        KafkaTopics topics = SharedKafka.topics();
        Map<String, Object> client = broker.clientConfig();
        Setup setup =
                new Setup(
                        topics,
                        client,
                        broker.bootstrapServers(),
                        parallelism,
                        keys,
                        Integer.parseInt(option(options, "producerLinger", "5")));

        try (LatencyJob job = latencyJob(options, flink, parallelism, cpus.jobCpus())) {
            System.out.printf(Locale.ROOT, "the job runs in %s%n", job.where());
            run(options, setup, job, flink, within, matchFraction, seconds, warmupSeconds);
        }
        System.out.printf(Locale.ROOT, "load average at end: %s%n", loadAverage());
    }

    private static void run(
            Map<String, String> options,
            Setup setup,
            LatencyJob job,
            Configuration flink,
            String within,
            double matchFraction,
            int seconds,
            int warmupSeconds)
            throws Exception {
        // Measured also when the rate is given: the rounds warm the job's JIT for the run.
        int rounds = Integer.parseInt(option(options, "capacityRounds", "2"));
        double capacity =
                rounds == 0
                        ? 0
                        : capacity(
                                setup,
                                job,
                                within,
                                matchFraction,
                                Integer.parseInt(option(options, "capacityEvents", "1000000")),
                                rounds);
        double rate;
        String rateFrom;
        if (options.containsKey("rate") && !options.get("rate").isBlank()) {
            rate = Double.parseDouble(options.get("rate"));
            rateFrom =
                    capacity == 0
                            ? "given"
                            : String.format(
                                    Locale.ROOT, "given; the capacity is %,.0f events/s", capacity);
        } else if (capacity > 0) {
            rate = Math.floor(capacity / 2);
            rateFrom = String.format(Locale.ROOT, "half the capacity of %,.0f events/s", capacity);
        } else {
            throw new IllegalArgumentException("give a rate, or at least one capacity round");
        }
        LatencyRun run =
                new LatencyRun(
                        setup,
                        job,
                        within,
                        matchFraction,
                        rate,
                        warmupSeconds,
                        seconds,
                        option(options, "timeline", "").isBlank()
                                ? null
                                : Path.of(options.get("timeline")));
        System.out.printf(Locale.ROOT, "%n== latency at %,.0f events/s (%s)%n", rate, rateFrom);
        run.run();
    }

    /**
     * The job's JVM: by default one of its own with the heap a TaskManager of {@code
     * taskManagerMemory} (the operator's default, 2g) gets from Flink's memory model, given the
     * benchmark's Flink settings; {@code jobJvm=shared} runs it in this JVM instead.
     */
    private static LatencyJob latencyJob(
            Map<String, String> options, Configuration flink, int parallelism, String jobCpus)
            throws IOException {
        if (option(options, "jobJvm", "own").equals("shared")) {
            return new SharedJvmJob(flink, parallelism);
        }
        String javaHome = option(options, "jobJava", System.getProperty("java.home"));
        String jvmArgs = option(options, "jobJvmArgs", "");
        if (jvmArgs.isBlank()) {
            // As the operator renders a TaskManager: its heap, and the collector for its Java.
            String collector = TaskManagerCollector.of(Path.of(javaHome));
            if (collector.equals(TaskManagerCollector.OTHER_JAVA)) {
                System.out.printf(
                        Locale.ROOT,
                        "the job's JVM runs Java %d: G1, as the operator renders for an image not"
                                + " on Java 21 or later; the job image runs Java 21 with"
                                + " generational ZGC (bench.jobJava names a Java 21)%n",
                        TaskManagerCollector.javaFeatureVersion(Path.of(javaHome)));
            }
            jvmArgs =
                    "-Xmx"
                            + TaskManagerHeap.of(flink, option(options, "taskManagerMemory", "2g"))
                            + " "
                            + collector
                            + " -Dlog4j2.configurationFile=bench/log4j2-bench.properties";
        }
        return new OwnJvmJob(
                flink,
                parallelism,
                java.util.List.of(jvmArgs.trim().split("\\s+")),
                jobCpus,
                javaHome);
    }

    /**
     * What every run shares: the broker, its clients' settings, the stream's shape, and the
     * producer's {@code linger.ms}.
     */
    record Setup(
            KafkaTopics topics,
            Map<String, Object> client,
            String bootstrapServers,
            int parallelism,
            int keys,
            int producerLingerMillis) {
        BenchTopics topics(String name, String input) {
            return new BenchTopics(topics, client, bootstrapServers, name, input);
        }
    }

    /**
     * Events per second the deployed job drains through the broker: {@code events} produced
     * beforehand (a start marker first on every partition, closers last), then the job as it
     * deploys ({@link #startDeployedJob}: unbounded, checkpoints, at-least-once, matches out to the
     * broker) from the earliest offset, from its first record read (the markers' dead letters) to
     * its last match record, both by broker append time. Each round is a fresh job over the same
     * records; the last round counts.
     */
    private static double capacity(
            Setup setup,
            LatencyJob job,
            String within,
            double matchFraction,
            int events,
            int rounds)
            throws Exception {
        String input = "capacity-in";
        BenchTopics inputTopics = setup.topics("capacity", input);
        inputTopics.createInput(setup.parallelism());
        inputTopics.produceStartMarkers(setup.parallelism());
        long outOfOrderness =
                ResolvedPipeline.resolve(inputTopics.pipeline(within))
                        .input()
                        .maxOutOfOrderness()
                        .toMillis();
        try (LatencyStream stream =
                new LatencyStream(
                        setup.client(),
                        input,
                        setup.parallelism(),
                        setup.keys(),
                        matchFraction,
                        setup.producerLingerMillis())) {
            stream.produceAhead(events, CAPACITY_EVENT_TIME_RATE, outOfOrderness + 1_000);
        }
        System.out.printf(
                Locale.ROOT,
                "%n== capacity: %,d events (event time advancing %,d events/s), %,d keys,"
                        + " within %s, parallelism %d, the deployed job from the earliest"
                        + " offset%n",
                events,
                CAPACITY_EVENT_TIME_RATE,
                setup.keys(),
                within,
                setup.parallelism());
        double capacity = 0;
        for (int round = 1; round <= rounds; round++) {
            BenchTopics topics = setup.topics("capacity-" + round, input);
            topics.createOutputs();
            LatencyJob.Settings settings = job.start(topics.pipeline(within));
            topics.awaitQuiet(topics.output, CAPACITY_QUIET);
            job.cancel();
            LongSummaryStatistics started = topics.appendTimes(topics.deadLetter);
            LongSummaryStatistics matched = topics.appendTimes(topics.output);
            double secondsTaken = (matched.getMax() - started.getMin()) / 1000.0;
            capacity = events / secondsTaken;
            System.out.printf(
                    Locale.ROOT,
                    "round %d: %,.0f events/s (%.2f s from the first record read to the last"
                            + " match record; checkpoints every %d ms), %,d matches%n",
                    round,
                    capacity,
                    secondsTaken,
                    settings.checkpointInterval(),
                    matched.getCount());
        }
        return capacity;
    }

    /** Flink settings the benchmark was given; what it was not given stays the job's. */
    private static Configuration flinkConfiguration(Map<String, String> options, int parallelism)
            throws IOException {
        Configuration config = new Configuration();
        config.set(StateBackendOptions.STATE_BACKEND, "hashmap");
        // Checkpoints to files, as a deployed pipeline's go to its checkpoint directory: without
        // one, Flink keeps them in the JobManager's memory, refuses state over 5 MiB (the pattern
        // operator's reaches it within a minute at these rates), and the failed checkpoint
        // restarts the job.
        config.set(
                CheckpointingOptions.CHECKPOINTS_DIRECTORY,
                Files.createTempDirectory("latency-checkpoints").toUri().toString());
        String watermarks = option(options, "watermarkInterval", "");
        if (!watermarks.isBlank()) {
            config.set(
                    PipelineOptions.AUTO_WATERMARK_INTERVAL, TimeUtils.parseDuration(watermarks));
        }
        String bufferTimeout = option(options, "bufferTimeout", "");
        if (!bufferTimeout.isBlank()) {
            config.set(ExecutionOptions.BUFFER_TIMEOUT, TimeUtils.parseDuration(bufferTimeout));
        }
        // Any other Flink setting, as a FlinkDeployment's flinkConfiguration would carry it.
        Map<String, String> more = new java.util.HashMap<>();
        for (String setting : option(options, "flink", "").split(";")) {
            int equals = setting.indexOf('=');
            if (equals > 0) {
                more.put(setting.substring(0, equals).trim(), setting.substring(equals + 1).trim());
            }
        }
        config.addAll(Configuration.fromMap(more));
        return config;
    }

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (Exception e) {
            return "unknown";
        }
    }

    private static String option(Map<String, String> options, String name, String fallback) {
        String value = options.get(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
