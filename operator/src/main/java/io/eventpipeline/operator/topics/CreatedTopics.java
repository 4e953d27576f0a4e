package io.eventpipeline.operator.topics;

import io.eventpipeline.operator.api.EventPipeline;
import io.eventpipeline.operator.api.TopicStatus;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which topics the operator created for each pipeline. The durable record is the pipeline's status;
 * this adds what this process created since, because a reconcile can read a cached pipeline older
 * than the status write that recorded a creation, and ownership must never be forgotten (it decides
 * what may be altered and deleted).
 */
public final class CreatedTopics {
    private final Map<String, Set<String>> createdByUid = new ConcurrentHashMap<>();

    /** Topics created for the pipeline: from its status and from this process's memory. */
    public Set<String> of(EventPipeline pipeline) {
        Set<String> created = new TreeSet<>();
        if (pipeline.getStatus() != null) {
            for (TopicStatus topic : pipeline.getStatus().getTopics()) {
                if (Boolean.TRUE.equals(topic.getCreated())) {
                    created.add(topic.getName());
                }
            }
        }
        created.addAll(createdByUid.getOrDefault(uid(pipeline), Set.of()));
        return created;
    }

    /** Remembers the topics an outcome reports as created. */
    public void remember(EventPipeline pipeline, TopicsOutcome outcome) {
        for (TopicStatus topic : outcome.topics()) {
            if (Boolean.TRUE.equals(topic.getCreated())) {
                createdByUid
                        .computeIfAbsent(uid(pipeline), k -> ConcurrentHashMap.newKeySet())
                        .add(topic.getName());
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
