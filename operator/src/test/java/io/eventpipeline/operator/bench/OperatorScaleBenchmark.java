package io.eventpipeline.operator.bench;

import io.eventpipeline.kafka.embedded.EmbeddedKafkaBroker;
import io.eventpipeline.kafka.embedded.EmbeddedKafkaBrokerBuilder;
import io.eventpipeline.operator.CommonPoolParallelism;
import io.eventpipeline.operator.api.EventPipeline;
import io.eventpipeline.operator.config.OperatorConfig;
import io.eventpipeline.operator.testing.CountingAdmins;
import io.eventpipeline.operator.testing.OperatorHarness;
import io.eventpipeline.operator.testing.OperatorMockApi;
import io.eventpipeline.operator.testing.Pipelines;
import io.eventpipeline.testsupport.flink.StandInFlinkOperator;
import io.eventpipeline.testsupport.kubernetes.MockKubernetes;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.flink.kubernetes.operator.api.FlinkDeployment;
import org.apache.kafka.clients.admin.Admin;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;

/**
 * Operator scale (issue 6): N EventPipelines against the mock API server (CRUD) and a real embedded
 * broker, with the production wiring. Measures time until all are Ready, the operator's API writes
 * per pipeline, its writes while idle, its Kafka Admin requests and its heap. Run on demand (see
 * operator/BENCHMARKS.md); never part of the test suite.
 *
 * <p>Arguments: see {@link ScaleOptions}.
 */
public final class OperatorScaleBenchmark {
    static final String NAMESPACE = "bench";
    static final String WARMUP_NAMESPACE = "bench-warmup";

    /** The thread of the stand-in Flink operator, whose CPU time is the benchmark's. */
    static final String FAKE_FLINK_THREAD = "fake-flink-operator";

    static final Duration READY_TIMEOUT = Duration.ofMinutes(15);
    static final int CREATORS = 4;
    // The operator's own default (5 minutes), for the run to Ready.
    private static final Duration PRODUCTION_RESYNC = null;

    public static void main(String[] args) throws Exception {
        // What the operator's Main does first; "off" measures without it.
        if (!"off".equals(System.getProperty("bench.commonPool"))) {
            CommonPoolParallelism.ensure();
        }
        ScaleOptions options = ScaleOptions.parse(args);
        // The operator logs each FlinkDeployment it creates: N lines of noise here.
        Configurator.setLevel("io.eventpipeline", Level.WARN);
        System.out.println("operator scale: " + options.describe());
        System.out.println(
                "CompletableFuture's default executor: "
                        + (CommonPoolParallelism.defaultExecutorIsPool()
                                ? "the common pool"
                                : "a new thread per task"));
        Optional<BrokerStorage> storage = BrokerStorage.of(options.brokerData());
        EmbeddedKafkaBrokerBuilder brokerBuilder = EmbeddedKafkaBroker.builder();
        storage.ifPresent(s -> brokerBuilder.dataDir(s.dir()));
        System.out.println(
                "broker logs in "
                        + (storage.isPresent() ? "memory (/dev/shm)" : "the temporary directory"));
        try (EmbeddedKafkaBroker broker = brokerBuilder.build().start();
                MockKubernetes kube = OperatorMockApi.start();
                Admin kafka = Admin.create(broker.clientConfig())) {
            new OperatorScaleBenchmark(options, broker, kube, kafka).run();
        } finally {
            if (storage.isPresent()) {
                storage.get().close();
            }
        }
        // Non-daemon threads of the broker or clients must not keep Maven waiting.
        System.exit(0);
    }

    private final int n;
    private final int warmup;
    private final Duration idle;
    private final Duration resync;
    private final ScaleOptions.Scenario scenario;
    private final int share;
    private final EmbeddedKafkaBroker broker;
    private final MockKubernetes kube;
    private final KubernetesClient client;
    private final Admin kafka;

    OperatorScaleBenchmark(
            ScaleOptions options, EmbeddedKafkaBroker broker, MockKubernetes kube, Admin kafka) {
        this.n = options.pipelines();
        this.warmup = options.warmup();
        this.idle = options.idle();
        this.resync = options.resync();
        this.scenario = options.scenario();
        this.share = options.share();
        this.broker = broker;
        this.kube = kube;
        this.client = kube.client();
        this.kafka = kafka;
    }

    void run() throws Exception {
        try (StandInFlinkOperator fakeFlink =
                        StandInFlinkOperator.reportingRunning(
                                client, FAKE_FLINK_THREAD, System.out::println);
                ReadyPipelines readiness = new ReadyPipelines(client)) {
            if (warmup > 0) {
                warmUp(readiness);
            }
            measure(readiness).print();
        }
    }

