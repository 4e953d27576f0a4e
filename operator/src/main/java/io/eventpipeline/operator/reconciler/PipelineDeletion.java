package io.eventpipeline.operator.reconciler;

import io.eventpipeline.operator.api.EventPipeline;
import io.eventpipeline.operator.metrics.PipelineMetrics;
import io.eventpipeline.operator.topics.CreatedTopics;
import io.eventpipeline.operator.topics.DesiredTopic;
import io.eventpipeline.operator.topics.KafkaAdmins;
import io.eventpipeline.operator.topics.KafkaClusterResolver;
import io.eventpipeline.operator.topics.PipelineTopicOwnership;
import io.eventpipeline.operator.topics.TopicOperationException;
import io.eventpipeline.operator.topics.TopicOwnership;
import io.eventpipeline.operator.topics.TopicPlan;
import io.eventpipeline.operator.topics.TopicReconciler;
import io.eventpipeline.spec.model.TopicDeletionPolicy;
import io.eventpipeline.spec.resolved.ResolvedPipeline;
import io.eventpipeline.spec.validation.InvalidPipelineException;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.PrimaryUpdateAndCacheUtils;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import org.apache.flink.kubernetes.operator.api.FlinkDeployment;

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
    private final KafkaClusterResolver clusters;
    private final KafkaAdmins admins;
    private final TopicReconciler topics;
    private final FlinkDeploymentWriter writer;
    private final PipelineEvents events;
    private final PipelineMetrics metrics;
    private final CreatedTopics created;

    public PipelineDeletion(
            PipelineResolver resolver,
            KafkaClusterResolver clusters,
            KafkaAdmins admins,
            TopicReconciler topics,
            FlinkDeploymentWriter writer,
            PipelineEvents events,
            PipelineMetrics metrics,
            CreatedTopics created) {
        this.resolver = resolver;
        this.clusters = clusters;
        this.admins = admins;
        this.topics = topics;
        this.writer = writer;
        this.events = events;
        this.metrics = metrics;
        this.created = created;
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
            ResolvedPipeline resolved = resolver.resolve(pipeline);
            TopicOwnership ownership = created.ownership(pipeline, context);
            List<String> candidates =
                    TopicPlan.of(resolved).topics().stream()
                            .filter(t -> t.create() && !ownership.owns(t))
                            .map(DesiredTopic::name)
                            .toList();
            if (candidates.isEmpty()) {
                return Set.of();
            }
            Set<String> absent = new TreeSet<>(candidates);
            try (KafkaAdmins.Use admin = admins.use(clusters.resolve(resolved))) {
                absent.removeAll(admin.admin().describe(candidates, List.of()).keySet());
            }
            return absent;
        } catch (InvalidPipelineException | TopicOperationException e) {
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
            FlinkDeploymentCache.Lookup lookup = FlinkDeploymentCache.ofPipeline(context);
            if (!lookup.known()) {
                // The operator is stopping: the job may still run; its successor finishes this.
                return UpdateControl.noUpdate();
            }
            Optional<FlinkDeployment> deployment = lookup.found();
            if (deployment.isPresent()) {
                // Stop the job before its topics can go.
                writer.delete(deployment.get());
                return UpdateControl.<EventPipeline>noUpdate().rescheduleAfter(STOP_POLL);
            }
            deleteCreatedTopics(pipeline, context);
        }
        PrimaryUpdateAndCacheUtils.removeFinalizer(context, FINALIZER);
        forget(pipeline);
        return UpdateControl.noUpdate();
    }

    /** The pipeline is gone: forgets what this process kept for it. */
    public void forget(EventPipeline pipeline) {
        metrics.forget(pipeline);
        created.forget(pipeline);
    }

    /**
     * Deletes the topics of the pipeline's spec that the operator created: confirmed in the status,
     * or claimed before a create whose answer a crash may have lost (such a topic exists only if it
     * appeared after the claim). A topic that existed before the pipeline is never claimed.
     */
    private void deleteCreatedTopics(EventPipeline pipeline, Context<EventPipeline> context) {
        PipelineTopicOwnership ownership = created.ownership(pipeline, context);
        ResolvedPipeline resolved;
        try {
            resolved = resolver.resolve(pipeline);
        } catch (InvalidPipelineException e) {
            Set<String> recorded = new TreeSet<>(ownership.confirmed().keySet());
            recorded.addAll(ownership.claimed());
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
        Set<String> ownTopics = ownership.ownedIn(TopicPlan.of(resolved));
        if (ownTopics.isEmpty()) {
            return;
        }
        Set<String> existing;
        try (KafkaAdmins.Use admin = admins.use(clusters.resolve(resolved))) {
            // A claimed topic whose create was refused or never sent is not there: nothing to
            // delete.
            existing = admin.admin().describe(ownTopics, List.of()).keySet();
            if (existing.isEmpty()) {
                return;
            }
            topics.deleteCreated(admin.admin(), existing);
        }
        events.normal(pipeline, "TopicsDeleted", "deleted topics " + existing);
    }

    private static boolean deletesTopics(EventPipeline pipeline) {
        return pipeline.getSpec() != null
                && pipeline.getSpec().getTopicDeletionPolicy() == TopicDeletionPolicy.DELETE;
    }
}
