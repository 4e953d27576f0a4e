package io.eventpipeline.operator.reconciler;

import io.eventpipeline.operator.api.EventPipeline;
import io.eventpipeline.operator.children.OwnedFields;
import io.eventpipeline.operator.credentials.ReferencedSecrets;
import io.eventpipeline.operator.flink.FlinkDeploymentRenderer;
import io.eventpipeline.operator.flink.FlinkDeploymentState;
import io.eventpipeline.operator.flink.KafkaCredentials;
import io.eventpipeline.operator.flink.UpgradeReview;
import io.eventpipeline.spec.resolved.ResolvedPipeline;
import io.eventpipeline.spec.state.UpgradePlan;
import io.eventpipeline.spec.validation.InvalidPipelineException;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.net.HttpURLConnection;
import java.util.Optional;
import org.apache.flink.kubernetes.operator.api.FlinkDeployment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A pipeline's FlinkDeployment, the one place that reads and writes it: its informer, the desired
 * object (rendered, controlled by the pipeline through an owner reference), whether it must be
 * written, create or edit, our own writes put into the informer's cache, and stopping the job on
 * deletion. Why this and not JOSDK's {@code KubernetesDependentResource}: DESIGN.md, "The
 * FlinkDeployment".
 *
 * <p><b>Stopping informers.</b> When the operator stops, JOSDK stops the informers before the
 * reconciles in flight have finished, and a stopped informer answers "absent" for every object.
 * Such an answer is no ground for creating a FlinkDeployment (the server refuses it: it exists) nor
 * for deleting topics whose job still runs, so a read made while the informer is stopped is {@link
 * Lookup#unknown()}: read first, then check, because stopping marks the informer stopped before it
 * forgets.
 */
public class FlinkDeployments {
    private static final Logger LOG = LoggerFactory.getLogger(FlinkDeployments.class);

    private final KubernetesClient client;
    private final FlinkDeploymentRenderer renderer;
    private final ReferencedSecrets secrets;
    private volatile InformerEventSource<FlinkDeployment, EventPipeline> informer;

    public FlinkDeployments(
            KubernetesClient client, FlinkDeploymentRenderer renderer, ReferencedSecrets secrets) {
        this.client = client;
        this.renderer = renderer;
        this.secrets = secrets;
    }

    /** What the informer said of a FlinkDeployment. */
    record Lookup(boolean known, FlinkDeployment deployment) {
        private static final Lookup UNKNOWN = new Lookup(false, null);

        /** The informer was stopped: the operator is stopping; decide nothing from this. */
        static Lookup unknown() {
            return UNKNOWN;
        }

        Optional<FlinkDeployment> found() {
            return Optional.ofNullable(deployment);
        }
    }

    /**
     * @param deployment the FlinkDeployment as it is after the rollout (null: none)
     * @param upgrade what the change does to the running job's state, and why it restarts; empty
     *     when no job changed
     * @param seen false when the FlinkDeployment exists on the server but not yet in the informer's
     *     cache, so that nothing can be reported about it until the watch delivers it
     */
    record Rollout(FlinkDeployment deployment, Optional<JobUpgrade> upgrade, boolean seen) {
        static Rollout unchanged(FlinkDeployment deployment) {
            return new Rollout(deployment, Optional.empty(), true);
        }

        static Rollout notSeenYet() {
            return new Rollout(null, Optional.empty(), false);
        }
    }

    /** Where deleting the pipeline's job stands. */
    enum Stop {
        /** The operator is stopping: the job may still run; decide nothing. */
        UNKNOWN,
        /** The FlinkDeployment is being deleted (the Flink operator takes its last savepoint). */
        STOPPING,
        GONE
    }

    /**
     * The informer the reconciler registers: FlinkDeployments mapped to their pipeline by owner
     * reference, so each change of one (its status) reconciles the pipeline; a session cluster's
     * change reconciles the pipelines that name it ({@link FlinkSessionJobs#pipelinesOn}).
     */
    InformerEventSource<FlinkDeployment, EventPipeline> eventSource(
            EventSourceContext<EventPipeline> context, FlinkSessionJobs sessionJobs) {
        informer =
                new SessionClusterAwareInformer(
                        InformerEventSourceConfiguration.from(
                                        FlinkDeployment.class, EventPipeline.class)
                                .build(),
                        context,
                        sessionJobs::pipelinesOn);
        return informer;
    }

    /**
     * Any FlinkDeployment of the watched namespaces by name (a session cluster), if the informer
     * can tell.
     */
    Lookup named(String namespace, String name) {
        Optional<FlinkDeployment> found = informer.get(new ResourceID(name, namespace));
        return informer.isRunning() ? new Lookup(true, found.orElse(null)) : Lookup.unknown();
    }

    /** The most parallel tasks the pipeline's job may run (see the renderer). */
    int highestParallelism(ResolvedPipeline resolved) {
        return renderer.highestParallelism(resolved);
    }

    /** The reconciled pipeline's FlinkDeployment, if the informer can tell. */
    Lookup of(Context<EventPipeline> context) {
        Optional<FlinkDeployment> found = context.getSecondaryResource(FlinkDeployment.class);
        return informer.isRunning() ? new Lookup(true, found.orElse(null)) : Lookup.unknown();
    }

    /**
     * Brings the pipeline's FlinkDeployment to the one rendered from {@code resolved}, writing only
     * when it differs in what the operator owns. An existing one is edited, not replaced, so that
     * what others keep on it (the Flink operator's finalizer, annotations and status) stays.
     *
     * @param actual the FlinkDeployment as {@link #of} found it (null: none)
     */
    Rollout rollOut(EventPipeline pipeline, ResolvedPipeline resolved, FlinkDeployment actual) {
        Optional<KafkaCredentials> credentials = secrets.credentials(pipeline, resolved);
        FlinkDeployment desired = renderer.render(resolved, ownerReference(pipeline), credentials);
        return rollOut(pipeline, desired, actual, credentials);
    }

    private Rollout rollOut(
            EventPipeline pipeline,
            FlinkDeployment desired,
            FlinkDeployment actual,
            Optional<KafkaCredentials> credentials) {
        if (!needsWrite(desired, actual)) {
            return Rollout.unchanged(actual);
        }
        Optional<JobUpgrade> plan =
                review(pipeline, actual, desired)
                        .map(
                                p ->
                                        new JobUpgrade(
                                                p,
                                                UpgradeReview.reason(
                                                        actual, desired, credentials)));
        FlinkDeployment written;
        try {
            written = write(desired, actual);
        } catch (KubernetesClientException e) {
            if (actual != null || e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
                throw e;
            }
            return alreadyCreated(pipeline, desired, credentials);
        }
        LOG.info(
                "{} FlinkDeployment {}/{}",
                actual == null ? "created" : "updated",
                desired.getMetadata().getNamespace(),
                desired.getMetadata().getName());
        return new Rollout(written, plan, true);
    }

    /**
     * The deletion-time part: deletes the pipeline's FlinkDeployment (the job stops before its
     * topics can go) and says whether it is gone.
     */
    Stop stop(Context<EventPipeline> context) {
        Lookup lookup = of(context);
        if (!lookup.known()) {
            return Stop.UNKNOWN;
        }
        if (lookup.found().isEmpty()) {
            return Stop.GONE;
        }
        client.resource(lookup.deployment()).delete();
        return Stop.STOPPING;
    }

    /**
     * The server refused the create: a FlinkDeployment of that name exists that the informer did
     * not show among the pipeline's. If the informer knows it by name and it is the pipeline's, it
     * is brought to the desired one as any existing FlinkDeployment is. If the informer does not
     * know it yet (another replica wrote it moments ago, or the watch lags), the pipeline waits for
     * the watch to deliver it: not an error, and nothing is reported from a guess. Someone else's
     * FlinkDeployment under that name is an error: it is never taken over.
     */
    private Rollout alreadyCreated(
            EventPipeline pipeline,
            FlinkDeployment desired,
            Optional<KafkaCredentials> credentials) {
        String namespace = desired.getMetadata().getNamespace();
        String name = desired.getMetadata().getName();
        Optional<FlinkDeployment> found = informer.get(new ResourceID(name, namespace));
        if (!informer.isRunning() || found.isEmpty()) {
            LOG.info(
                    "{}/{}: the FlinkDeployment exists but is not in the informer's cache yet;"
                            + " reconciling again once it is",
                    namespace,
                    name);
            return Rollout.notSeenYet();
        }
        if (!FlinkDeploymentState.controlledBy(found.get(), pipeline)) {
            throw new ForeignFlinkDeploymentException(
                    "FlinkDeployment "
                            + namespace
                            + "/"
                            + name
                            + " exists and is not this pipeline's (its controller: "
                            + FlinkDeploymentState.controller(found.get())
                            + "); the operator never takes over another's FlinkDeployment:"
                            + " delete it or rename the pipeline");
        }
        return rollOut(pipeline, desired, found.get(), credentials);
    }

    /**
     * Creates or edits (never replaces: what others keep on it stays), through the informer as
     * every owned write goes ({@link OwnedFields}).
     */
    private FlinkDeployment write(FlinkDeployment desired, FlinkDeployment actual) {
        return actual == null
                ? OwnedFields.create(client, informer, desired)
                : OwnedFields.edit(client, informer, desired, actual);
    }

    /** Whether the cluster's object differs in what the operator owns ({@link OwnedFields}). */
    static boolean needsWrite(FlinkDeployment desired, FlinkDeployment actual) {
        return OwnedFields.differ(desired, actual);
    }

    /**
     * The pipeline as its FlinkDeployment's controller: Kubernetes' garbage collector deletes the
     * FlinkDeployment with the pipeline, so a pipeline without the finalizer needs no operator.
     */
    static OwnerReference ownerReference(EventPipeline pipeline) {
        return new OwnerReferenceBuilder()
                .withApiVersion(pipeline.getApiVersion())
                .withKind(pipeline.getKind())
                .withName(pipeline.getMetadata().getName())
                .withUid(pipeline.getMetadata().getUid())
                .withController(true)
                .withBlockOwnerDeletion(true)
                .build();
    }

    private static Optional<UpgradePlan> review(
            EventPipeline pipeline, FlinkDeployment actual, FlinkDeployment desired) {
        try {
            return UpgradeReview.of(actual, desired);
        } catch (InvalidPipelineException e) {
            // Someone else's edit of the running job's arguments: the upgrade goes ahead, unjudged.
            LOG.warn(
                    "{}/{}: the running job's arguments do not hold a pipeline: {}",
                    pipeline.getMetadata().getNamespace(),
                    pipeline.getMetadata().getName(),
                    e.getMessage());
            return Optional.empty();
        }
    }
}
