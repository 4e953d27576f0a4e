package io.eventpipeline.operator.reconciler;

import io.eventpipeline.operator.api.EventPipeline;
import io.eventpipeline.operator.api.EventPipelineStatus;
import io.eventpipeline.operator.api.JobSummary;
import io.eventpipeline.operator.api.Phase;
import io.eventpipeline.operator.api.StatusCondition;
import io.eventpipeline.operator.api.UpgradeSummary;
import io.eventpipeline.operator.flink.FlinkDeploymentRenderer;
import io.eventpipeline.operator.flink.FlinkDeploymentState;
import io.eventpipeline.operator.metrics.PipelineMetrics;
import io.eventpipeline.operator.status.ConditionType;
import io.eventpipeline.operator.status.StatusCalculator;
import io.eventpipeline.operator.topics.CreatedTopics;
import io.eventpipeline.operator.topics.KafkaAdmins;
import io.eventpipeline.operator.topics.KafkaCluster;
import io.eventpipeline.operator.topics.KafkaClusterResolver;
import io.eventpipeline.operator.topics.PipelineTopicOwnership;
import io.eventpipeline.operator.topics.TopicFailure;
import io.eventpipeline.operator.topics.TopicOperationException;
import io.eventpipeline.operator.topics.TopicPlan;
import io.eventpipeline.operator.topics.TopicReconciler;
import io.eventpipeline.operator.topics.TopicsOutcome;
import io.eventpipeline.spec.PipelineJson;
import io.eventpipeline.spec.resolved.ResolvedPipeline;
import io.eventpipeline.spec.validation.InvalidPipelineException;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.PrimaryUpdateAndCacheUtils;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apache.flink.kubernetes.operator.api.FlinkDeployment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reconciles one EventPipeline: validate, provision topics, write the FlinkDeployment, report. The
 * work is delegated; this class decides the order and writes the status, once, only when it
 * changed. It sees every event, deletions included, because the finalizer is not on every pipeline
 * (see {@link PipelineDeletion}).
 */
@ControllerConfiguration(triggerReconcilerOnAllEvents = true)
public class EventPipelineReconciler implements Reconciler<EventPipeline> {
    private static final Logger LOG = LoggerFactory.getLogger(EventPipelineReconciler.class);
    private static final Duration UNSEEN_RETRY = Duration.ofSeconds(5);

    private final PipelineResolver resolver;
    private final KafkaClusterResolver clusters;
    private final KafkaAdmins admins;
    private final TopicReconciler topics;
    private final FlinkDeploymentRenderer renderer;
    private final JobRollout rollouts;
    private final StatusCalculator statuses;
    private final PipelineEvents events;
    private final PipelineMetrics metrics;
    private final CreatedTopics created;
    private final PipelineDeletion deletion;
    private final NamespaceTermination termination = new NamespaceTermination();

    public EventPipelineReconciler(
            PipelineResolver resolver,
            KafkaClusterResolver clusters,
            KafkaAdmins admins,
            TopicReconciler topics,
            FlinkDeploymentRenderer renderer,
            FlinkDeploymentWriter writer,
            StatusCalculator statuses,
            PipelineEvents events,
            PipelineMetrics metrics,
            CreatedTopics created,
            PipelineDeletion deletion) {
        this.resolver = resolver;
        this.clusters = clusters;
        this.admins = admins;
        this.topics = topics;
        this.renderer = renderer;
        this.rollouts = new JobRollout(writer, events);
        this.statuses = statuses;
        this.events = events;
        this.metrics = metrics;
        this.created = created;
        this.deletion = deletion;
    }

    @Override
    public List<EventSource<?, EventPipeline>> prepareEventSources(
            EventSourceContext<EventPipeline> context) {
        // The FlinkDeployment's status drives ours: each of its changes triggers a reconcile.
        var config =
                InformerEventSourceConfiguration.from(FlinkDeployment.class, EventPipeline.class)
                        .build();
        return List.of(new InformerEventSource<>(config, context));
    }

