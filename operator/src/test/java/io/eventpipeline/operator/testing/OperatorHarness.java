package io.eventpipeline.operator.testing;

import static org.awaitility.Awaitility.await;

import io.eventpipeline.kafka.embedded.EmbeddedKafkaBroker;
import io.eventpipeline.operator.EventPipelineOperator;
import io.eventpipeline.operator.api.EventPipeline;
import io.eventpipeline.operator.api.Phase;
import io.eventpipeline.operator.config.OperatorConfig;
import io.eventpipeline.operator.topics.AdminFactory;
import io.eventpipeline.operator.topics.TopicCreationSteps;
import io.eventpipeline.testsupport.flink.FlinkStatusWriter;
import io.eventpipeline.testsupport.kubernetes.KubernetesApi;
import io.eventpipeline.testsupport.kubernetes.MockKubernetes;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.config.ConfigurationServiceOverrider;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.kubernetes.operator.api.FlinkDeployment;

/**
 * The operator, started through the production wiring, against an API server and a real Kafka
 * broker. Against the mock only what it cannot do differs: status is patched without server-side
 * apply. Against a real API server everything is as in production.
 *
 * <p>The operator talks through a client of its own (as in production), identified by {@link
 * #OPERATOR_USER_AGENT}, so the API calls it makes can be told from the test's.
 */
public final class OperatorHarness implements AutoCloseable {
    public static final String SAVEPOINT_DIR = "s3://flink-state/savepoints";
    public static final String CHECKPOINT_DIR = "s3://flink-state/checkpoints";
    public static final Duration WAIT = Duration.ofSeconds(60);

    /** Where session jobs' jar is fetched from, as the chart's default would say. */
    public static final String SESSION_JOB_JAR_URI =
            "http://eventpipeline-operator-jobs.operators.svc:8080/jobs/pipeline-job.jar";

    public static final String OPERATOR_USER_AGENT = "eventpipeline-operator-under-test";
    private static final int WRITE_ATTEMPTS = 5;

    private final KubernetesApi kube;
    private final boolean ownsKube;
    private final KubernetesClient operatorClient;
    private final EventPipelineOperator operator;
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private boolean operatorClosed;

    /**
     * @param more applied after the harness's own changes to JOSDK's configuration
     */
    private OperatorHarness(
            KubernetesApi kube,
            boolean ownsKube,
            KubernetesClient operatorClient,
            OperatorConfig config,
            TopicCreationSteps steps,
            AdminFactory kafka,
            boolean perPipelineMetrics,
            Consumer<ConfigurationServiceOverrider> more) {
        this.kube = kube;
        this.ownsKube = ownsKube;
        this.operatorClient = operatorClient;
        operator =
                EventPipelineOperator.start(
                        config,
                        operatorClient,
                        registry,
                        Clock.systemUTC(),
                        o -> {
                            if (!kube.speaksServerSideApply()) {
                                o.withUseSSAToPatchPrimaryResource(false);
                            }
                            // JOSDK's default ends the JVM when an informer dies.
                            o.withInformerStoppedHandler((informer, error) -> {});
                            if (steps != TopicCreationSteps.NONE) {
                                // A reconcile held at a step is interrupted at once on stop.
                                o.withReconciliationTerminationTimeout(Duration.ofMillis(100));
                            }
                            if (perPipelineMetrics) {
                                o.withMetrics(EventPipelineOperator.perPipelineMetrics(registry));
                            }
                            more.accept(o);
                        },
                        EventPipelineOperator.Parts.of(config).withSteps(steps).withKafka(kafka));
    }

