package io.eventpipeline.operator.reconciler;

import io.eventpipeline.operator.api.EventPipeline;
import io.eventpipeline.operator.api.EventPipelineStatus;
import io.eventpipeline.operator.api.JobSummary;
import io.eventpipeline.operator.api.Phase;
import io.eventpipeline.operator.api.StatusCondition;
import io.eventpipeline.operator.flink.FlinkDeploymentState;
import io.eventpipeline.operator.flink.UpgradeReview;
import io.eventpipeline.operator.metrics.PipelineMetrics;
import io.eventpipeline.operator.status.ConditionType;
import io.eventpipeline.operator.status.StatusCalculator;
import io.eventpipeline.operator.topics.TopicOperationException;
import io.eventpipeline.operator.topics.TopicsOutcome;
import io.eventpipeline.spec.PipelineJson;
import io.eventpipeline.spec.validation.InvalidPipelineException;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.PrimaryUpdateAndCacheUtils;
import java.util.Objects;
import java.util.Optional;
import org.apache.flink.kubernetes.operator.api.FlinkDeployment;

/**
 * Reports what a reconcile found: computes the next status ({@link StatusCalculator}), says what
 * changed in Events ({@link PipelineEvents}), updates the metrics, and patches the status only when
 * it differs from the stored one. The one place that writes a pipeline's status.
 */
public class StatusRecorder {
    private final StatusCalculator statuses;
    private final PipelineEvents events;
    private final PipelineMetrics metrics;

    public StatusRecorder(
            StatusCalculator statuses, PipelineEvents events, PipelineMetrics metrics) {
        this.statuses = statuses;
        this.events = events;
        this.metrics = metrics;
    }

    /** The spec is invalid; a {@code SpecInvalid} Warning when the verdict's message changed. */
    public void invalid(
            EventPipeline pipeline, InvalidPipelineException e, Context<EventPipeline> context) {
        EventPipelineStatus next = statuses.invalid(pipeline, e.problems());
        if (!sameSpecMessage(pipeline.getStatus(), next)) {
            events.warning(pipeline, "SpecInvalid", e.getMessage());
        }
        record(pipeline, next, context);
    }

    /**
     * Topics were reconciled and the FlinkDeployment handled.
     *
     * @param deployment the FlinkDeployment as it is now (null: none)
     * @param upgrade what the write of the FlinkDeployment did to the running job's state, and why:
     *     an {@code Upgrading} Event and {@code status.lastUpgrade}
     */
    public void progressed(
            EventPipeline pipeline,
            TopicsOutcome topics,
            FlinkDeployment deployment,
            Optional<JobUpgrade> upgrade,
            Context<EventPipeline> context) {
        progressed(
                pipeline,
                topics,
                deployment == null ? null : FlinkDeploymentState.summarize(deployment),
                upgrade,
                context);
    }

    /**
     * As above, for a job summarized already (a FlinkSessionJob's).
     *
     * @param summary the job as its FlinkDeployment or FlinkSessionJob reports it (null: none yet)
     */
    public void progressed(
            EventPipeline pipeline,
            TopicsOutcome topics,
            JobSummary summary,
            Optional<JobUpgrade> upgrade,
            Context<EventPipeline> context) {
        EventPipelineStatus next = statuses.progressed(pipeline, topics, summary);
        upgrade.ifPresent(
                job -> {
                    events.normal(pipeline, "Upgrading", job.message());
                    next.setLastUpgrade(
                            UpgradeReview.summary(
                                    job.plan(),
                                    pipeline.getMetadata().getGeneration(),
                                    job.reason()));
                });
        record(pipeline, next, context);
    }

    /**
     * Kafka failed (JOSDK retries): phase {@code Degraded}, and a Warning named after the failure
     * when its reason changed.
     */
    public void topicsFailed(
            EventPipeline pipeline,
            TopicOperationException failure,
            Context<EventPipeline> context) {
        EventPipelineStatus next = statuses.topicsFailed(pipeline, failure);
        if (!Objects.equals(reason(pipeline.getStatus()), reason(next))) {
            events.warning(pipeline, failure.failure().name(), failure.getMessage());
        }
        metrics.observe(pipeline, next.getPhase());
        patchIfChanged(pipeline, next, context);
    }

    /** The job cannot be deployed until someone acts; a Warning Event when that is news. */
    public void jobRefused(
            EventPipeline pipeline, String reason, String message, Context<EventPipeline> context) {
        EventPipelineStatus next = statuses.jobRefused(pipeline, reason, message);
        if (!Objects.equals(
                reason(pipeline.getStatus(), ConditionType.JobReady),
                reason(next, ConditionType.JobReady))) {
            events.warning(pipeline, reason, message);
        }
        metrics.observe(pipeline, next.getPhase());
        patchIfChanged(pipeline, next, context);
    }

    /** The pipeline is gone: its metrics go too. */
    public void forget(EventPipeline pipeline) {
        metrics.forget(pipeline);
    }

    /** A {@code Phase<Name>} Event when the phase changes, the metrics, then the status. */
    private void record(
            EventPipeline pipeline, EventPipelineStatus next, Context<EventPipeline> context) {
        Phase previous = pipeline.getStatus() == null ? null : pipeline.getStatus().getPhase();
        if (previous != next.getPhase()) {
            events.normal(pipeline, "Phase" + next.getPhase(), "pipeline is " + next.getPhase());
        }
        metrics.observe(pipeline, next.getPhase());
        patchIfChanged(pipeline, next, context);
    }

    /**
     * Writes the status when it differs (compared as JSON) and puts the result into the informer
     * cache, so that the next reconcile sees this write even if the watch has not delivered it yet:
     * a reconcile of a stale pipeline would otherwise write its old status and phase Event again.
     *
     * <p>Two ways to patch, chosen by JOSDK's {@code useSSAToPatchPrimaryResource}: server-side
     * apply in production; a plain patch where it is turned off, because the mock API server of the
     * fast tests answers server-side apply with 415.
     */
    private static void patchIfChanged(
            EventPipeline pipeline, EventPipelineStatus next, Context<EventPipeline> context) {
        if (sameStatus(pipeline.getStatus(), next)) {
            return;
        }
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
        return reason(status, ConditionType.TopicsReady);
    }

    private static Optional<String> reason(EventPipelineStatus status, ConditionType type) {
        return condition(status, type).map(StatusCondition::getReason);
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
}