    @Override
    public UpdateControl<EventPipeline> reconcile(
            EventPipeline observed, Context<EventPipeline> context) {
        if (context.isPrimaryResourceDeleted()) {
            deletion.forget(observed);
            termination.forget(observed);
            return UpdateControl.noUpdate();
        }
        if (observed.isMarkedForDeletion()) {
            return deletion.finish(observed, context);
        }
        EventPipeline pipeline = deletion.keepFinalizerFor(observed, context);
        ResolvedPipeline resolved;
        try {
            resolved = resolver.resolve(pipeline);
        } catch (InvalidPipelineException e) {
            EventPipelineStatus next = statuses.invalid(pipeline, e.problems());
            if (!sameSpecMessage(pipeline.getStatus(), next)) {
                events.warning(pipeline, "SpecInvalid", e.getMessage());
            }
            return write(pipeline, next, context);
        }

        KafkaCluster cluster = clusters.resolve(resolved);
        TopicsOutcome topicOutcome;
        PipelineTopicOwnership ownership = created.ownership(pipeline, context);
        try (KafkaAdmins.Use admin = admins.use(cluster)) {
            topicOutcome = topics.reconcile(TopicPlan.of(resolved), admin.admin(), ownership);
            // Claims written before creating topics changed the pipeline on the server.
            pipeline = ownership.pipeline();
        } catch (TopicOperationException e) {
            if (e.failure() == TopicFailure.AuthenticationFailed) {
                admins.discard(cluster);
            }
            throw e;
        }

        FlinkDeploymentCache.Lookup lookup = FlinkDeploymentCache.ofPipeline(context);
        if (!lookup.known()) {
            LOG.debug("{}: the operator is stopping; left for its successor", name(pipeline));
            return UpdateControl.noUpdate();
        }
        FlinkDeployment deployment = lookup.deployment();
        Optional<UpgradeSummary> upgrade = Optional.empty();
        if (topicOutcome.allReady()) {
            FlinkDeployment desired = renderer.render(resolved, ownerReference(pipeline));
            JobRollout.Result rollout = rollouts.apply(pipeline, desired, deployment, context);
            if (!rollout.seen()) {
                // Its ADD event reconciles the pipeline again; the delay is only a safety net.
                return UpdateControl.<EventPipeline>noUpdate().rescheduleAfter(UNSEEN_RETRY);
            }
            deployment = rollout.deployment();
            upgrade = rollout.upgrade();
        }
        JobSummary job = deployment == null ? null : FlinkDeploymentState.summarize(deployment);
        EventPipelineStatus next = statuses.progressed(pipeline, topicOutcome, job);
        upgrade.ifPresent(next::setLastUpgrade);
        return write(pipeline, next, context);
    }

    /**
     * Kafka failures land here after the reconcile threw: report them, then retry with backoff. A
     * namespace being deleted refuses the FlinkDeployment: expected, not retried, said once.
     */
    @Override
    public ErrorStatusUpdateControl<EventPipeline> updateErrorStatus(
            EventPipeline pipeline, Context<EventPipeline> context, Exception e) {
        if (NamespaceTermination.causedBy(e)) {
            termination.report(pipeline);
            return ErrorStatusUpdateControl.<EventPipeline>noStatusUpdate().withNoRetry();
        }
        TopicOperationException failure = topicFailureIn(e);
        if (failure == null) {
            LOG.warn("reconcile of {} failed", name(pipeline), e);
            return ErrorStatusUpdateControl.noStatusUpdate();
        }
        LOG.info("{}: {}", name(pipeline), failure.getMessage());
        EventPipelineStatus next = statuses.topicsFailed(pipeline, failure);
        if (!Objects.equals(reason(pipeline.getStatus()), reason(next))) {
            events.warning(pipeline, failure.failure().name(), failure.getMessage());
        }
        metrics.observe(pipeline, next.getPhase());
        if (sameStatus(pipeline.getStatus(), next)) {
            return ErrorStatusUpdateControl.noStatusUpdate();
        }
        patchStatus(pipeline, next, context);
        return ErrorStatusUpdateControl.noStatusUpdate();
    }

