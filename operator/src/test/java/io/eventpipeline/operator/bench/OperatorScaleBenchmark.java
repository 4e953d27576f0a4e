package io.eventpipeline.operator.bench;

import io.eventpipeline.kafka.embedded.EmbeddedKafkaBroker;
import io.eventpipeline.operator.api.EventPipeline;
import io.eventpipeline.operator.api.StatusCondition;
import io.eventpipeline.operator.config.OperatorConfig;
import io.eventpipeline.operator.status.ConditionType;
import io.eventpipeline.operator.testing.MockKubernetes;
import io.eventpipeline.operator.testing.OperatorHarness;
import io.eventpipeline.operator.testing.Pipelines;
import io.eventpipeline.operator.topics.KafkaCluster;
import io.eventpipeline.operator.topics.TopicAdmin;
import io.eventpipeline.spec.Durations;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.kubernetes.operator.api.FlinkDeployment;
import org.apache.flink.kubernetes.operator.api.status.FlinkDeploymentStatus;
import org.apache.flink.kubernetes.operator.api.status.ReconciliationState;
import org.apache.kafka.clients.admin.Admin;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;

/**
 * Operator scale (issue 6): N EventPipelines against the mock API server (CRUD) and a real embedded
 * broker, with the production wiring. Measures time until all are Ready, the operator's API writes
 * per pipeline, its writes while idle, its Kafka Admin requests and its heap. Run on demand (see
 * operator/BENCHMARKS.md); never part of the test suite.
 *
 * <p>Arguments: {@code [pipelines=100] [idle=60s] [resync=10s] [scenario=arriving|existing]} (a
 * bare number is the pipeline count).
 */
public final class OperatorScaleBenchmark {
    static final String NAMESPACE = "bench";
    static final String FAKE_FLINK_THREAD = "fake-flink-operator";

    /** When the pipelines appear, relative to the operator. */
    enum Scenario {
        /** Created one by one while the operator runs; timed from the first create. */
        ARRIVING("arriving while the operator runs"),
        /**
         * All created first, then the operator starts (an install or restart); timed from start.
         */
        EXISTING("existing when the operator starts");

        final String description;

        Scenario(String description) {
            this.description = description;
        }

        static Scenario of(String value) {
            return switch (value) {
                case "arriving" -> ARRIVING;
                case "existing" -> EXISTING;
                default ->
                        throw new IllegalArgumentException(
                                "scenario must be arriving or existing, not " + value);
            };
        }
    }

    static final Duration READY_TIMEOUT = Duration.ofMinutes(15);

    // Targets from issue 6 (for N = 1000 on 2 cores).
    static final double TARGET_READY_SECONDS = 60;
    static final double TARGET_WRITES_PER_PIPELINE = 3;
    static final long TARGET_IDLE_WRITES = 0;
    static final double TARGET_HEAP_MIB = 256;

