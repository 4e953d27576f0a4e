package io.eventpipeline.operator;

import io.eventpipeline.operator.config.OperatorConfig;
import io.eventpipeline.operator.credentials.ReferencedSecrets;
import io.eventpipeline.operator.flink.FlinkDeploymentRenderer;
import io.eventpipeline.operator.flink.FlinkSessionJobRenderer;
import io.eventpipeline.operator.metrics.PipelineMetrics;
import io.eventpipeline.operator.reconciler.EventPipelineReconciler;
import io.eventpipeline.operator.reconciler.FlinkDeployments;
import io.eventpipeline.operator.reconciler.FlinkSessionJobs;
import io.eventpipeline.operator.reconciler.PipelineDeletion;
import io.eventpipeline.operator.reconciler.PipelineEvents;
import io.eventpipeline.operator.reconciler.PipelineResolver;
import io.eventpipeline.operator.reconciler.StatusRecorder;
import io.eventpipeline.operator.status.StatusCalculator;
import io.eventpipeline.operator.strimzi.StrimziAvailability;
import io.eventpipeline.operator.strimzi.StrimziTopics;
import io.eventpipeline.operator.topics.AdminFactory;
import io.eventpipeline.operator.topics.CreatedTopics;
import io.eventpipeline.operator.topics.KafkaAdmins;
import io.eventpipeline.operator.topics.KafkaClusterResolver;
import io.eventpipeline.operator.topics.PipelineTopics;
import io.eventpipeline.operator.topics.TopicCreationSteps;
import io.eventpipeline.operator.topics.TopicReconciler;
import io.eventpipeline.spec.validation.PipelineValidator;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.ConfigurationServiceOverrider;
import io.javaoperatorsdk.operator.monitoring.micrometer.MicrometerMetrics;
import io.javaoperatorsdk.operator.processing.retry.GenericRetry;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * The operator, wired by hand: every collaborator is built here from the configuration and handed
 * to the reconciler. {@code main}, the tests and the sandbox all start the operator through this
 * class, so they run the same code path.
 */
public final class EventPipelineOperator implements AutoCloseable {
    private final Operator operator;
    private final KafkaAdmins admins;
    private final KubernetesClient client;
    private final LeaderLease lease;

    private EventPipelineOperator(
            Operator operator, KafkaAdmins admins, KubernetesClient client, LeaderLease lease) {
        this.operator = operator;
        this.admins = admins;
        this.client = client;
        this.lease = lease;
    }

    /**
     * What a caller may choose of the operator's collaborators.
     *
     * @param resolver validates and resolves pipelines; the admission webhook shares it, so a spec
     *     it admitted is not compiled again when it is reconciled
     * @param steps told each step of creating topics (tests stop the operator there as a crash
     *     would)
     * @param kafka makes the Kafka Admin clients (benchmarks count their requests)
     */
    public record Parts(PipelineResolver resolver, TopicCreationSteps steps, AdminFactory kafka) {
        /** What production runs with. */
        public static Parts of(OperatorConfig config) {
            return new Parts(
                    new PipelineResolver(config, new PipelineValidator()),
                    TopicCreationSteps.NONE,
                    AdminFactory.KAFKA);
        }

        public Parts withSteps(TopicCreationSteps steps) {
            return new Parts(resolver, steps, kafka);
        }

        public Parts withKafka(AdminFactory kafka) {
            return new Parts(resolver, steps, kafka);
        }
    }

    /**
     * JOSDK's metrics with meters per pipeline besides those per controller (tests count a
     * pipeline's reconciles with them); dropped 5 minutes after the pipeline is.
     */
    public static MicrometerMetrics perPipelineMetrics(MeterRegistry registry) {
        return MicrometerMetrics.newPerResourceCollectingMicrometerMetricsBuilder(registry)
                .withCleanUpDelayInSeconds(300)
                .withCleaningThreadNumber(1)
                .build();
    }

    /**
     * Builds and starts the operator with the parts production runs with.
     *
     * @param overrides applied last to JOSDK's configuration (tests turn off server-side apply,
     *     which the mock API server does not speak)
     */
    public static EventPipelineOperator start(
            OperatorConfig config,
            KubernetesClient client,
            MeterRegistry registry,
            Clock clock,
            Consumer<ConfigurationServiceOverrider> overrides) {
        return start(config, client, registry, clock, overrides, Parts.of(config));
    }