    /** The environment the operator reads, pointing at the test broker. */
    public static Map<String, String> environment(EmbeddedKafkaBroker broker) {
        Map<String, String> env = new HashMap<>();
        env.put("EP_KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers());
        env.put("EP_SAVEPOINT_DIR", SAVEPOINT_DIR);
        env.put("EP_CHECKPOINT_DIR", CHECKPOINT_DIR);
        env.put("EP_KAFKA_ADMIN_TIMEOUT", "3s");
        env.put("EP_SESSION_JOB_JAR_URI", SESSION_JOB_JAR_URI);
        // Short, so drift and recovery show within a test; at rest it must still write nothing.
        env.put("EP_RESYNC_INTERVAL", "2s");
        return env;
    }

    public static OperatorHarness start(EmbeddedKafkaBroker broker) {
        return start(environment(broker));
    }

    public static OperatorHarness start(Map<String, String> env) {
        MockKubernetes kube = OperatorMockApi.start();
        return new OperatorHarness(
                kube,
                true,
                kube.newClient(OPERATOR_USER_AGENT),
                OperatorConfig.fromEnvironment(env),
                TopicCreationSteps.NONE,
                AdminFactory.KAFKA,
                true,
                o -> {});
    }

    /**
     * An operator against an existing API server (null: a mock of its own) whose topic creation
     * {@code steps} watches (a test crashes it there).
     */
    public static OperatorHarness replica(
            KubernetesApi kube, OperatorConfig config, TopicCreationSteps steps) {
        boolean owns = kube == null;
        KubernetesApi api = owns ? OperatorMockApi.start() : kube;
        return new OperatorHarness(
                api,
                owns,
                api.newClient(OPERATOR_USER_AGENT),
                config,
                steps,
                AdminFactory.KAFKA,
                true,
                o -> {});
    }

    /**
     * An operator replica against an existing API server whose Kafka Admin clients {@code kafka}
     * makes (a test records their requests).
     */
    public static OperatorHarness replica(
            KubernetesApi kube, OperatorConfig config, AdminFactory kafka) {
        return replica(kube, kube.newClient(OPERATOR_USER_AGENT), config, kafka, true);
    }

    /**
     * As {@link #replica(KubernetesApi, OperatorConfig, AdminFactory)}, with the production metrics
     * (a benchmark): reconciles are counted per controller, not per pipeline.
     */
    public static OperatorHarness productionReplica(
            KubernetesApi kube, OperatorConfig config, AdminFactory kafka) {
        return replica(kube, kube.newClient(OPERATOR_USER_AGENT), config, kafka, false);
    }

    /**
     * As {@link #productionReplica(KubernetesApi, OperatorConfig, AdminFactory)}, talking through
     * the given client (a benchmark names its threads); the harness closes it with the operator.
     */
    public static OperatorHarness productionReplica(
            KubernetesApi kube,
            KubernetesClient operatorClient,
            OperatorConfig config,
            AdminFactory kafka) {
        return replica(kube, operatorClient, config, kafka, false);
    }

    /** A replica on an existing API server that talks through {@code operatorClient}. */
    private static OperatorHarness replica(
            KubernetesApi kube,
            KubernetesClient operatorClient,
            OperatorConfig config,
            AdminFactory kafka,
            boolean perPipelineMetrics) {
        return new OperatorHarness(
                kube,
                false,
                operatorClient,
                config,
                TopicCreationSteps.NONE,
                kafka,
                perPipelineMetrics,
                o -> {});
    }

    /** Another operator replica against an existing API server (null: a mock of its own). */
    public static OperatorHarness replica(KubernetesApi kube, OperatorConfig config) {
        return replica(kube, config, TopicCreationSteps.NONE);
    }

    /**
     * An operator replica that talks through the given client (one acting as a ServiceAccount,
     * say); the harness closes it with the operator.
     */
    public static OperatorHarness replica(
            KubernetesApi kube, KubernetesClient operatorClient, OperatorConfig config) {
        return replica(kube, operatorClient, config, AdminFactory.KAFKA, true);
    }

    /** The operator's own client: its requests are the ones RBAC judges. */
    public KubernetesClient operatorClient() {
        return operatorClient;
    }

    /**
     * An operator against an existing API server that holds a reconcile where {@code hold} says
     * (standing in for JOSDK's metrics: this replica counts no reconciles).
     */
    public static OperatorHarness replica(
            KubernetesApi kube, OperatorConfig config, HeldReconcile hold) {
        return new OperatorHarness(
                kube,
                false,
                kube.newClient(OPERATOR_USER_AGENT),
                config,
                TopicCreationSteps.NONE,
                AdminFactory.KAFKA,
                true,
                o -> o.withMetrics(hold));
    }

    public KubernetesClient client() {
        return kube.client();
    }

    /** The API server; a test that counts requests gets them from here. */
    public KubernetesApi kube() {
        return kube;
    }

    /** The mock API server, for what only it can do (act as a namespace being deleted). */
    public MockKubernetes mock() {
        if (kube instanceof MockKubernetes mock) {
            return mock;
        }
        throw new IllegalStateException("not running against the mock API server");
    }

    public EventPipelineOperator operator() {
        return operator;
    }

    public SimpleMeterRegistry registry() {
        return registry;
    }

    /**
     * Creates the pipeline or replaces it, as {@code kubectl apply} would for these fields. The
     * replace carries the resource version just read; a real API server refuses it (409) when the
     * operator wrote in between, and then it is tried again.
     */
    public EventPipeline apply(String yaml) {
        EventPipeline pipeline =
                client().getKubernetesSerialization().unmarshal(yaml, EventPipeline.class);
        for (int attempt = 1; ; attempt++) {
            try {
                return client().resource(pipeline).createOr(r -> r.update());
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409 || attempt == WRITE_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    public EventPipeline get(String namespace, String name) {
        return client().resources(EventPipeline.class).inNamespace(namespace).withName(name).get();
    }

    public FlinkDeployment flinkDeployment(String namespace, String name) {
        return client().resources(FlinkDeployment.class)
                .inNamespace(namespace)
                .withName(name)
                .get();
    }

    /** Waits until the pipeline's status reports this phase for its current generation. */
    public EventPipeline awaitPhase(String namespace, String name, Phase phase) {
        return await().atMost(WAIT)
                .until(
                        () -> get(namespace, name),
                        p ->
                                p != null
                                        && p.getStatus() != null
                                        && p.getStatus().getPhase() == phase
                                        && p.getMetadata()
                                                .getGeneration()
                                                .equals(p.getStatus().getObservedGeneration()));
    }

    /** Applies a pipeline and plays the Flink operator until the pipeline reports Running. */
    public EventPipeline applyRunning(String yaml, String namespace, String name) {
        apply(yaml);
        reportJob(namespace, name, JobStatus.RUNNING);
        return awaitPhase(namespace, name, Phase.Running);
    }

    /**
     * Writes a status into the FlinkDeployment as the Flink operator would for a job in this state.
     * The write carries the resource version read, so an API server refuses it when the operator
     * wrote in between: then it reads again.
     */
    public void reportJob(String namespace, String name, JobStatus state) {
        FlinkDeployment deployment =
                await().atMost(WAIT).until(() -> flinkDeployment(namespace, name), d -> d != null);
        if (!new FlinkStatusWriter(client())
                .write(deployment, d -> FlinkStatusWriter.jobReported(d, state))) {
            throw new AssertionError("FlinkDeployment " + namespace + "/" + name + " is gone");
        }
    }

    /** Stops this replica's operator, keeping the API server for the others; once is enough. */
    public void closeOperatorOnly() {
        if (operatorClosed) {
            return;
        }
        operatorClosed = true;
        operator.close();
        operatorClient.close();
    }

    @Override
    public void close() {
        closeOperatorOnly();
        if (ownsKube) {
            kube.close();
        }
    }
}