    public static void main(String[] args) throws Exception {
        Map<String, String> options = parse(args);
        int n = Integer.parseInt(options.getOrDefault("pipelines", "100"));
        Duration idle = Durations.parse(options.getOrDefault("idle", "60s"));
        Duration resync = Durations.parse(options.getOrDefault("resync", "10s"));
        Scenario scenario = Scenario.of(options.getOrDefault("scenario", "arriving"));
        // The operator logs each FlinkDeployment it creates: N lines of noise here.
        Configurator.setLevel("io.eventpipeline", Level.WARN);

        System.out.printf(
                "operator scale: %d pipelines %s, idle %ss, resync %ss, %d cores, JOSDK defaults%n",
                n,
                scenario.description,
                idle.toSeconds(),
                resync.toSeconds(),
                Runtime.getRuntime().availableProcessors());
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().build().start();
                MockKubernetes kube = new MockKubernetes();
                Admin kafka = Admin.create(broker.clientConfig())) {
            new OperatorScaleBenchmark(n, idle, resync, scenario, broker, kube, kafka).run();
        }
        // Non-daemon threads of the broker or clients must not keep Maven waiting.
        System.exit(0);
    }

    private final int n;
    private final Duration idle;
    private final Duration resync;
    private final Scenario scenario;
    private final EmbeddedKafkaBroker broker;
    private final MockKubernetes kube;
    private final KubernetesClient client;
    private final Admin kafka;
    private final Set<String> ready = ConcurrentHashMap.newKeySet();

    OperatorScaleBenchmark(
            int n,
            Duration idle,
            Duration resync,
            Scenario scenario,
            EmbeddedKafkaBroker broker,
            MockKubernetes kube,
            Admin kafka) {
        this.n = n;
        this.idle = idle;
        this.resync = resync;
        this.scenario = scenario;
        this.broker = broker;
        this.kube = kube;
        this.client = kube.client();
        this.kafka = kafka;
    }

    void run() throws Exception {
        ExecutorService flinkWrites =
                Executors.newSingleThreadExecutor(r -> new Thread(r, FAKE_FLINK_THREAD));
        SharedIndexInformer<FlinkDeployment> fakeFlink = startFakeFlinkOperator(flinkWrites);
        SharedIndexInformer<EventPipeline> readiness = startReadinessWatch();
        long heapBefore = heapAfterGc();

        List<String> topics = new ArrayList<>();
        Map<Long, ThreadCpu.Sample> cpuBefore;
        OperatorHarness operator;
        long start;
        double createdSeconds;
        if (scenario == Scenario.EXISTING) {
            // The operator starts on N pipelines already there: an install or a restart.
            long creating = System.nanoTime();
            createPipelines(topics);
            createdSeconds = seconds(System.nanoTime() - creating);
            cpuBefore = ThreadCpu.snapshot();
            start = System.nanoTime();
            operator = startOperator();
        } else {
            // Creation is part of the measured time: the operator works while pipelines arrive.
            operator = startOperator();
            cpuBefore = ThreadCpu.snapshot();
            start = System.nanoTime();
            createPipelines(topics);
            createdSeconds = seconds(System.nanoTime() - start);
        }
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        long lastReport = System.nanoTime();
        while (ready.size() < n && System.nanoTime() < deadline) {
            Thread.sleep(20);
            if (System.nanoTime() - lastReport > TimeUnit.SECONDS.toNanos(10)) {
                lastReport = System.nanoTime();
                System.out.printf(
                        "  %5.1f s: %d/%d Ready%n", seconds(lastReport - start), ready.size(), n);
            }
        }
        double readySeconds = seconds(System.nanoTime() - start);
        Map<String, Long> cpuToReady = ThreadCpu.between(cpuBefore, ThreadCpu.snapshot());
        if (ready.size() < n) {
            System.out.printf(
                    "TIMED OUT after %.0f s: %d/%d Ready%n", readySeconds, ready.size(), n);
        }

        // Ready must mean what it says: every topic on the broker, every FlinkDeployment written.
        Set<String> onBroker = kafka.listTopics().names().get();
        long topicsMissing = topics.stream().filter(t -> !onBroker.contains(t)).count();
        int deployments =
                client.resources(FlinkDeployment.class)
                        .inNamespace(NAMESPACE)
                        .list()
                        .getItems()
                        .size();

        TopicAdmin admin =
                operator.operator()
                        .kafkaAdmins()
                        .forCluster(new KafkaCluster(broker.bootstrapServers(), Map.of()));
        Map<String, Long> writesToReady = operatorWrites();
        Map<String, Long> requestsToReady = allRequests();
        long describesToReady = admin.describeRequests();
        long configDescribesToReady = admin.describeConfigsRequests();
        long createsToReady = admin.createRequests();

        Thread.sleep(idle.toMillis());
        Map<String, Long> writesAfterIdle = operatorWrites();
        Map<String, Long> idleWrites = new TreeMap<>();
        writesAfterIdle.forEach(
                (kind, count) -> {
                    long during = count - writesToReady.getOrDefault(kind, 0L);
                    if (during > 0) {
                        idleWrites.put(kind, during);
                    }
                });
        long idleDescribes = admin.describeRequests() - describesToReady;
        long idleCreates = admin.createRequests() - createsToReady;

        long heapWithOperator = heapAfterGc();
        operator.close(); // a replica: the mock API server stays, with everything it stores
        // Drop every reference into the stopped operator, or its caches would count as "without".
        operator = null;
        admin = null;
        long heapWithoutOperator = heapAfterGc();
        fakeFlink.close();
        readiness.close();
        flinkWrites.shutdownNow();

        long totalWrites = sum(writesToReady);
        long totalIdleWrites = sum(idleWrites);
        double perPipeline = (double) totalWrites / n;
        double operatorHeapMib = mib(heapWithOperator - heapWithoutOperator);

        System.out.println();
        System.out.printf(
                "Ready check: %d/%d pipelines Ready, %d/%d topics on the broker, %d/%d"
                        + " FlinkDeployments%n",
                ready.size(), n, topics.size() - topicsMissing, topics.size(), deployments, n);
        System.out.println("Operator writes until all Ready, by kind:");
        writesToReady.forEach(
                (kind, count) ->
                        System.out.printf(
                                "  %-40s %6d  (%.2f per pipeline)%n",
                                kind, count, (double) count / n));
        Map<String, Long> reasons = new TreeMap<>();
        client.v1()
                .events()
                .inNamespace(NAMESPACE)
                .list()
                .getItems()
                .forEach(e -> reasons.merge(e.getReason(), 1L, Long::sum));
        System.out.println("Kubernetes Events by reason: " + reasons);
        long cpuTotal = sum(cpuToReady);
        System.out.printf(
                "CPU time until all Ready, by thread group (%.1f s on %d cores in %.1f s):%n",
                cpuTotal / 1e9, Runtime.getRuntime().availableProcessors(), readySeconds);
        cpuToReady.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(
                        e ->
                                System.out.printf(
                                        "  %-44s %6.1f s  %4.0f %%  (%.1f ms per pipeline)%n",
                                        e.getKey(),
                                        e.getValue() / 1e9,
                                        100.0 * e.getValue() / cpuTotal,
                                        e.getValue() / 1e6 / n));
        System.out.println("Requests the mock API server served until all Ready:");
        requestsToReady.forEach((kind, count) -> System.out.printf("  %-50s %6d%n", kind, count));
        System.out.println(
                "Operator writes during the idle window: " + (idleWrites.isEmpty() ? "none" : ""));
        idleWrites.forEach((kind, count) -> System.out.printf("  %-40s %6d%n", kind, count));
        System.out.println();
        System.out.printf("| %-44s | %14s | %10s | %-4s |%n", "N = " + n, "measured", "target", "");
        System.out.println(
                "|" + "-".repeat(46) + "|" + "-".repeat(16) + "|" + "-".repeat(12) + "|------|");
        row(
                "time to all Ready (s)",
                fmt(readySeconds),
                "<= 60",
                readySeconds <= TARGET_READY_SECONDS && ready.size() == n);
        row(
                scenario == Scenario.EXISTING
                        ? "  (before it: creating N pipelines, no operator) (s)"
                        : "  of which creating N pipelines (s)",
                fmt(createdSeconds),
                "",
                null);
        row(
                "API writes by the operator per pipeline",
                fmt(perPipeline),
                "<= 3",
                perPipeline <= TARGET_WRITES_PER_PIPELINE);
        double eventsPerPipeline = (double) writesToReady.getOrDefault("POST events", 0L) / n;
        row("  of which Kubernetes Events (phase changes)", fmt(eventsPerPipeline), "", null);
        row(
                "  the rest: the pipeline and its children",
                fmt(perPipeline - eventsPerPipeline),
                "<= 3",
                perPipeline - eventsPerPipeline <= TARGET_WRITES_PER_PIPELINE);
        row(
                "API writes at rest ("
                        + idle.toSeconds()
                        + " s idle, resync "
                        + resync.toSeconds()
                        + " s)",
                String.valueOf(totalIdleWrites),
                "0",
                totalIdleWrites == TARGET_IDLE_WRITES);
        row("Kafka describe batches until Ready", String.valueOf(describesToReady), "", null);
        row(
                "  of which with a DescribeConfigs request",
                String.valueOf(configDescribesToReady),
                "",
                null);
        row("Kafka create batches until Ready", String.valueOf(createsToReady), "", null);
        row("Kafka describe batches while idle", String.valueOf(idleDescribes), "", null);
        row("Kafka create batches while idle", String.valueOf(idleCreates), "", null);
        row(
                "operator heap after GC (MiB)",
                fmt(operatorHeapMib),
                "<= 256",
                operatorHeapMib <= TARGET_HEAP_MIB);
        row("  whole JVM heap after GC (MiB)", fmt(mib(heapWithOperator)), "", null);
        row("  JVM heap before the operator (MiB)", fmt(mib(heapBefore)), "", null);
        System.out.println(
                "Operator heap = heap after GC with the operator running minus heap after GC once"
                    + " it is stopped (broker, mock API server with all its objects and recorded"
                    + " requests, and the benchmark's own informers stay in both).");
        System.out.printf(
                "A describe batch is one DescribeTopics request, plus one DescribeConfigs when a"
                        + " topic's configs are checked; idle"
                        + " window = %.1f resync rounds.%n",
                (double) idle.toMillis() / resync.toMillis());
    }

    private OperatorHarness startOperator() throws InterruptedException {
        Map<String, String> env = OperatorHarness.environment(broker);
        env.put("EP_RESYNC_INTERVAL", resync.toSeconds() + "s");
        // The production default, not the tests' short one: under load a 3 s timeout fails
        // batches that are merely queued, which measures the timeout instead of the operator.
        env.remove("EP_KAFKA_ADMIN_TIMEOUT");
        OperatorHarness operator =
                OperatorHarness.replica(kube, OperatorConfig.fromEnvironment(env));
        while (!operator.operator().isReady()) {
            Thread.sleep(50);
        }
        return operator;
    }

    private void createPipelines(List<String> topics) {
        for (int i = 0; i < n; i++) {
            String name = String.format("p%04d", i);
            topics.addAll(List.of(name + "-events", name + "-alerts", name + "-dlq"));
            client.resource(pipeline(name)).create();
        }
    }

    /** Plays the Flink operator for every FlinkDeployment: reports its job RUNNING once. */
    private SharedIndexInformer<FlinkDeployment> startFakeFlinkOperator(ExecutorService writes) {
        Set<String> reported = ConcurrentHashMap.newKeySet();
        return client.resources(FlinkDeployment.class)
                .inNamespace(NAMESPACE)
                .inform(
                        new ResourceEventHandler<>() {
                            @Override
                            public void onAdd(FlinkDeployment deployment) {
                                String name = deployment.getMetadata().getName();
                                if (reported.add(name)) {
                                    writes.submit(() -> reportRunning(name));
                                }
                            }

                            @Override
                            public void onUpdate(FlinkDeployment before, FlinkDeployment after) {}

                            @Override
                            public void onDelete(FlinkDeployment deployment, boolean unknown) {}
                        });
    }

    private void reportRunning(String name) {
        for (int attempt = 0; attempt < 5; attempt++) {
            FlinkDeployment deployment =
                    client.resources(FlinkDeployment.class)
                            .inNamespace(NAMESPACE)
                            .withName(name)
                            .get();
            FlinkDeploymentStatus status = new FlinkDeploymentStatus();
            status.getJobStatus().setState(JobStatus.RUNNING);
            status.getJobStatus().setJobId("00000000000000000000000000000001");
            status.getReconciliationStatus().setState(ReconciliationState.DEPLOYED);
            deployment.setStatus(status);
            try {
                client.resource(deployment).updateStatus();
                return;
            } catch (KubernetesClientException e) {
                // A conflict with the operator's own write: read again and retry.
            }
        }
        System.out.println("could not report " + name + " RUNNING");
    }

    /** Tracks which pipelines report Ready=True for their current generation. */
    private SharedIndexInformer<EventPipeline> startReadinessWatch() {
        return client.resources(EventPipeline.class)
                .inNamespace(NAMESPACE)
                .inform(
                        new ResourceEventHandler<>() {
                            @Override
                            public void onAdd(EventPipeline pipeline) {
                                check(pipeline);
                            }

                            @Override
                            public void onUpdate(EventPipeline before, EventPipeline after) {
                                check(after);
                            }

                            @Override
                            public void onDelete(EventPipeline pipeline, boolean unknown) {}
                        });
    }

    private void check(EventPipeline pipeline) {
        var status = pipeline.getStatus();
        boolean isReady =
                status != null
                        && pipeline.getMetadata()
                                .getGeneration()
                                .equals(status.getObservedGeneration())
                        && status.getConditions().stream()
                                .filter(c -> ConditionType.Ready.name().equals(c.getType()))
                                .map(StatusCondition::getStatus)
                                .anyMatch("True"::equals);
        String name = pipeline.getMetadata().getName();
        if (isReady) {
            ready.add(name);
        } else {
            ready.remove(name);
        }
    }

    /** The flight-delays example with one partition per topic, to keep the broker light. */
    private EventPipeline pipeline(String name) {
        String yaml =
                Pipelines.flightDelays(NAMESPACE, name)
                        .replaceAll("partitions: \\d+", "partitions: 1")
                        .replaceAll("replicationFactor: \\d+", "replicationFactor: 1");
        return client.getKubernetesSerialization().unmarshal(yaml, EventPipeline.class);
    }

    /** Writes (non-GET requests) the operator's own client made, by method and resource. */
    /** Every request the mock API server served, by client and kind. */
    private Map<String, Long> allRequests() {
        Map<String, Long> byKind = new TreeMap<>();
        for (MockKubernetes.Request request : kube.requests()) {
            String who =
                    OperatorHarness.OPERATOR_USER_AGENT.equals(request.userAgent())
                            ? "operator"
                            : "benchmark";
            String watch = request.path().contains("watch=true") ? " (watch)" : "";
            byKind.merge(
                    who + " " + request.method() + " " + resource(request.path()) + watch,
                    1L,
                    Long::sum);
        }
        return byKind;
    }

    private Map<String, Long> operatorWrites() {
        Map<String, Long> byKind = new TreeMap<>();
        for (MockKubernetes.Request request : kube.requests()) {
            if (OperatorHarness.OPERATOR_USER_AGENT.equals(request.userAgent())
                    && !request.method().equals("GET")) {
                byKind.merge(request.method() + " " + resource(request.path()), 1L, Long::sum);
            }
        }
        return byKind;
    }

    /** "eventpipelines/status" from /apis/g/v/namespaces/ns/eventpipelines/name/status?x. */
    static String resource(String path) {
        String[] parts = path.split("\\?")[0].split("/");
        for (int i = 0; i < parts.length - 1; i++) {
            if (parts[i].equals("namespaces") && i + 2 < parts.length) {
                return parts[i + 2] + (i + 4 < parts.length ? "/" + parts[i + 4] : "");
            }
        }
        return path.split("\\?")[0];
    }

    private static long heapAfterGc() throws InterruptedException {
        // Several rounds: one System.gc() may leave finalizable or soft-referenced garbage.
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static void row(String what, String measured, String target, Boolean met) {
        System.out.printf(
                "| %-44s | %14s | %10s | %-4s |%n",
                what, measured, target, met == null ? "" : met ? "ok" : "MISS");
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> options = new TreeMap<>();
        Set<String> known = new HashSet<>(List.of("pipelines", "idle", "resync", "scenario"));
        for (String arg : args) {
            if (arg.matches("\\d+")) {
                options.put("pipelines", arg);
                continue;
            }
            String[] kv = arg.split("=", 2);
            if (kv.length != 2 || !known.contains(kv[0])) {
                throw new IllegalArgumentException(
                        "expected [pipelines=N] [idle=60s] [resync=10s]"
                                + " [scenario=arriving|existing], got "
                                + arg);
            }
            options.put(kv[0], kv[1]);
        }
        return options;
    }

    private static long sum(Map<String, Long> counts) {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    private static double mib(long bytes) {
        return bytes / (1024.0 * 1024.0);
    }

    private static String fmt(double value) {
        return String.format("%.1f", value);
    }
}