    /** As above, with {@code parts}. */
    public static EventPipelineOperator start(
            OperatorConfig config,
            KubernetesClient client,
            MeterRegistry registry,
            Clock clock,
            Consumer<ConfigurationServiceOverrider> overrides,
            Parts parts) {
        PipelineResolver resolver = parts.resolver();
        KafkaAdmins admins =
                new KafkaAdmins(
                        config.kafkaAdminTimeout(), parts.kafka(), clock, KafkaAdmins.IDLE_AFTER);
        StrimziTopics kafkaTopics = new StrimziTopics(client, StrimziAvailability.detect(client));
        PipelineTopics topics =
                new PipelineTopics(
                        new KafkaClusterResolver(client),
                        admins,
                        new TopicReconciler(parts.steps()),
                        new CreatedTopics(),
                        kafkaTopics);
        ReferencedSecrets secrets = new ReferencedSecrets(client);
        FlinkDeployments deployments =
                new FlinkDeployments(
                        client, new FlinkDeploymentRenderer(config.jobDefaults()), secrets);
        PipelineEvents events = new PipelineEvents(client, clock);
        StatusRecorder status =
                new StatusRecorder(
                        new StatusCalculator(clock), events, new PipelineMetrics(registry));
        FlinkSessionJobs sessionJobs =
                new FlinkSessionJobs(
                        client,
                        config.sessionJobs()
                                .jarUri()
                                .map(
                                        uri ->
                                                new FlinkSessionJobRenderer(
                                                        new FlinkDeploymentRenderer(
                                                                config.jobDefaults()),
                                                        uri)),
                        config.sessionJobs().defaultCluster(),
                        status);
        EventPipelineReconciler reconciler =
                new EventPipelineReconciler(
                        resolver,
                        topics,
                        deployments,
                        status,
                        new PipelineDeletion(
                                resolver, topics, deployments, sessionJobs, events, status),
                        secrets,
                        kafkaTopics,
                        sessionJobs);

        LeaderLease lease =
                config.leaderElection() == null ? null : new LeaderLease(config.leaderElection());
        Operator operator =
                new Operator(
                        o -> {
                            o.withKubernetesClient(client);
                            // The client belongs to the caller (main, a test, the sandbox).
                            o.withCloseClientOnStop(false);
                            // Per controller, not per pipeline: JOSDK's per-resource meters
                            // were 8 a pipeline (80,000 at N = 10,000), each a Prometheus
                            // series; PipelineMetrics has the per-pipeline phase and readiness.
                            o.withMetrics(MicrometerMetrics.withoutPerResourceMetrics(registry));
                            o.withReconciliationTerminationTimeout(Duration.ofSeconds(10));
                            if (lease != null) {
                                o.withLeaderElectionConfiguration(lease.josdkConfiguration());
                            }
                            overrides.accept(o);
                        });
        operator.register(
                reconciler,
                c -> {
                    if (!config.watchNamespaces().isEmpty()) {
                        c.settingNamespaces(new HashSet<>(config.watchNamespaces()));
                    }
                    // Kafka outages are retried for as long as they last, backing off to a minute.
                    // Topic drift is not an event Kubernetes delivers: look again periodically.
                    c.withReconciliationMaxInterval(config.resyncInterval());
                    c.withRetry(
                            new GenericRetry()
                                    .setInitialInterval(1000)
                                    .setIntervalMultiplier(2)
                                    .setMaxInterval(60_000)
                                    .withoutMaxAttempts());
                });
        operator.start();
        return new EventPipelineOperator(operator, admins, client, lease);
    }

    /** Started, and every informer is connected and synced. */
    public boolean isReady() {
        return operator.getRuntimeInfo().isStarted()
                && operator.getRuntimeInfo().allEventSourcesAreHealthy();
    }

    public boolean isLive() {
        return operator.getRuntimeInfo().isStarted();
    }

    /**
     * Completes when another replica took the leader lease while this one was running; never
     * without leader election, nor through {@link #close()}. The caller decides what a loss means
     * ({@code main} exits, so that Kubernetes restarts the replica as a follower).
     */
    public CompletionStage<Void> leadershipLost() {
        return lease == null
                ? new CompletableFuture<Void>().minimalCompletionStage()
                : lease.lost();
    }

    /**
     * Stops reconciling and, when this replica leads, releases the lease, so that a follower takes
     * over within its retry period rather than when the lease expires.
     */
    @Override
    public void close() {
        if (lease != null) {
            lease.stopping();
        }
        operator.stop();
        if (lease != null) {
            lease.release(client);
        }
        admins.close();
    }
}
