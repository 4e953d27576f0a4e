package io.eventpipeline.job.bench;

import io.eventpipeline.job.testrun.TestCommand;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code test} command over a large events file, in a JVM with a small heap (see
 * BENCHMARKS.md): prints, per file size, the time the command took (wall clock and the process's
 * CPU time, every thread, which moves far less on a shared machine), the lines it printed, and the
 * heap it needed (the largest heap in use right after a garbage collection, which is what the run
 * really holds, and the sum of the heap pools' peaks, an upper bound that includes garbage).
 * Figures are printed, never asserted; the run exits 1 if the command fails or a size reports
 * something else than expected.
 *
 * <pre>
 * ./mvnw -B -q -Pbench-test-command -pl pipeline-job -am process-test-classes
 * </pre>
 *
 * Arguments ({@code name=value}): {@code lines} (comma-separated file sizes, default {@code
 * 100000,1000000}), {@code keys} (10000), {@code matchFraction} (1.0).
 */
public final class TestCommandBenchmark {
    /** Every this many lines one is not JSON, so that stderr streams too. */
    private static final int BAD_LINE_EVERY = 1000;

    private TestCommandBenchmark() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new TreeMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            options.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
        int keys = Integer.parseInt(options.getOrDefault("keys", "10000"));
        double matchFraction = Double.parseDouble(options.getOrDefault("matchFraction", "1.0"));
        Path pipeline = Path.of("src/test/resources/bench/checkout-journey.yaml");
        System.out.printf(
                Locale.ROOT,
                "test command benchmark: max heap %d MiB, %d keys, match fraction %.2f%n",
                Runtime.getRuntime().maxMemory() >> 20,
                keys,
                matchFraction);
        boolean ok = true;
        Path dir = Files.createTempDirectory("test-command-bench");
        try {
            for (String size : options.getOrDefault("lines", "100000,1000000").split(",")) {
                int lines = Integer.parseInt(size.trim());
                Path events = dir.resolve("events-" + lines + ".jsonl");
                write(events, lines, keys, matchFraction);
                ok &= run(pipeline, events, lines);
                Files.delete(events);
            }
        } finally {
            Files.deleteIfExists(dir);
        }
        System.exit(ok ? 0 : 1);
    }

    private static void write(Path file, int lines, int keys, double matchFraction)
            throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            // Replaces every BAD_LINE_EVERY-th event by a line that is not JSON.
            OutputStream withBadLines =
                    new OutputStream() {
                        long line;
                        boolean bad = isBad(0);

                        private boolean isBad(long n) {
                            return n % BAD_LINE_EVERY == BAD_LINE_EVERY - 1;
                        }

                        @Override
                        public void write(int b) throws IOException {
                            write(new byte[] {(byte) b}, 0, 1);
                        }

                        @Override
                        public void write(byte[] b, int off, int len) throws IOException {
                            for (int i = off; i < off + len; i++) {
                                if (b[i] == '\n') {
                                    if (bad) {
                                        out.write("not json".getBytes(StandardCharsets.UTF_8));
                                    }
                                    out.write('\n');
                                    line++;
                                    bad = isBad(line);
                                } else if (!bad) {
                                    out.write(b[i]);
                                }
                            }
                        }
                    };
            BenchEvents.writeLines(withBadLines, lines, keys, matchFraction, 42);
        }
    }

    private static boolean run(Path pipeline, Path events, int lines) throws Exception {
        HeapWatch heap = HeapWatch.start();
        LineCounter matches = new LineCounter();
        LineCounter reports = new LineCounter();
        long start = System.nanoTime();
        long cpuStart = BenchRun.processCpuNanos();
        int exit =
                new TestCommand(
                                InputStream.nullInputStream(),
                                new PrintStream(matches, false, StandardCharsets.UTF_8),
                                new PrintStream(reports, false, StandardCharsets.UTF_8))
                        .run(
                                List.of(
                                        "--pipeline",
                                        pipeline.toString(),
                                        "--events",
                                        events.toString()));
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpuSeconds = (BenchRun.processCpuNanos() - cpuStart) / 1e9;
        HeapWatch.Figures figures = heap.stop();
        long expectedReports = lines / BAD_LINE_EVERY;
        System.out.printf(
                Locale.ROOT,
                "%,d lines (%,d MiB): exit %d, %.1f s (%,.0f lines/s), CPU %.1f s (%.1f µs per"
                        + " line), %,d match records, %,d lines reported; heap after GC at most %,d"
                        + " MiB, pool peaks %,d MiB, %d GCs%n",
                lines,
                Files.size(events) >> 20,
                exit,
                seconds,
                lines / seconds,
                cpuSeconds,
                cpuSeconds * 1e6 / lines,
                matches.lines,
                reports.lines,
                figures.maxAfterGc() >> 20,
                figures.poolPeaks() >> 20,
                figures.collections());
        return exit == TestCommand.OK && reports.lines == expectedReports && matches.lines > 0;
    }

    /** Counts lines written and discards them. */
    private static final class LineCounter extends OutputStream {
        long lines;

        @Override
        public void write(int b) {
            if (b == '\n') {
                lines++;
            }
        }

        @Override
        public void write(byte[] b, int off, int len) {
            for (int i = off; i < off + len; i++) {
                if (b[i] == '\n') {
                    lines++;
                }
            }
        }
    }

    /** Heap in use after each collection (sampled), and the heap pools' peaks. */
    private static final class HeapWatch {
        record Figures(long maxAfterGc, long poolPeaks, long collections) {}

        private final Thread sampler;
        private volatile boolean running = true;
        private volatile long maxAfterGc;

        private HeapWatch() {
            sampler = new Thread(this::sample, "heap-watch");
            sampler.setDaemon(true);
        }

        static HeapWatch start() {
            System.gc();
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                pool.resetPeakUsage();
            }
            HeapWatch watch = new HeapWatch();
            watch.sampler.start();
            return watch;
        }

        private void sample() {
            while (running) {
                long afterGc = 0;
                for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                    if (pool.getType() == MemoryType.HEAP && pool.getCollectionUsage() != null) {
                        afterGc += pool.getCollectionUsage().getUsed();
                    }
                }
                maxAfterGc = Math.max(maxAfterGc, afterGc);
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        Figures stop() throws InterruptedException {
            running = false;
            sampler.join();
            long peaks = 0;
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                if (pool.getType() == MemoryType.HEAP) {
                    peaks += pool.getPeakUsage().getUsed();
                }
            }
            long collections =
                    ManagementFactory.getGarbageCollectorMXBeans().stream()
                            .mapToLong(gc -> Math.max(0, gc.getCollectionCount()))
                            .sum();
            return new Figures(maxAfterGc, peaks, collections);
        }
    }
}
