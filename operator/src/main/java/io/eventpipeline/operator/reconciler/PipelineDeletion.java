package io.eventpipeline.operator.reconciler;

import io.eventpipeline.operator.api.EventPipeline;
import io.eventpipeline.operator.topics.PipelineTopicOwnership;
import io.eventpipeline.operator.topics.PipelineTopics;
import io.eventpipeline.spec.model.TopicDeletionPolicy;
import io.eventpipeline.spec.resolved.ResolvedPipeline;
import io.eventpipeline.spec.validation.InvalidPipelineException;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.PrimaryUpdateAndCacheUtils;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import java.net.HttpURLConnection;
import java.time.Duration;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * What deleting a pipeline does. Only a pipeline whose topics go with it ({@code
 * topicDeletionPolicy: Delete}) carries the finalizer, because only its deletion has work that must
 * finish first: stop the job, then delete the topics the operator created. Any other pipeline is
 * deleted at once and Kubernetes removes its FlinkDeployment through the owner reference, so it
 * never hangs in Terminating while the operator is down or uninstalled, and creating it costs no
 * finalizer write.
 */
public class PipelineDeletion {
    public static final String FINALIZER = "eventpipelines.eventpipeline.io/finalizer";
    private static final Duration STOP_POLL = Duration.ofSeconds(2);

    private final PipelineResolver resolver;
    private final PipelineTopics topics;
    private final FlinkDeployments deployments;
    private final FlinkSessionJobs sessionJobs;
    private final PipelineEvents events;
    private final StatusRecorder status;

    public PipelineDeletion(
            PipelineResolver resolver,
            PipelineTopics topics,
            FlinkDeployments deployments,
            FlinkSessionJobs sessionJobs,
            PipelineEvents events,
            StatusRecorder status) {
        this.resolver = resolver;
        this.topics = topics;
        this.deployments = deployments;
        this.sessionJobs = sessionJobs;
        this.events = events;
        this.status = status;
    }

    /**
     * Adds the finalizer when deleting the pipeline will have work to do, and removes it when it no
     * longer will (the policy went back to Retain). Runs before anything is created, so topics that
     * are to be deleted with the pipeline never exist without the finalizer; the same write claims
     * the topics about to be created ({@link PipelineTopicOwnership}).
     *
     * @return the pipeline as it is now on the server
     */
    public EventPipeline keepFinalizerFor(EventPipeline pipeline, Context<EventPipeline> context) {
        boolean wanted = deletesTopics(pipeline);
        if (wanted == pipeline.hasFinalizer(FINALIZER)) {
            return pipeline;
        }
        Set<String> toClaim = wanted ? absentTopics(pipeline, context) : Set.of();
        UnaryOperator<EventPipeline> change =
                p -> {
                    if (wanted) {
                        p.addFinalizer(FINALIZER);
                        PipelineTopicOwnership.addClaims(p, toClaim);
                    } else {
                        p.removeFinalizer(FINALIZER);
                    }
                    return p;
                };
        // Cached as well as written: a reconcile that follows at once must not write it again.
        return PrimaryUpdateAndCacheUtils.updateAndCacheResource(
                pipeline,
                context,
                UnaryOperator.identity(),
                p -> context.getClient().resource(p).edit(change));
    }

    /**
     * The topics the pipeline will have the operator create that a describe finds absent now. They
     * are claimed with the finalizer, in the same write, so a pipeline whose topics go with it pays
     * no write of its own for the claims. Empty when the spec is invalid or Kafka does not answer:
     * the topic reconcile then claims them itself.
     */
    private Set<String> absentTopics(EventPipeline pipeline, Context<EventPipeline> context) {
        try {
            return topics.aboutToBeCreated(pipeline, resolver.resolve(pipeline), context);
        } catch (InvalidPipelineException e) {
            return Set.of();
        }
    }

