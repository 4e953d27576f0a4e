package io.eventpipeline.operator.testing;

import static org.awaitility.Awaitility.await;

import io.eventpipeline.kafka.embedded.EmbeddedKafkaBroker;
import io.eventpipeline.operator.EventPipelineOperator;
import io.eventpipeline.operator.api.EventPipeline;
import io.eventpipeline.operator.api.Phase;
import io.eventpipeline.operator.config.OperatorConfig;
import io.eventpipeline.operator.topics.TopicCreationSteps;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.config.ConfigurationServiceOverrider;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.kubernetes.operator.api.FlinkDeployment;
import org.apache.flink.kubernetes.operator.api.status.FlinkDeploymentStatus;
import org.apache.flink.kubernetes.operator.api.status.ReconciliationState;

/**
 * The operator, started through the production wiring, against the mock API server and a real Kafka
 * broker. Only what the mock cannot do differs: status is patched without server-side apply.
 *
 * <p>The operator talks through a client of its own (as in production), identified by {@link
 * #OPERATOR_USER_AGENT}, so the API calls it makes can be told from the test's.
 */
public final class OperatorHarness implements AutoCloseable {
    public static final String SAVEPOINT_DIR = "s3://flink-state/savepoints";
    public static final String CHECKPOINT_DIR = "s3://flink-state/checkpoints";
    public static final Duration WAIT = Duration.ofSeconds(60);
    public static final String OPERATOR_USER_AGENT = "eventpipeline-operator-under-test";

    private final MockKubernetes kube;
    private final boolean ownsKube;
    private final KubernetesClient operatorClient;
    private final EventPipelineOperator operator;
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private boolean operatorClosed;

    private OperatorHarness(MockKubernetes kube, OperatorConfig config) {
        this(kube, config, TopicCreationSteps.NONE);
    }

    private OperatorHarness(MockKubernetes kube, OperatorConfig config, TopicCreationSteps steps) {
        this(kube, config, steps, o -> {});
    }

    /**
     * @param more applied after the harness's own changes to JOSDK's configuration
     */
    private OperatorHarness(
            MockKubernetes kube,
            OperatorConfig config,
            TopicCreationSteps steps,
            Consumer<ConfigurationServiceOverrider> more) {
        this.ownsKube = kube == null;
        this.kube = ownsKube ? new MockKubernetes() : kube;
        operatorClient = this.kube.newClient(OPERATOR_USER_AGENT);
        operator =
                EventPipelineOperator.start(
                        config,
                        operatorClient,
                        registry,
                        Clock.systemUTC(),
                        o -> {
                            o.withUseSSAToPatchPrimaryResource(false)
                                    // JOSDK's default ends the JVM when an informer dies.
                                    .withInformerStoppedHandler((informer, error) -> {});
                            if (steps != TopicCreationSteps.NONE) {
                                // A reconcile held at a step is interrupted at once on stop.
                                o.withReconciliationTerminationTimeout(Duration.ofMillis(100));
                            }
                            more.accept(o);
                        },
                        steps);
    }

    /** The environment the operator reads, pointing at the test broker. */
    public static Map<String, String> environment(EmbeddedKafkaBroker broker) {
        Map<String, String> env = new HashMap<>();
        env.put("EP_KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers());
        env.put("EP_SAVEPOINT_DIR", SAVEPOINT_DIR);
        env.put("EP_CHECKPOINT_DIR", CHECKPOINT_DIR);
        env.put("EP_KAFKA_ADMIN_TIMEOUT", "3s");
        // Short, so drift and recovery show within a test; at rest it must still write nothing.
        env.put("EP_RESYNC_INTERVAL", "2s");
        return env;
    }

    public static OperatorHarness start(EmbeddedKafkaBroker broker) {
        return start(environment(broker));
    }

    public static OperatorHarness start(Map<String, String> env) {
        return new OperatorHarness(null, OperatorConfig.fromEnvironment(env));
    }

    /**
     * An operator against an existing API server whose topic creation {@code steps} watches (a test
     * crashes it there).
     */
    public static OperatorHarness replica(
            MockKubernetes kube, OperatorConfig config, TopicCreationSteps steps) {
        return new OperatorHarness(kube, config, steps);
    }

    /**
     * An operator against an existing API server that holds a reconcile where {@code hold} says
     * (standing in for JOSDK's metrics: this replica counts no reconciles).
     */
    public static OperatorHarness replica(
            MockKubernetes kube, OperatorConfig config, HeldReconcile hold) {
        return new OperatorHarness(kube, config, TopicCreationSteps.NONE, o -> o.withMetrics(hold));
    }

    /** Another operator replica against an existing harness's API server. */
    public static OperatorHarness replica(MockKubernetes kube, OperatorConfig config) {
        return new OperatorHarness(kube, config);
    }

    public KubernetesClient client() {
        return kube.client();
    }

    public MockKubernetes kube() {
        return kube;
    }

    public EventPipelineOperator operator() {
        return operator;
    }

    public SimpleMeterRegistry registry() {
        return registry;
    }

    public EventPipeline apply(String yaml) {
        EventPipeline pipeline =
                client().getKubernetesSerialization().unmarshal(yaml, EventPipeline.class);
        return client().resource(pipeline).createOr(r -> r.update());
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

    /** Writes a status into the FlinkDeployment as the Flink operator would for a running job. */
    public void reportJob(String namespace, String name, JobStatus state) {
        FlinkDeployment deployment =
                await().atMost(WAIT).until(() -> flinkDeployment(namespace, name), d -> d != null);
        FlinkDeploymentStatus status = new FlinkDeploymentStatus();
        status.getJobStatus().setState(state);
        status.getJobStatus().setJobId("00000000000000000000000000000001");
        status.getReconciliationStatus().setState(ReconciliationState.DEPLOYED);
        // As the Flink operator does once it has rolled out the spec.
        status.setObservedGeneration(deployment.getMetadata().getGeneration());
        deployment.setStatus(status);
        client().resource(deployment).updateStatus();
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
