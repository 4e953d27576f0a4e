package io.eventpipeline.job.bench;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A JVM's collections and their time, per collector, and the cores it kept busy, since a start. A
 * stop-the-world pause stops everything in the JVM, so it shows in every latency; and the cores
 * both JVMs keep busy tell how much of the machine a rate leaves free.
 */
final class JvmActivity {
    private final Map<String, long[]> atStart;
    private final long cpuNanosAtStart;
    private final long startNanos;

    private JvmActivity(Map<String, long[]> atStart, long cpuNanosAtStart, long startNanos) {
        this.atStart = atStart;
        this.cpuNanosAtStart = cpuNanosAtStart;
        this.startNanos = startNanos;
    }

    static JvmActivity start() {
        return new JvmActivity(now(), cpuNanos(), System.nanoTime());
    }

    /**
     * E.g. "G1 Young Generation 120 in 3,400 ms, G1 Old Generation 0 in 0 ms; 1.21 cores busy over
     * 81.0 s".
     */
    String since() {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        double cores = (cpuNanos() - cpuNanosAtStart) / 1e9 / seconds;
        return collections()
                + String.format(Locale.ROOT, "; %.2f cores busy over %.1f s", cores, seconds);
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean)
                        ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private String collections() {
        Map<String, long[]> end = now();
        return end.entrySet().stream()
                .map(
                        e -> {
                            long[] start = atStart.getOrDefault(e.getKey(), new long[2]);
                            return String.format(
                                    Locale.ROOT,
                                    "%s %,d in %,d ms",
                                    e.getKey(),
                                    e.getValue()[0] - start[0],
                                    e.getValue()[1] - start[1]);
                        })
                .collect(Collectors.joining(", "));
    }

    private static Map<String, long[]> now() {
        Map<String, long[]> counts = new LinkedHashMap<>();
        List<GarbageCollectorMXBean> collectors = ManagementFactory.getGarbageCollectorMXBeans();
        for (GarbageCollectorMXBean collector : collectors) {
            counts.put(
                    collector.getName(),
                    new long[] {collector.getCollectionCount(), collector.getCollectionTime()});
        }
        return counts;
    }
}
