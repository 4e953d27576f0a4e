package io.eventpipeline.sandbox;

import io.eventpipeline.kafka.embedded.EmbeddedKafkaBroker;
import io.eventpipeline.operator.EventPipelineOperator;
import io.eventpipeline.operator.config.OperatorConfig;
import io.eventpipeline.operator.http.HealthServer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The whole stack, started in order and closed in reverse: a Kafka broker, the Kubernetes API (with
 * the owner-reference garbage collection it lacks), a Flink MiniCluster with the stand-in Flink
 * operator, and our operator — started through {@link EventPipelineOperator#start}, from EP_*
 * settings, exactly as its main does.
 */
public final class SandboxStack implements AutoCloseable {
    /**
     * @param kafkaPort 0 for any free port (tests)
     * @param kubePort 0 for any free port (tests)
     * @param slots Flink task slots shared by all pipelines
     */
    public record Options(
            int kafkaPort, int kubePort, Path workDir, int slots, int flinkPort, int metricsPort) {
        /** Any free port for Flink's REST API and the operator's metrics. */
        public Options(int kafkaPort, int kubePort, Path workDir, int slots) {
            this(kafkaPort, kubePort, workDir, slots, 0, 0);
        }
    }

    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private final Path stateDir;
    private EmbeddedKafkaBroker broker;
    private SandboxKubernetes kube;
    private LocalFlinkCluster flink;
    private EventPipelineOperator operator;
    private HealthServer operatorHttp;

    private SandboxStack(Path stateDir) {
        this.stateDir = stateDir;
    }

    public static SandboxStack start(Options options, Consumer<String> notices) throws Exception {
        Files.createDirectories(options.workDir());
        SandboxStack stack =
                new SandboxStack(Files.createTempDirectory(options.workDir(), "flink-state-"));
        try {
            stack.startParts(options, notices);
            return stack;
        } catch (Exception | Error e) {
            stack.close();
            throw e;
        }
    }

    private void startParts(Options options, Consumer<String> notices) throws Exception {
        kube = SandboxKubernetes.start(options.kubePort(), options.workDir());
        started.push(kube);
        broker = EmbeddedKafkaBroker.builder().port(options.kafkaPort()).build().start();
        started.push(broker);
        Ports.requireFree(options.flinkPort(), "Flink REST API", "--flink-port");
        Ports.requireFree(options.metricsPort(), "operator metrics", "--metrics-port");
        flink = LocalFlinkCluster.start(options.slots(), options.flinkPort());
        started.push(flink);
        LocalFlinkOperator flinkOperator =
                new LocalFlinkOperator(
                                kube.client(),
                                flink,
                                stateDir.resolve("savepoints").toUri().toString(),
                                notices)
                        .start();
        started.push(flinkOperator);
        started.push(new OwnerGarbageCollector(kube.client()).start());
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        operator =
                EventPipelineOperator.start(
                        OperatorConfig.fromEnvironment(operatorEnvironment()),
                        kube.client(),
                        registry,
                        Clock.systemUTC(),
                        // The mock API server answers 415 to server-side apply, and an informer
                        // that stops must not end the JVM.
                        o ->
                                o.withUseSSAToPatchPrimaryResource(false)
                                        .withInformerStoppedHandler((informer, error) -> {}));
        started.push(operator);
        // The operator's own health and metrics endpoints, as its main serves them, but on this
        // machine only.
        operatorHttp =
                new HealthServer(
                                new InetSocketAddress(
                                        InetAddress.getLoopbackAddress(), options.metricsPort()),
                                operator::isLive,
                                operator::isReady,
                                registry::scrape)
                        .start();
        started.push(operatorHttp);
    }

    /** The operator's Prometheus metrics. */
    public String metricsUrl() {
        return "http://127.0.0.1:" + operatorHttp.port() + "/metrics";
    }

    /** The operator's settings, as its Deployment's env would carry them. */
    private Map<String, String> operatorEnvironment() {
        Map<String, String> env = new HashMap<>();
        env.put("EP_KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers());
        env.put("EP_SAVEPOINT_DIR", stateDir.resolve("savepoints").toUri().toString());
        env.put("EP_CHECKPOINT_DIR", stateDir.resolve("checkpoints").toUri().toString());
        return env;
    }

    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    public SandboxKubernetes kube() {
        return kube;
    }

    public LocalFlinkCluster flink() {
        return flink;
    }

    public boolean operatorReady() {
        return operator.isReady();
    }

    @Override
    public void close() throws Exception {
        Exception first = null;
        while (!started.isEmpty()) {
            try {
                started.pop().close();
            } catch (Exception e) {
                first = first == null ? e : first;
            }
        }
        deleteRecursively(stateDir);
        if (first != null) {
            throw first;
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
