package io.eventpipeline.operator.topics;

import io.eventpipeline.operator.api.TopicStatus;
import java.util.List;

/**
 * What topic reconciliation found and did.
 *
 * @param topics one status per desired topic, in plan order
 * @param reason the TopicsReady condition's reason when a topic is not ready
 * @param progressing the topics are not ready only because work on them is still going on
 *     (Strimzi's Topic Operator has not reported yet): the pipeline is deploying, not degraded
 */
public record TopicsOutcome(List<TopicStatus> topics, String reason, boolean progressing) {
    /** The reason when the Admin API found a topic missing. */
    public static final String NOT_FOUND = "TopicNotFound";

    public TopicsOutcome(List<TopicStatus> topics) {
        this(topics, NOT_FOUND, false);
    }

    public boolean allReady() {
        return topics.stream().allMatch(t -> Boolean.TRUE.equals(t.getReady()));
    }

    /** The first problem, for the TopicsReady condition's message. */
    public String firstProblem() {
        return topics.stream()
                .filter(t -> !Boolean.TRUE.equals(t.getReady()))
                .map(t -> "topic " + t.getName() + ": " + t.getMessage())
                .findFirst()
                .orElse("");
    }
}