    /**
     * A smaller run in a namespace of its own, then deleted (its topics stay on the broker), so
     * that every part in this one JVM has compiled the code of its common paths before the clock
     * starts, as in the job benchmark. The measured operator is a new instance.
     */
    private void warmUp(ReadyPipelines readiness) throws InterruptedException {
        long start = System.nanoTime();
        try (OperatorHarness operator = startOperator(PRODUCTION_RESYNC, new CountingAdmins())) {
            createPipelines(WARMUP_NAMESPACE, "w", warmup, new ArrayList<>());
            awaitReady(readiness, WARMUP_NAMESPACE, warmup, start);
        }
        System.out.printf(
                "warm-up: %d/%d pipelines Ready in %.1f s, then deleted (not counted)%n",
                readiness.count(WARMUP_NAMESPACE), warmup, seconds(System.nanoTime() - start));
        client.resources(EventPipeline.class).inNamespace(WARMUP_NAMESPACE).delete();
        // The mock API server has no garbage collector for owned objects.
        client.resources(FlinkDeployment.class).inNamespace(WARMUP_NAMESPACE).delete();
        client.v1().events().inNamespace(WARMUP_NAMESPACE).delete();
    }

    private ScaleReport measure(ReadyPipelines readiness) throws Exception {
        long heapBefore = heapAfterGc();
        MockRequests requests = MockRequests.fromNow(kube);
        List<String> topics = new ArrayList<>();
        ThreadCpu.Mark cpuBefore;
        OperatorHarness operator;
        CountingAdmins kafkaRequests = new CountingAdmins();
        long start;
        double createdSeconds;
        if (scenario == ScaleOptions.Scenario.EXISTING) {
            // The operator starts on N pipelines already there: an install or a restart.
            long creating = System.nanoTime();
            createPipelines(NAMESPACE, "p", n, topics);
            createdSeconds = seconds(System.nanoTime() - creating);
            cpuBefore = ThreadCpu.mark();
            start = System.nanoTime();
            operator = startOperator(PRODUCTION_RESYNC, kafkaRequests);
        } else {
            // Creation is part of the measured time: the operator works while pipelines arrive.
            operator = startOperator(PRODUCTION_RESYNC, kafkaRequests);
            cpuBefore = ThreadCpu.mark();
            start = System.nanoTime();
            createPipelines(NAMESPACE, "p", n, topics);
            createdSeconds = seconds(System.nanoTime() - start);
        }
        awaitReady(readiness, NAMESPACE, n, start);
        double readySeconds = seconds(System.nanoTime() - start);
        ThreadCpu.Use cpuToReady = cpuBefore.since();
        int ready = readiness.count(NAMESPACE);
        if (ready < n) {
            System.out.printf("TIMED OUT after %.0f s: %d/%d Ready%n", readySeconds, ready, n);
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

        long reconcilesToReady = reconciles(operator);
        Map<String, Long> writesToReady = requests.operatorWrites();
        Map<String, Long> requestsToReady = requests.all();
        long describesToReady = kafkaRequests.describeRequests();
        long configDescribesToReady = kafkaRequests.describeConfigsRequests();
        long createsToReady = kafkaRequests.createRequests();

        // Stopping must write nothing either: reconciles still in flight see stopped informers.
        MockRequests stopping = MockRequests.fromNow(kube);
        operator.close(); // a replica: the mock API server stays, with everything it stores
        Map<String, Long> stoppingWrites = new TreeMap<>(stopping.operatorWrites());
        operator = null;
        kafkaRequests = null;

        // At rest: a restart (each pipeline reconciled once more), then resync rounds. A second
        // instance, because the first ran with the production resync interval: resyncs every
        // few seconds while 1000 pipelines arrive are load no production operator sees.
        MockRequests restRequests = MockRequests.fromNow(kube);
        CountingAdmins restKafkaRequests = new CountingAdmins();
        OperatorHarness rested = startOperator(resync, restKafkaRequests);
        Thread.sleep(idle.toMillis());
        Map<String, Long> idleWrites = restRequests.operatorWrites();
        long idleReconciles = reconciles(rested);
        long idleDescribes = restKafkaRequests.describeRequests();
        long idleCreates = restKafkaRequests.createRequests();

        long heapWithOperator = heapAfterGc();
        long meters = rested.registry().getMeters().size();
        MockRequests restStopping = MockRequests.fromNow(kube);
        rested.close();
        restStopping.operatorWrites().forEach((k, v) -> stoppingWrites.merge(k, v, Long::sum));
        // Drop every reference into the stopped operator, or its caches would count as "without".
        rested = null;
        restKafkaRequests = null;
        long heapWithoutOperator = heapAfterGc();

        // Occurrences, not objects: a repeat counts on the Event it repeats.
        Map<String, Long> reasons = new TreeMap<>();
        client.v1()
                .events()
                .inNamespace(NAMESPACE)
                .list()
                .getItems()
                .forEach(e -> reasons.merge(e.getReason(), (long) e.getCount(), Long::sum));
        return new ScaleReport(
                n,
                scenario == ScaleOptions.Scenario.EXISTING,
                ready,
                topics.size(),
                topicsMissing,
                deployments,
                readySeconds,
                createdSeconds,
                reconcilesToReady,
                idleReconciles,
                writesToReady,
                reasons,
                cpuToReady,
                requestsToReady,
                idleWrites,
                stoppingWrites,
                idle.toSeconds(),
                resync.toSeconds(),
                describesToReady,
                configDescribesToReady,
                createsToReady,
                idleDescribes,
                idleCreates,
                heapBefore,
                heapWithOperator,
                heapWithoutOperator,
                meters);
    }

    /** Reconciles the operator started, from JOSDK's per-resource counters. */
    private static long reconciles(OperatorHarness operator) {
        return operator.registry().find("operator.sdk.reconciliations.started").counters().stream()
                .mapToLong(c -> (long) c.count())
                .sum();
    }

    /**
     * @param resync null for the production default
     */
    private OperatorHarness startOperator(Duration resync, CountingAdmins kafka)
            throws InterruptedException {
        Map<String, String> env = OperatorHarness.environment(broker);
        if (resync == null) {
            env.remove("EP_RESYNC_INTERVAL");
        } else {
            env.put("EP_RESYNC_INTERVAL", resync.toSeconds() + "s");
        }
        // The production default, not the tests' short one: under load a 3 s timeout fails
        // batches that are merely queued, which measures the timeout instead of the operator.
        env.remove("EP_KAFKA_ADMIN_TIMEOUT");
        OperatorHarness operator =
                OperatorHarness.productionReplica(
                        kube,
                        OperatorHttpClient.of(client),
                        OperatorConfig.fromEnvironment(env),
                        kafka);
        while (!operator.operator().isReady()) {
            Thread.sleep(50);
        }
        return operator;
    }

    private void awaitReady(ReadyPipelines readiness, String namespace, int count, long start)
            throws InterruptedException {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        long lastReport = System.nanoTime();
        while (readiness.count(namespace) < count && System.nanoTime() < deadline) {
            Thread.sleep(20);
            if (System.nanoTime() - lastReport > TimeUnit.SECONDS.toNanos(10)) {
                lastReport = System.nanoTime();
                System.out.printf(
                        "  %5.1f s: %d/%d Ready%n",
                        seconds(lastReport - start), readiness.count(namespace), count);
            }
        }
    }

    /**
     * Creates the pipelines from {@link #CREATORS} threads, as a GitOps sync or a script applying a
     * directory in parallel would: one client waiting for each response in turn would measure the
     * mock API server's latency under load rather than how fast pipelines can arrive.
     */
    private void createPipelines(String namespace, String prefix, int count, List<String> topics)
            throws InterruptedException {
        ExecutorService creators = Executors.newFixedThreadPool(CREATORS);
        List<Future<?>> created = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String name = String.format("%s%05d", prefix, i);
            String stream = String.format("%s%05d", prefix, i / share);
            if (i % share == 0) {
                topics.addAll(List.of(stream + "-events", stream + "-alerts", stream + "-dlq"));
            }
            EventPipeline pipeline = pipeline(namespace, name, stream);
            created.add(creators.submit(() -> client.resource(pipeline).create()));
        }
        try {
            for (Future<?> create : created) {
                create.get();
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not create a pipeline", e.getCause());
        } finally {
            creators.shutdownNow();
        }
    }

    /**
     * The flight-delays example with one partition per topic, to keep the broker light, on the
     * topics named after {@code stream}.
     */
    private EventPipeline pipeline(String namespace, String name, String stream) {
        String yaml =
                Pipelines.flightDelays(namespace, name, stream)
                        .replaceAll("partitions: \\d+", "partitions: 1")
                        .replaceAll("replicationFactor: \\d+", "replicationFactor: 1");
        return client.getKubernetesSerialization().unmarshal(yaml, EventPipeline.class);
    }

    private static long heapAfterGc() throws InterruptedException {
        // Several rounds: one System.gc() may leave finalizable or soft-referenced garbage.
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
