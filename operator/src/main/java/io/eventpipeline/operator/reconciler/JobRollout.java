package io.eventpipeline.operator.reconciler;

import io.eventpipeline.operator.api.EventPipeline;
import io.eventpipeline.operator.api.UpgradeSummary;
import io.eventpipeline.operator.flink.FlinkDeploymentState;
import io.eventpipeline.operator.flink.UpgradeReview;
import io.eventpipeline.spec.state.UpgradePlan;
import io.eventpipeline.spec.validation.InvalidPipelineException;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import java.net.HttpURLConnection;
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
     * @param seen false when the FlinkDeployment exists on the server but not yet in the informer's
     *     cache, so that nothing can be reported about it until the watch delivers it
     */
    record Result(FlinkDeployment deployment, Optional<UpgradeSummary> upgrade, boolean seen) {
        static Result unchanged(FlinkDeployment deployment) {
            return new Result(deployment, Optional.empty(), true);
        }

        static Result notSeenYet() {
            return new Result(null, Optional.empty(), false);
        }
    }

    Result apply(
            EventPipeline pipeline,
            FlinkDeployment desired,
            FlinkDeployment actual,
            Context<EventPipeline> context) {
        if (!FlinkDeploymentState.needsWrite(desired, actual)) {
            return Result.unchanged(actual);
        }
        Optional<UpgradePlan> plan = review(pipeline, actual, desired);
        FlinkDeployment written;
        try {
            written = writer.write(desired, actual);
        } catch (KubernetesClientException e) {
            if (actual != null || e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
                throw e;
            }
            return alreadyCreated(pipeline, desired, context);
        }
        FlinkDeploymentCache.remember(context, written, actual);
        LOG.info(
                "{} FlinkDeployment {}/{}",
                actual == null ? "created" : "updated",
                desired.getMetadata().getNamespace(),
                desired.getMetadata().getName());
        plan.ifPresent(p -> events.normal(pipeline, "Upgrading", String.join("; ", p.lines())));
        return new Result(
                written,
                plan.map(p -> UpgradeReview.summary(p, pipeline.getMetadata().getGeneration())),
                true);
    }

    /**
     * The server refused the create: a FlinkDeployment of that name exists that the informer did
     * not show among the pipeline's. If the informer knows it by name and it is the pipeline's, it
     * is brought to the desired one as any existing FlinkDeployment is. If the informer does not
     * know it yet (another replica wrote it moments ago, or the watch lags), the pipeline waits for
     * the watch to deliver it: not an error, and nothing is reported from a guess. Someone else's
     * FlinkDeployment under that name is an error: it is never taken over.
     */
    private Result alreadyCreated(
            EventPipeline pipeline, FlinkDeployment desired, Context<EventPipeline> context) {
        String namespace = desired.getMetadata().getNamespace();
        String name = desired.getMetadata().getName();
        Optional<FlinkDeployment> existing =
                FlinkDeploymentCache.byName(context, namespace, name).found();
        if (existing.isEmpty()) {
            LOG.info(
                    "{}/{}: the FlinkDeployment exists but is not in the informer's cache yet;"
                            + " reconciling again once it is",
                    namespace,
                    name);
            return Result.notSeenYet();
        }
        if (!FlinkDeploymentState.controlledBy(existing.get(), pipeline)) {
            throw new IllegalStateException(
                    "FlinkDeployment "
                            + namespace
                            + "/"
                            + name
                            + " exists and is not this pipeline's (its controller: "
                            + FlinkDeploymentState.controller(existing.get())
                            + "); the operator never takes over another's FlinkDeployment:"
                            + " delete it or rename the pipeline");
        }
        return apply(pipeline, desired, existing.get(), context);
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
