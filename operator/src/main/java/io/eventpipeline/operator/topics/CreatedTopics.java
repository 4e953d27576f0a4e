package io.eventpipeline.operator.topics;

import io.eventpipeline.operator.api.EventPipeline;
import io.eventpipeline.operator.api.TopicStatus;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import java.util.Collection;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which topics the operator confirmed as created for each pipeline. The durable record is the
 * pipeline's status (and the claims written before each create, {@link PipelineTopicOwnership});
 * this adds what this process created since, because a reconcile can read a cached pipeline older
 * than the status write that recorded a creation, and ownership must never be forgotten (it decides
 * what may be altered and deleted). Each topic comes with the status last reported for it, which
 * stands in while a lagging broker does not describe the topic yet.
 */
public final class CreatedTopics {
    private final Map<String, Map<String, TopicStatus>> createdByUid = new ConcurrentHashMap<>();

    /**
     * Topics created for the pipeline, by name, each with its last reported status: from the
     * pipeline's status, overridden by this process's memory (which is never older).
     */
    public SortedMap<String, TopicStatus> of(EventPipeline pipeline) {
        SortedMap<String, TopicStatus> created = new TreeMap<>();
        if (pipeline.getStatus() != null) {
            for (TopicStatus topic : pipeline.getStatus().getTopics()) {
                if (Boolean.TRUE.equals(topic.getCreated())) {
                    created.put(topic.getName(), topic);
                }
            }
        }
        created.putAll(createdByUid.getOrDefault(uid(pipeline), Map.of()));
        return created;
    }

    /**
     * The pipeline's ownership record: what it says now, and where the reconcile of this pipeline
     * (with this context) records new claims.
     */
    public PipelineTopicOwnership ownership(
            EventPipeline pipeline, Context<EventPipeline> context) {
        return new PipelineTopicOwnership(pipeline, context, this);
    }

    /** Remembers topics confirmed as created, with their status. */
    void remember(EventPipeline pipeline, Collection<TopicStatus> topics) {
        for (TopicStatus topic : topics) {
            if (Boolean.TRUE.equals(topic.getCreated())) {
                createdByUid
                        .computeIfAbsent(uid(pipeline), k -> new ConcurrentHashMap<>())
                        .put(topic.getName(), topic);
            }
        }
    }

    public void forget(EventPipeline pipeline) {
        createdByUid.remove(uid(pipeline));
    }

    private static String uid(EventPipeline pipeline) {
        return pipeline.getMetadata().getUid();
    }
}
