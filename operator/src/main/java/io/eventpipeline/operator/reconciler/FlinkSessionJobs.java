package io.eventpipeline.operator.reconciler;

import io.eventpipeline.operator.api.EventPipeline;
import io.eventpipeline.operator.api.JobSummary;
import io.eventpipeline.operator.children.OwnedFields;
import io.eventpipeline.operator.flink.FlinkSessionJobRenderer;
import io.eventpipeline.operator.flink.FlinkSessionJobState;
import io.eventpipeline.operator.flink.UpgradeReview;
import io.eventpipeline.operator.topics.TopicsOutcome;
import io.eventpipeline.spec.model.FlinkSpec;
import io.eventpipeline.spec.resolved.ResolvedPipeline;
import io.eventpipeline.spec.state.UpgradePlan;
import io.eventpipeline.spec.validation.InvalidPipelineException;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.IndexerResourceCache;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.net.HttpURLConnection;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.flink.kubernetes.operator.api.FlinkDeployment;
import org.apache.flink.kubernetes.operator.api.FlinkSessionJob;
import org.apache.flink.kubernetes.operator.api.spec.FlinkDeploymentSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A pipeline that runs as a FlinkSessionJob on a shared session cluster: its informer, whether the
 * pipeline may run so (its session cluster exists and is one; it does not switch modes), the
 * desired object ({@link FlinkSessionJobRenderer}) written only when it differs ({@link
 * OwnedFields}, as the FlinkDeployment), and stopping it on deletion. Everything else (topics,
 * status, Events, the finalizer) is the same as in a cluster of the pipeline's own.
 */
public class FlinkSessionJobs {
    private static final Logger LOG = LoggerFactory.getLogger(FlinkSessionJobs.class);
    private static final String SESSION_CLUSTER_INDEX = "eventpipeline.io/session-cluster";
    private static final Duration UNSEEN_RETRY = Duration.ofSeconds(5);

    static final String CONFLICT = "FlinkSessionJobConflict";

    private final KubernetesClient client;
    private final Optional<FlinkSessionJobRenderer> renderer;
    private final Optional<String> defaultCluster;
    private final StatusRecorder status;
    private volatile InformerEventSource<FlinkSessionJob, EventPipeline> informer;
    private volatile IndexerResourceCache<EventPipeline> pipelines;

    /**
     * @param renderer empty where the operator has no job jar for session jobs (the resolver then
     *     refuses every session pipeline)
     * @param defaultCluster the operator's default session cluster, which a pipeline naming none
     *     may run on
     */
    public FlinkSessionJobs(
            KubernetesClient client,
            Optional<FlinkSessionJobRenderer> renderer,
            Optional<String> defaultCluster,
            StatusRecorder status) {
        this.client = client;
        this.renderer = renderer;
        this.defaultCluster = defaultCluster;
        this.status = status;
    }

    /**
     * The FlinkSessionJob informer (mapped to the pipeline by owner reference), and an index of
     * pipelines by the session cluster they name or may run on (the default's appearance reconciles
     * those naming none; the ones in a cluster of their own only look again), which {@link
     * #pipelinesOn} reads.
     */
    InformerEventSource<FlinkSessionJob, EventPipeline> eventSource(
            EventSourceContext<EventPipeline> context) {
        pipelines = context.getPrimaryCache();
        pipelines.addIndexer(SESSION_CLUSTER_INDEX, this::indexKeys);
        informer =
                new InformerEventSource<>(
                        InformerEventSourceConfiguration.from(
                                        FlinkSessionJob.class, EventPipeline.class)
                                .build(),
                        context);
        return informer;
    }

    /** The pipelines that name the FlinkDeployment as their session cluster, or may run on it. */
    Set<ResourceID> pipelinesOn(FlinkDeployment deployment) {
        if (pipelines == null) {
            return Set.of();
        }
        return pipelines
                .byIndex(
                        SESSION_CLUSTER_INDEX,
                        key(
                                deployment.getMetadata().getNamespace(),
                                deployment.getMetadata().getName()))
                .stream()
                .map(ResourceID::fromResource)
                .collect(Collectors.toSet());
    }

    /** Whether the pipeline runs as a session job. */
    static boolean sessionMode(ResolvedPipeline resolved) {
        return FlinkSessionJobRenderer.sessionCluster(resolved) != null;
    }

    /**
     * Whether the pipeline may run in the mode its spec asks for ({@link JobModeRefusals}); empty
     * when it may, or when the informers cannot tell.
     */
    Optional<JobModeRefusals.Refusal> refusal(
            EventPipeline pipeline,
            ResolvedPipeline resolved,
            FlinkDeployments deployments,
            Context<EventPipeline> context) {
        return JobModeRefusals.refusal(
                pipeline,
                resolved,
                deployments.of(context),
                of(context),
                deployments,
                defaultCluster.isPresent());
    }

