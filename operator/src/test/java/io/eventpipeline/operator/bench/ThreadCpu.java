package io.eventpipeline.operator.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * CPU time of the benchmark JVM's threads, grouped by what they serve. Everything runs in one JVM
 * on the same cores (the mock API server, the broker, the operator, the benchmark's own clients),
 * so the time to Ready alone cannot say how much of it was the operator's work. Threads that ended
 * before a snapshot are not counted by name: they are in the remainder of {@link Mark#since}.
 */
final class ThreadCpu {
    /** The groups of the operator's own threads start with this. */
    static final String OPERATOR = "operator: ";

    static final String KUBERNETES_CLIENTS =
            "Kubernetes clients, operator and benchmark: selectors, informer dispatch";
    static final String RESPONSE_HANDOFF =
            "Kubernetes clients: responses handed on (CompletableFuture's default executor)";
    private static final String REST = "other named threads";
    static final String REMAINDER = "threads that ended meanwhile, other JVM threads";

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
        GROUP_BY_PREFIX.put("kafka-admin-client-thread", "benchmark");
        // fabric8's HTTP clients: responses and watch events read into objects. The operator's
        // client is named apart; the selector threads and the informers' executors (where JOSDK
        // handles informer events) are not.
        GROUP_BY_PREFIX.put(
                OperatorHttpClient.THREAD_PREFIX,
                "operator: Kubernetes client (responses, watch events)");
        GROUP_BY_PREFIX.put(
                "JdkHttpClientFactory-",
                "benchmark: Kubernetes clients (responses, watch events of its informers)");
        GROUP_BY_PREFIX.put("HttpClient-", KUBERNETES_CLIENTS);
        GROUP_BY_PREFIX.put("-", KUBERNETES_CLIENTS); // fabric8's informer executors
        // The JDK HTTP client hands every response on to CompletableFuture's default executor:
        // the common pool, or a new thread per task where that pool has one thread (2 cores).
        GROUP_BY_PREFIX.put("ForkJoinPool.commonPool-worker-", RESPONSE_HANDOFF);
        GROUP_BY_PREFIX.put("Thread-", RESPONSE_HANDOFF);
        GROUP_BY_PREFIX.put("main", "benchmark");
        GROUP_BY_PREFIX.put(OperatorScaleBenchmark.FAKE_FLINK_THREAD, "benchmark");
        for (String broker :
                List.of(
                        "data-plane-kafka",
                        "kafka-",
                        "quorum-controller",
                        "broker-",
                        "controller-",
                        "ExpirationReaper",
                        "raft-",
                        "executor-",
                        "transaction-log",
                        "log-",
                        "group-coordinator",
                        "share-coordinator",
                        "client-metrics",
                        "LogDirFailureHandler",
                        "metrics-meter-tick")) {
            GROUP_BY_PREFIX.put(broker, "Kafka broker");
        }
    }

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
    static long processCpu() {
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

    /** Where the process's CPU went since a mark: every nanosecond of it in some group. */
    record Use(Map<String, Long> byGroup, long process, long threadsStarted) {}

    /** The CPU used so far, to take a {@link Use} from later. */
    static Mark mark() {
        return new Mark(
                snapshot(),
                JvmThreads.snapshot(),
                processCpu(),
                ManagementFactory.getThreadMXBean().getTotalStartedThreadCount());
    }

    record Mark(
            Map<Long, Sample> threads,
            Map<String, Long> jvmThreads,
            long process,
            long threadsStarted) {
        /**
         * The process's CPU since this mark, by group: named threads, the JVM's own, and the
         * remainder, which is mostly threads that started and ended in between.
         */
        Use since() {
            Map<String, Long> byGroup = between(threads, snapshot());
            JvmThreads.snapshot()
                    .forEach(
                            (group, nanos) ->
                                    byGroup.merge(
                                            group,
                                            nanos - jvmThreads.getOrDefault(group, 0L),
                                            Long::sum));
            long used = processCpu() - process;
            long named = byGroup.values().stream().mapToLong(Long::longValue).sum();
            byGroup.put(REMAINDER, Math.max(0, used - named));
            return new Use(
                    byGroup,
                    used,
                    ManagementFactory.getThreadMXBean().getTotalStartedThreadCount()
                            - threadsStarted);
        }
    }

    static String group(String threadName) {
        for (var entry : GROUP_BY_PREFIX.entrySet()) {
            if (threadName.startsWith(entry.getKey())) {
                return entry.getValue();
            }
        }
        return REST;
    }
}
