package io.eventpipeline.operator.bench;

import java.util.Map;

/** What one run of {@link OperatorScaleBenchmark} measured, and how it is printed. */
record ScaleReport(
        int n,
        boolean existing,
        int ready,
        int topics,
        long topicsMissing,
        int deployments,
        double readySeconds,
        double createdSeconds,
        long reconcilesToReady,
        long idleReconciles,
        Map<String, Long> writesToReady,
        Map<String, Long> eventReasons,
        ThreadCpu.Use cpuToReady,
        Map<String, Long> requestsToReady,
        Map<String, Long> idleWrites,
        Map<String, Long> stoppingWrites,
        long idleSeconds,
        long resyncSeconds,
        long describesToReady,
        long configDescribesToReady,
        long createsToReady,
        long idleDescribes,
        long idleCreates,
        long heapBefore,
        long heapWithOperator,
        long heapWithoutOperator,
        long meters) {

    // Targets for N = 1000 on 2 cores (time: issue 20; the others: issue 6). Larger runs report
    // their figures without a target.
    static final int TARGET_PIPELINES = 1000;
    static final double TARGET_READY_SECONDS = 30;
    static final double TARGET_WRITES_PER_PIPELINE = 3;
    static final long TARGET_IDLE_WRITES = 0;
    static final double TARGET_HEAP_MIB = 256;

    void print() {
        System.out.println();
        System.out.printf(
                "Ready check: %d/%d pipelines Ready, %d/%d topics on the broker, %d/%d"
                        + " FlinkDeployments%n",
                ready, n, topics - topicsMissing, topics, deployments, n);
        System.out.println("Operator writes until all Ready, by kind:");
        writesToReady.forEach(
                (kind, count) ->
                        System.out.printf(
                                "  %-40s %6d  (%.2f per pipeline)%n",
                                kind, count, (double) count / n));
        System.out.println("Kubernetes Events by reason: " + eventReasons);
        printCpu();
        System.out.println("Requests the mock API server served until all Ready:");
        requestsToReady.forEach((kind, count) -> System.out.printf("  %-50s %6d%n", kind, count));
        System.out.println(
                "Operator writes at rest (a restart, then the idle window): "
                        + (idleWrites.isEmpty() ? "none" : ""));
        idleWrites.forEach((kind, count) -> System.out.printf("  %-40s %6d%n", kind, count));
        System.out.println(
                "Operator writes while stopping (both instances, reconciles in flight): "
                        + (stoppingWrites.isEmpty() ? "none" : ""));
        stoppingWrites.forEach((kind, count) -> System.out.printf("  %-40s %6d%n", kind, count));
        System.out.println();
        printTable();
    }

    private void printCpu() {
        long process = cpuToReady.process();
        System.out.printf(
                "CPU time until all Ready, the whole process by thread group (%.1f s, %.0f %% of %d"
                        + " cores in %.1f s; %d threads started):%n",
                process / 1e9,
                100.0 * process / 1e9 / readySeconds / cores(),
                cores(),
                readySeconds,
                cpuToReady.threadsStarted());
        cpuToReady.byGroup().entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(
                        e ->
                                System.out.printf(
                                        "  %-74s %6.1f s  %4.0f %%  (%.1f ms per pipeline)%n",
                                        e.getKey(),
                                        e.getValue() / 1e9,
                                        100.0 * e.getValue() / process,
                                        e.getValue() / 1e6 / n));
        long operator =
                cpuToReady.byGroup().entrySet().stream()
                        .filter(e -> e.getKey().startsWith(ThreadCpu.OPERATOR))
                        .mapToLong(Map.Entry::getValue)
                        .sum();
        // Not a measured time: what the operator's own threads used, spread over all the cores
        // as if nothing else ran (no JIT or GC share, no waiting for the API server or Kafka).
        System.out.printf(
                "  the operator's own threads: %.1f s of CPU, %.1f s of %d cores (a lower bound"
                        + " for the operator alone, derived, not measured)%n",
                operator / 1e9, operator / 1e9 / cores(), cores());
    }

    private static int cores() {
        return Runtime.getRuntime().availableProcessors();
    }

    private String target(String target) {
        return n <= TARGET_PIPELINES ? target : "";
    }

    private Boolean judged(boolean met) {
        return n <= TARGET_PIPELINES ? met : null;
    }

    private void printTable() {
        System.out.printf("| %-44s | %14s | %10s | %-4s |%n", "N = " + n, "measured", "target", "");
        System.out.println(
                "|" + "-".repeat(46) + "|" + "-".repeat(16) + "|" + "-".repeat(12) + "|------|");
        row(
                "time to all Ready (s)",
                fmt(readySeconds),
                target("<= 30"),
                judged(readySeconds <= TARGET_READY_SECONDS && ready == n));
        row(
                existing
                        ? "  (before it: creating N pipelines, no operator) (s)"
                        : "  of which creating N pipelines (s)",
                fmt(createdSeconds),
                "",
                null);
        double perPipeline = (double) sum(writesToReady) / n;
        row("API writes by the operator per pipeline", fmt(perPipeline), "", null);
        double eventsPerPipeline = (double) writesToReady.getOrDefault("POST events", 0L) / n;
        row("  of which Kubernetes Events (phase changes)", fmt(eventsPerPipeline), "", null);
        // The target counts writes to the pipeline and its children: the operator writes an Event
        // on each phase change (operator/DESIGN.md), which a new pipeline makes twice.
        row(
                "  the rest: the pipeline and its children",
                fmt(perPipeline - eventsPerPipeline),
                target("<= 3"),
                judged(perPipeline - eventsPerPipeline <= TARGET_WRITES_PER_PIPELINE));
        long totalIdleWrites = sum(idleWrites);
        row(
                "API writes at rest (restart, "
                        + idleSeconds
                        + " s, resync "
                        + resyncSeconds
                        + " s)",
                String.valueOf(totalIdleWrites),
                "0",
                totalIdleWrites == TARGET_IDLE_WRITES);
        row("reconciles until Ready, per pipeline", fmt2((double) reconcilesToReady / n), "", null);
        row("reconciles at rest (restart and resyncs)", String.valueOf(idleReconciles), "", null);
        row("Kafka describe batches until Ready", String.valueOf(describesToReady), "", null);
        row(
                "  of which with a DescribeConfigs request",
                String.valueOf(configDescribesToReady),
                "",
                null);
        row("Kafka create batches until Ready", String.valueOf(createsToReady), "", null);
        row("Kafka describe batches at rest", String.valueOf(idleDescribes), "", null);
        row("Kafka create batches at rest", String.valueOf(idleCreates), "", null);
        double operatorHeapMib = mib(heapWithOperator - heapWithoutOperator);
        row(
                "operator heap after GC (MiB)",
                fmt(operatorHeapMib),
                target("<= 256"),
                judged(operatorHeapMib <= TARGET_HEAP_MIB));
        row("  whole JVM heap after GC (MiB)", fmt(mib(heapWithOperator)), "", null);
        row("  JVM heap before the operator (MiB)", fmt(mib(heapBefore)), "", null);
        row(
                "metrics: meters in the registry (per pipeline)",
                meters + " (" + fmt2((double) meters / n) + ")",
                "",
                null);
        System.out.println(
                "Operator heap = heap after GC with the operator running minus heap after GC once"
                        + " it is stopped (broker, mock API server with all its objects and"
                        + " recorded requests, and the benchmark's own informers stay in both);"
                        + " measured on the instance started for the rest period.");
        System.out.printf(
                "A describe batch is one DescribeTopics request, plus one DescribeConfigs when a"
                        + " topic's configs are checked; idle window = %.1f resync rounds.%n",
                (double) idleSeconds / resyncSeconds);
    }

    private static void row(String what, String measured, String target, Boolean met) {
        System.out.printf(
                "| %-44s | %14s | %10s | %-4s |%n",
                what, measured, target, met == null ? "" : met ? "ok" : "MISS");
    }

    static long sum(Map<String, Long> counts) {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    private static double mib(long bytes) {
        return bytes / (1024.0 * 1024.0);
    }

    private static String fmt2(double value) {
        return String.format("%.2f", value);
    }

    private static String fmt(double value) {
        return String.format("%.1f", value);
    }
}