    private UpdateControl<EventPipeline> write(
            EventPipeline pipeline, EventPipelineStatus next, Context<EventPipeline> context) {
        Phase previous = pipeline.getStatus() == null ? null : pipeline.getStatus().getPhase();
        if (previous != next.getPhase()) {
            events.normal(pipeline, "Phase" + next.getPhase(), "pipeline is " + next.getPhase());
        }
        metrics.observe(pipeline, next.getPhase());
        if (!sameStatus(pipeline.getStatus(), next)) {
            patchStatus(pipeline, next, context);
        }
        return UpdateControl.noUpdate();
    }

    /**
     * Writes the status and puts the result into the informer cache, so that the next reconcile
     * sees this write even if the watch has not delivered it yet: a reconcile of a stale pipeline
     * would otherwise write its old status and phase Event again.
     */
    private static void patchStatus(
            EventPipeline pipeline, EventPipelineStatus next, Context<EventPipeline> context) {
        if (context.getControllerConfiguration()
                .getConfigurationService()
                .useSSAToPatchPrimaryResource()) {
            EventPipeline fresh = new EventPipeline();
            fresh.setMetadata(
                    new ObjectMetaBuilder()
                            .withName(pipeline.getMetadata().getName())
                            .withNamespace(pipeline.getMetadata().getNamespace())
                            .build());
            fresh.setStatus(next);
            PrimaryUpdateAndCacheUtils.ssaPatchStatusAndCacheResource(pipeline, fresh, context);
        } else {
            PrimaryUpdateAndCacheUtils.patchStatusAndCacheResource(
                    pipeline,
                    context,
                    current -> {
                        current.setStatus(next);
                        return current;
                    });
        }
    }

    /** JOSDK's metrics wrap what reconcile threw; the cause says what happened. */
    private static TopicOperationException topicFailureIn(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof TopicOperationException failure) {
                return failure;
            }
        }
        return null;
    }

    private static OwnerReference ownerReference(EventPipeline pipeline) {
        return new OwnerReferenceBuilder()
                .withApiVersion(pipeline.getApiVersion())
                .withKind(pipeline.getKind())
                .withName(pipeline.getMetadata().getName())
                .withUid(pipeline.getMetadata().getUid())
                .withController(true)
                .withBlockOwnerDeletion(true)
                .build();
    }

    private static boolean sameStatus(EventPipelineStatus current, EventPipelineStatus next) {
        return current != null
                && PipelineJson.json()
                        .valueToTree(current)
                        .equals(PipelineJson.json().valueToTree(next));
    }

    /** Whether the SpecValid verdict and its message are unchanged (one Warning per change). */
    private static boolean sameSpecMessage(EventPipelineStatus current, EventPipelineStatus next) {
        return Objects.equals(
                condition(current, ConditionType.SpecValid)
                        .map(c -> c.getStatus() + c.getMessage()),
                condition(next, ConditionType.SpecValid).map(c -> c.getStatus() + c.getMessage()));
    }

    private static Optional<String> reason(EventPipelineStatus status) {
        return condition(status, ConditionType.TopicsReady).map(StatusCondition::getReason);
    }

    private static Optional<StatusCondition> condition(
            EventPipelineStatus status, ConditionType type) {
        if (status == null) {
            return Optional.empty();
        }
        return status.getConditions().stream()
                .filter(c -> type.name().equals(c.getType()))
                .findFirst();
    }

    private static String name(EventPipeline pipeline) {
        return pipeline.getMetadata().getNamespace() + "/" + pipeline.getMetadata().getName();
    }
}
