package io.eventpipeline.job.bench;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Collections and their time, per collector, since a start: with the broker, the producer and the
 * job in one JVM, a stop-the-world pause stops all three, so it shows in every latency.
 */
final class GcPauses {
    private final Map<String, long[]> atStart;

    private GcPauses(Map<String, long[]> atStart) {
        this.atStart = atStart;
    }

    static GcPauses start() {
        return new GcPauses(now());
    }

    /** E.g. "G1 Young Generation 120 in 3,400 ms, G1 Old Generation 0 in 0 ms". */
    String since() {
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
