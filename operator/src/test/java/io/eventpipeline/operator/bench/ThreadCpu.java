package io.eventpipeline.operator.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * CPU time of the benchmark JVM's threads, grouped by what they serve. Everything runs in one JVM
 * on the same cores (the mock API server, the broker, the operator, the benchmark's own clients),
 * so the time to Ready alone cannot say how much of it was the operator's work. Threads that ended
 * before a snapshot are not counted.
 */
final class ThreadCpu {
    /**
     * Groups in the order they are printed; the first whose prefix matches a thread's name wins.
     */
    private static final Map<String, String> GROUP_BY_PREFIX = new LinkedHashMap<>();

    static {
        GROUP_BY_PREFIX.put("vert.x-", "mock API server");
        // JOSDK's reconciliation executor keeps the JDK's default thread names, renaming a thread
        // only while it reconciles; the benchmark's own executor is named, so these are the
        // operator's.
        GROUP_BY_PREFIX.put("pool-", "operator: reconcilers");
        GROUP_BY_PREFIX.put("ReconcilerExecutor-", "operator: reconcilers");
        GROUP_BY_PREFIX.put(
                "kafka-admin-client-thread | eventpipeline-operator", "operator: Kafka Admin");
        GROUP_BY_PREFIX.put("JdkHttpClientFactory-", "Kubernetes clients (operator and benchmark)");
        GROUP_BY_PREFIX.put("HttpClient-", "Kubernetes clients (operator and benchmark)");
        GROUP_BY_PREFIX.put("main", "benchmark");
        GROUP_BY_PREFIX.put(OperatorScaleBenchmark.FAKE_FLINK_THREAD, "benchmark");
    }

    private static final String REST = "Kafka broker and the rest";

    private ThreadCpu() {}

    /** CPU nanoseconds used so far by each thread alive now, by thread id. */
    static Map<Long, Sample> snapshot() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Map<Long, Sample> byThread = new TreeMap<>();
        for (var info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info == null) {
                continue;
            }
            long cpu = threads.getThreadCpuTime(info.getThreadId());
            if (cpu > 0) {
                byThread.put(info.getThreadId(), new Sample(group(info.getThreadName()), cpu));
            }
        }
        return byThread;
    }

    /** CPU nanoseconds used so far by the whole process, threads that ended included. */
    static long process() {
        return ((com.sun.management.OperatingSystemMXBean)
                        ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** CPU nanoseconds each group used between two snapshots. */
    static Map<String, Long> between(Map<Long, Sample> before, Map<Long, Sample> after) {
        Map<String, Long> used = new TreeMap<>();
        after.forEach(
                (id, sample) -> {
                    Sample earlier = before.get(id);
                    long since = sample.cpuNanos() - (earlier == null ? 0 : earlier.cpuNanos());
                    used.merge(sample.group(), since, Long::sum);
                });
        return used;
    }

    record Sample(String group, long cpuNanos) {}

    static String group(String threadName) {
        for (var entry : GROUP_BY_PREFIX.entrySet()) {
            if (threadName.startsWith(entry.getKey())) {
                return entry.getValue();
            }
        }
        return REST;
    }
}
