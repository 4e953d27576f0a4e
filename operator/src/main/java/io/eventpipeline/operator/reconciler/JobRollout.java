package io.eventpipeline.operator.reconciler;

import io.eventpipeline.operator.api.EventPipeline;
import io.eventpipeline.operator.api.UpgradeSummary;
import io.eventpipeline.operator.flink.FlinkDeploymentState;
import io.eventpipeline.operator.flink.UpgradeReview;
import io.eventpipeline.spec.state.UpgradePlan;
import io.eventpipeline.spec.validation.InvalidPipelineException;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.Optional;
import org.apache.flink.kubernetes.operator.api.FlinkDeployment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a pipeline's FlinkDeployment to the desired one, writing only when it differs, and says
 * what the change does to the running job's state ({@link UpgradeReview}): in an {@code Upgrading}
 * Event and, for the status, as an {@link UpgradeSummary}.
 */
class JobRollout {
    private static final Logger LOG = LoggerFactory.getLogger(JobRollout.class);

    private final FlinkDeploymentWriter writer;
    private final PipelineEvents events;

    JobRollout(FlinkDeploymentWriter writer, PipelineEvents events) {
        this.writer = writer;
        this.events = events;
    }

    /**
     * @param deployment the FlinkDeployment as it is after the rollout (null: none)
     * @param upgrade what a change of the running job did to its state; empty when there was none
     */
    record Result(FlinkDeployment deployment, Optional<UpgradeSummary> upgrade) {}

    Result apply(
            EventPipeline pipeline,
            FlinkDeployment desired,
            FlinkDeployment actual,
            Context<EventPipeline> context) {
        if (!FlinkDeploymentState.needsWrite(desired, actual)) {
            return new Result(actual, Optional.empty());
        }
        Optional<UpgradePlan> plan = review(pipeline, actual, desired);
        FlinkDeployment written = writer.write(desired, actual);
        rememberOwnWrite(context, written, actual);
        LOG.info(
                "{} FlinkDeployment {}/{}",
                actual == null ? "created" : "updated",
                desired.getMetadata().getNamespace(),
                desired.getMetadata().getName());
        plan.ifPresent(p -> events.normal(pipeline, "Upgrading", String.join("; ", p.lines())));
        return new Result(
                written,
                plan.map(p -> UpgradeReview.summary(p, pipeline.getMetadata().getGeneration())));
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

    /**
     * Tells the FlinkDeployment informer about a write of ours: the next reconcile sees it even if
     * the watch has not delivered it yet (no second create), and its echo from the watch does not
     * trigger a reconcile that would find nothing to do.
     */
    @SuppressWarnings("unchecked")
    private static void rememberOwnWrite(
            Context<EventPipeline> context, FlinkDeployment written, FlinkDeployment previous) {
        var deployments =
                (InformerEventSource<FlinkDeployment, EventPipeline>)
                        context.eventSourceRetriever().getEventSourceFor(FlinkDeployment.class);
        ResourceID id = ResourceID.fromResource(written);
        if (previous == null) {
            deployments.handleRecentResourceCreate(id, written);
        } else {
            deployments.handleRecentResourceUpdate(id, written, previous);
        }
    }
}
