package io.eventpipeline.operator.topics;

import io.eventpipeline.operator.api.EventPipeline;
import io.eventpipeline.operator.strimzi.StrimziTopics;
import io.eventpipeline.spec.resolved.ResolvedPipeline;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A pipeline's Kafka topics, as the reconciler and deletion see them: make them right, find the
 * ones about to be created, delete the ones the operator created. Which cluster and client to use
 * ({@link KafkaClusterResolver}, {@link KafkaAdmins}), how topics are brought to the plan ({@link
 * TopicReconciler}) and who owns what ({@link CreatedTopics}, {@link PipelineTopicOwnership}) stay
 * behind this class.
 */
public final class PipelineTopics {
    private final KafkaClusterResolver clusters;
    private final KafkaAdmins admins;
    private final TopicReconciler topics;
    private final CreatedTopics created;
    private final StrimziTopics strimzi;

    /**
     * @param strimzi the pipelines whose topics Strimzi manages (spec.kafka.topics)
     */
    public PipelineTopics(
            KafkaClusterResolver clusters,
            KafkaAdmins admins,
            TopicReconciler topics,
            CreatedTopics created,
            StrimziTopics strimzi) {
        this.clusters = clusters;
        this.admins = admins;
        this.topics = topics;
        this.created = created;
        this.strimzi = strimzi;
    }

    /**
     * @param pipeline the pipeline as it is on the server after the topic reconcile (claims written
     *     before creating topics change it)
     * @param outcome one status per desired topic
     */
    public record Reconciled(EventPipeline pipeline, TopicsOutcome outcome) {}

    /**
     * Brings the pipeline's topics to its spec: creates what is missing (claimed first), raises
     * partitions and reverts config drift on topics the operator created.
     *
     * @throws TopicOperationException Kafka failed; a refused authentication drops the cluster's
     *     client, so the retry authenticates afresh
     */
    public Reconciled reconcile(
            EventPipeline pipeline, ResolvedPipeline resolved, Context<EventPipeline> context) {
        if (resolved.kafka().topics().strimzi()) {
            return new Reconciled(pipeline, strimzi.reconcile(pipeline, resolved));
        }
        KafkaCluster cluster = clusters.resolve(resolved);
        PipelineTopicOwnership ownership = created.ownership(pipeline, context);
        try (KafkaAdmins.Use admin = admins.use(cluster)) {
            TopicsOutcome outcome =
                    topics.reconcile(TopicPlan.of(resolved), admin.admin(), ownership);
            return new Reconciled(ownership.pipeline(), outcome);
        } catch (TopicOperationException e) {
            if (e.failure() == TopicFailure.AuthenticationFailed) {
                admins.discard(cluster);
            }
            throw e;
        }
    }

    /**
     * The topics the spec has the operator create, not owned yet, that a describe finds absent now:
     * the ones a reconcile is about to create. Empty when Kafka does not answer (the reconcile then
     * claims them itself).
     */
    public Set<String> aboutToBeCreated(
            EventPipeline pipeline, ResolvedPipeline resolved, Context<EventPipeline> context) {
        if (resolved.kafka().topics().strimzi()) {
            // Ownership is on the KafkaTopics themselves: nothing to claim first.
            return Set.of();
        }
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
        } catch (TopicOperationException e) {
            return Set.of();
        }
        return absent;
    }

    /**
     * Deletes the topics of the spec that the operator created: confirmed in the status, or claimed
     * before a create whose answer a crash may have lost (such a topic exists only if it appeared
     * after the claim). A topic that existed before the pipeline is never claimed.
     *
     * @return the topics deleted; empty when none of them exists
     */
    public Set<String> deleteCreated(
            EventPipeline pipeline, ResolvedPipeline resolved, Context<EventPipeline> context) {
        if (resolved.kafka().topics().strimzi()) {
            return strimzi.deleteOwned(pipeline);
        }
        Set<String> own = created.ownership(pipeline, context).ownedIn(TopicPlan.of(resolved));
        if (own.isEmpty()) {
            return Set.of();
        }
        try (KafkaAdmins.Use admin = admins.use(clusters.resolve(resolved))) {
            // A claimed topic whose create was refused or never sent is not there.
            Set<String> existing = new TreeSet<>(admin.admin().describe(own, List.of()).keySet());
            if (!existing.isEmpty()) {
                topics.deleteCreated(admin.admin(), existing);
            }
            return existing;
        }
    }

    /**
     * Deletes the KafkaTopics the pipeline owns whatever its spec says: their owner reference
     * records that the operator made them for it, so no spec is needed to know which.
     */
    public Set<String> deleteOwnedKafkaTopics(EventPipeline pipeline) {
        return strimzi.deleteOwned(pipeline);
    }

    /** Whether the KafkaTopics the pipeline owns are all gone (none when Strimzi is not used). */
    public boolean ownedKafkaTopicsGone(EventPipeline pipeline) {
        return strimzi.ownedGone(pipeline);
    }

    /** Every topic the pipeline records as the operator's (confirmed or claimed), whatever spec. */
    public Set<String> recorded(EventPipeline pipeline, Context<EventPipeline> context) {
        PipelineTopicOwnership ownership = created.ownership(pipeline, context);
        Set<String> recorded = new TreeSet<>(ownership.confirmed().keySet());
        recorded.addAll(ownership.claimed());
        return recorded;
    }

    /** The pipeline is gone: forgets what this process remembered of its topics. */
    public void forget(EventPipeline pipeline) {
        created.forget(pipeline);
    }
}
