package io.eventpipeline.operator.topics;

import io.eventpipeline.operator.api.TopicStatus;
import java.util.List;

/**
 * What topic reconciliation found and did.
 *
 * @param topics one status per desired topic, in plan order
 */
public record TopicsOutcome(List<TopicStatus> topics) {

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