    /**
     * Writes the pipeline's FlinkSessionJob once its topics are ready, then reports, as {@code
     * FlinkDeployments.rollOut} and the status step do for a cluster of its own.
     */
    UpdateControl<EventPipeline> rollOut(
            EventPipeline pipeline,
            ResolvedPipeline resolved,
            TopicsOutcome topics,
            Context<EventPipeline> context) {
        Lookup lookup = of(context);
        if (!lookup.known()) {
            return UpdateControl.noUpdate();
        }
        FlinkSessionJob actual = lookup.job();
        Optional<JobUpgrade> upgrade = Optional.empty();
        if (topics.allReady()) {
            FlinkSessionJob desired =
                    renderer.orElseThrow()
                            .render(resolved, FlinkDeployments.ownerReference(pipeline));
            if (OwnedFields.differ(desired, actual)) {
                boolean creating = actual == null;
                upgrade = review(pipeline, actual, desired);
                try {
                    actual =
                            actual == null
                                    ? OwnedFields.create(client, informer, desired)
                                    : OwnedFields.edit(client, informer, desired, actual);
                } catch (KubernetesClientException e) {
                    if (actual != null || e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
                        throw e;
                    }
                    return alreadyCreated(pipeline, desired, context);
                }
                LOG.info(
                        "{} FlinkSessionJob {}/{} on session cluster {}",
                        creating ? "created" : "updated",
                        desired.getMetadata().getNamespace(),
                        desired.getMetadata().getName(),
                        desired.getSpec().getDeploymentName());
            }
        }
        JobSummary job = actual == null ? null : FlinkSessionJobState.summarize(actual);
        status.progressed(pipeline, topics, job, upgrade, context);
        return UpdateControl.noUpdate();
    }

    /**
     * The deletion-time part: deletes the pipeline's FlinkSessionJob (the Flink operator cancels
     * the job, with a savepoint in savepoint mode) and says whether it is gone.
     */
    FlinkDeployments.Stop stop(Context<EventPipeline> context) {
        Lookup lookup = of(context);
        if (!lookup.known()) {
            return FlinkDeployments.Stop.UNKNOWN;
        }
        if (lookup.found().isEmpty()) {
            return FlinkDeployments.Stop.GONE;
        }
        client.resource(lookup.job()).delete();
        return FlinkDeployments.Stop.STOPPING;
    }

    /** What the informer said of the pipeline's FlinkSessionJob. */
    record Lookup(boolean known, FlinkSessionJob job) {
        Optional<FlinkSessionJob> found() {
            return Optional.ofNullable(job);
        }
    }

    Lookup of(Context<EventPipeline> context) {
        Optional<FlinkSessionJob> found = context.getSecondaryResource(FlinkSessionJob.class);
        return new Lookup(informer.isRunning(), informer.isRunning() ? found.orElse(null) : null);
    }

    /**
     * A create refused because the name exists: another's FlinkSessionJob is never taken over; one
     * the informer has not shown yet is waited for.
     */
    private UpdateControl<EventPipeline> alreadyCreated(
            EventPipeline pipeline, FlinkSessionJob desired, Context<EventPipeline> context) {
        Optional<FlinkSessionJob> found = informer.get(ResourceID.fromResource(desired));
        if (found.isPresent() && !FlinkSessionJobState.controlledBy(found.get(), pipeline)) {
            status.jobRefused(
                    pipeline,
                    CONFLICT,
                    "FlinkSessionJob "
                            + desired.getMetadata().getName()
                            + " exists and is not this pipeline's; the operator never takes over"
                            + " another's: delete it or rename the pipeline",
                    context);
        }
        return UpdateControl.<EventPipeline>noUpdate().rescheduleAfter(UNSEEN_RETRY);
    }

    /** What the write does to the running job's state, judged as for a FlinkDeployment. */
    private static Optional<JobUpgrade> review(
            EventPipeline pipeline, FlinkSessionJob actual, FlinkSessionJob desired) {
        if (actual == null) {
            return Optional.empty();
        }
        try {
            Optional<UpgradePlan> plan =
                    UpgradeReview.of(asDeployment(actual), asDeployment(desired));
            return plan.map(p -> new JobUpgrade(p, "spec changed"));
        } catch (InvalidPipelineException e) {
            LOG.warn(
                    "{}/{}: the running session job's arguments do not hold a pipeline: {}",
                    pipeline.getMetadata().getNamespace(),
                    pipeline.getMetadata().getName(),
                    e.getMessage());
            return Optional.empty();
        }
    }

    /** UpgradeReview reads the job and its configuration, which both kinds carry alike. */
    private static FlinkDeployment asDeployment(FlinkSessionJob job) {
        FlinkDeploymentSpec spec = new FlinkDeploymentSpec();
        spec.setJob(job.getSpec().getJob());
        spec.setFlinkConfiguration(job.getSpec().getFlinkConfiguration());
        FlinkDeployment deployment = new FlinkDeployment();
        deployment.setMetadata(job.getMetadata());
        deployment.setSpec(spec);
        return deployment;
    }

    private List<String> indexKeys(EventPipeline pipeline) {
        FlinkSpec flink = pipeline.getSpec() == null ? null : pipeline.getSpec().getFlink();
        Optional<String> cluster =
                flink == null || flink.getSessionCluster() == null
                        ? defaultCluster
                        : Optional.of(flink.getSessionCluster());
        return cluster.map(name -> List.of(key(pipeline.getMetadata().getNamespace(), name)))
                .orElse(List.of());
    }

    private static String key(String namespace, String name) {
        return namespace + "/" + name;
    }
}
