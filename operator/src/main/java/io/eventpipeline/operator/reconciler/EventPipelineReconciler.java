package io.eventpipeline.operator.reconciler;

import io.eventpipeline.operator.api.EventPipeline;
import io.eventpipeline.operator.credentials.ReferencedSecrets;
import io.eventpipeline.operator.strimzi.StrimziTopics;
import io.eventpipeline.operator.topics.PipelineTopics;
import io.eventpipeline.operator.topics.TopicOperationException;
import io.eventpipeline.operator.topics.TopicsOutcome;
import io.eventpipeline.spec.resolved.ResolvedPipeline;
import io.eventpipeline.spec.validation.InvalidPipelineException;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.flink.kubernetes.operator.api.FlinkDeployment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reconciles one EventPipeline: validate, provision topics, write the FlinkDeployment, report. This
 * class decides the order; the work is delegated, the status and Events to {@link StatusRecorder}.
 * It sees every event, deletions included, because the finalizer is not on every pipeline (see
 * {@link PipelineDeletion}).
 */
@ControllerConfiguration(triggerReconcilerOnAllEvents = true)
public class EventPipelineReconciler implements Reconciler<EventPipeline> {
    private static final Logger LOG = LoggerFactory.getLogger(EventPipelineReconciler.class);
    private static final Duration UNSEEN_RETRY = Duration.ofSeconds(5);

    private final PipelineResolver resolver;
    private final PipelineTopics topics;
    private final FlinkDeployments deployments;
    private final StatusRecorder status;
    private final PipelineDeletion deletion;
    private final ReferencedSecrets secrets;
    private final StrimziTopics kafkaTopics;
    private final FlinkSessionJobs sessionJobs;
    private final NamespaceTermination termination = new NamespaceTermination();

    public EventPipelineReconciler(
            PipelineResolver resolver,
            PipelineTopics topics,
            FlinkDeployments deployments,
            StatusRecorder status,
            PipelineDeletion deletion,
            ReferencedSecrets secrets,
            StrimziTopics kafkaTopics,
            FlinkSessionJobs sessionJobs) {
        this.resolver = resolver;
        this.sessionJobs = sessionJobs;
        this.kafkaTopics = kafkaTopics;
        this.topics = topics;
        this.deployments = deployments;
        this.status = status;
        this.deletion = deletion;
        this.secrets = secrets;
    }

    @Override
    public List<EventSource<?, EventPipeline>> prepareEventSources(
            EventSourceContext<EventPipeline> context) {
        List<EventSource<?, EventPipeline>> sources = new ArrayList<>();
        sources.add(sessionJobs.eventSource(context));
        sources.add(deployments.eventSource(context, sessionJobs));
        sources.add(secrets);
        kafkaTopics.eventSource(context).ifPresent(sources::add);
        return sources;
    }

    @Override
    public UpdateControl<EventPipeline> reconcile(
            EventPipeline observed, Context<EventPipeline> context) {
        if (context.isPrimaryResourceDeleted()) {
            deletion.forget(observed);
            termination.forget(observed);
            secrets.forget(ResourceID.fromResource(observed));
            return UpdateControl.noUpdate();
        }
        if (observed.isMarkedForDeletion()) {
            return deletion.finish(observed, context);
        }
        EventPipeline pipeline = deletion.keepFinalizerFor(observed, context);
        ResolvedPipeline resolved;
        try {
            // A job running in a FlinkDeployment of its own stays there, default session cluster
            // or not.
            resolved = resolver.resolve(pipeline, deployments.of(context).found().isPresent());
        } catch (InvalidPipelineException e) {
            // Nothing is created or changed: a job running from an earlier spec keeps running.
            status.invalid(pipeline, e, context);
            return UpdateControl.noUpdate();
        }
        // Watched before they are read: a Secret created or changed from now on reconciles again.
        secrets.track(
                ResourceID.fromResource(pipeline),
                resolved.namespace(),
                resolved.kafka().referencedSecretNames());
        // A session cluster that is missing, or a switch of mode, is refused before anything is
        // created; the session cluster's appearance reconciles the pipeline again.
        Optional<JobModeRefusals.Refusal> refused =
                sessionJobs.refusal(pipeline, resolved, deployments, context);
        if (refused.isPresent()) {
            status.jobRefused(pipeline, refused.get().reason(), refused.get().message(), context);
            return UpdateControl.noUpdate();
        }

        PipelineTopics.Reconciled topicsNow = topics.reconcile(pipeline, resolved, context);
        pipeline = topicsNow.pipeline();
        TopicsOutcome topicsOutcome =
                topicsNow.outcome().withIdleReaderAdvice(deployments.highestParallelism(resolved));

        FlinkDeployments.Lookup lookup = deployments.of(context);
        if (!lookup.known()) {
            LOG.debug("{}: the operator is stopping; left for its successor", name(pipeline));
            return UpdateControl.noUpdate();
        }
        if (FlinkSessionJobs.sessionMode(resolved)) {
            return sessionJobs.rollOut(pipeline, resolved, topicsOutcome, context);
        }
        FlinkDeployment deployment = lookup.deployment();
        Optional<JobUpgrade> upgrade = Optional.empty();
        if (topicsOutcome.allReady()) {
            FlinkDeployments.Rollout rollout = deployments.rollOut(pipeline, resolved, deployment);
            if (!rollout.seen()) {
                // Its ADD event reconciles the pipeline again; the delay is only a safety net.
                return UpdateControl.<EventPipeline>noUpdate().rescheduleAfter(UNSEEN_RETRY);
            }
            deployment = rollout.deployment();
            upgrade = rollout.upgrade();
        }
        status.progressed(pipeline, topicsOutcome, deployment, upgrade, context);
        return UpdateControl.noUpdate();
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
        ForeignFlinkDeploymentException foreign = causeIn(e, ForeignFlinkDeploymentException.class);
        if (foreign != null) {
            LOG.warn("{}: {}", name(pipeline), foreign.getMessage());
            status.jobRefused(
                    pipeline,
                    ForeignFlinkDeploymentException.REASON,
                    foreign.getMessage(),
                    context);
            return ErrorStatusUpdateControl.noStatusUpdate();
        }
        TopicOperationException failure = causeIn(e, TopicOperationException.class);
        if (failure == null) {
            LOG.warn("reconcile of {} failed", name(pipeline), e);
            return ErrorStatusUpdateControl.noStatusUpdate();
        }
        LOG.info("{}: {}", name(pipeline), failure.getMessage());
        status.topicsFailed(pipeline, failure, context);
        return ErrorStatusUpdateControl.noStatusUpdate();
    }

    /** JOSDK's metrics wrap what reconcile threw; the cause says what happened. */
    private static <T extends Throwable> T causeIn(Throwable e, Class<T> type) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return type.cast(cause);
            }
        }
        return null;
    }

    private static String name(EventPipeline pipeline) {
        return pipeline.getMetadata().getNamespace() + "/" + pipeline.getMetadata().getName();
    }
}