    /**
     * A pipeline marked for deletion that carries the finalizer: stops its job, waits until the
     * FlinkDeployment is gone (the Flink operator takes its final savepoint), deletes the topics
     * the operator created, then lets the pipeline go. A pipeline held only by someone else's
     * finalizer is left alone: nothing may be created for it any more.
     */
    public UpdateControl<EventPipeline> finish(
            EventPipeline pipeline, Context<EventPipeline> context) {
        if (!pipeline.hasFinalizer(FINALIZER)) {
            return UpdateControl.noUpdate();
        }
        if (deletesTopics(pipeline)) {
            // Whichever runs the job, its FlinkDeployment or its FlinkSessionJob, stops first.
            FlinkDeployments.Stop job = both(deployments.stop(context), sessionJobs.stop(context));
            if (job == FlinkDeployments.Stop.UNKNOWN) {
                // The operator is stopping: the job may still run; its successor finishes this.
                return UpdateControl.noUpdate();
            }
            if (job == FlinkDeployments.Stop.STOPPING) {
                // The job stops before its topics can go.
                return UpdateControl.<EventPipeline>noUpdate().rescheduleAfter(STOP_POLL);
            }
            deleteCreatedTopics(pipeline, context);
            if (!topics.ownedKafkaTopicsGone(pipeline)) {
                // Strimzi deletes the topics, then its finalizer lets the KafkaTopics go.
                return UpdateControl.<EventPipeline>noUpdate().rescheduleAfter(STOP_POLL);
            }
        }
        try {
            PrimaryUpdateAndCacheUtils.removeFinalizer(context, FINALIZER);
        } catch (KubernetesClientException e) {
            // A reconcile queued by a KafkaTopic's delete event can run on the cached pipeline
            // after an earlier one let it go: gone is what this step wanted.
            if (e.getCode() != HttpURLConnection.HTTP_NOT_FOUND) {
                throw e;
            }
        }
        forget(pipeline);
        return UpdateControl.noUpdate();
    }

    private static FlinkDeployments.Stop both(
            FlinkDeployments.Stop deployment, FlinkDeployments.Stop sessionJob) {
        if (deployment == FlinkDeployments.Stop.UNKNOWN
                || sessionJob == FlinkDeployments.Stop.UNKNOWN) {
            return FlinkDeployments.Stop.UNKNOWN;
        }
        if (deployment == FlinkDeployments.Stop.STOPPING
                || sessionJob == FlinkDeployments.Stop.STOPPING) {
            return FlinkDeployments.Stop.STOPPING;
        }
        return FlinkDeployments.Stop.GONE;
    }

    /** The pipeline is gone: forgets what this process kept for it. */
    public void forget(EventPipeline pipeline) {
        status.forget(pipeline);
        topics.forget(pipeline);
    }

    /**
     * Deletes the topics of the pipeline's spec that the operator created: confirmed in the status,
     * or claimed before a create whose answer a crash may have lost (such a topic exists only if it
     * appeared after the claim). A topic that existed before the pipeline is never claimed.
     */
    private void deleteCreatedTopics(EventPipeline pipeline, Context<EventPipeline> context) {
        ResolvedPipeline resolved;
        try {
            resolved = resolver.resolve(pipeline);
        } catch (InvalidPipelineException e) {
            Set<String> kafkaTopics = topics.deleteOwnedKafkaTopics(pipeline);
            if (!kafkaTopics.isEmpty()) {
                events.normal(pipeline, "TopicsDeleted", "deleted KafkaTopics for " + kafkaTopics);
            }
            Set<String> recorded = topics.recorded(pipeline, context);
            if (!recorded.isEmpty()) {
                events.warning(
                        pipeline,
                        "TopicsRetained",
                        "the spec is invalid, so topics "
                                + recorded
                                + " were kept: "
                                + e.getMessage());
            }
            return;
        }
        Set<String> deleted = topics.deleteCreated(pipeline, resolved, context);
        if (!deleted.isEmpty()) {
            events.normal(pipeline, "TopicsDeleted", "deleted topics " + deleted);
        }
    }

    private static boolean deletesTopics(EventPipeline pipeline) {
        return pipeline.getSpec() != null
                && pipeline.getSpec().getTopicDeletionPolicy() == TopicDeletionPolicy.DELETE;
    }
}
