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

    /**
     * The input topic with a word where it has fewer partitions than the job may have parallel
     * readers (its parallelism, or the autoscaler's maximum): each partition is read by one reader,
     * so the others would idle, and the autoscaler would scale up for nothing.
     *
     * @param highestParallelism the most parallel readers the job may run
     */
    public TopicsOutcome withIdleReaderAdvice(int highestParallelism) {
        List<TopicStatus> advised = new java.util.ArrayList<>();
        for (TopicStatus topic : topics) {
            Integer partitions = topic.getPartitions();
            if (TopicRole.INPUT.specField().equals(topic.getRole())
                    && Boolean.TRUE.equals(topic.getReady())
                    && topic.getMessage() == null
                    && partitions != null
                    && partitions < highestParallelism) {
                topic = copy(topic).setMessage(idleReaders(topic, partitions, highestParallelism));
            }
            advised.add(topic);
        }
        return new TopicsOutcome(advised, reason, progressing);
    }

    /** What the ready topics' statuses point out, for the TopicsReady condition's message. */
    public String advice() {
        return topics.stream()
                .filter(t -> Boolean.TRUE.equals(t.getReady()) && t.getMessage() != null)
                .filter(t -> TopicRole.INPUT.specField().equals(t.getRole()))
                .map(t -> "topic " + t.getName() + ": " + t.getMessage())
                .findFirst()
                .orElse("");
    }

    private static String idleReaders(TopicStatus topic, int partitions, int readers) {
        String remedy =
                Boolean.TRUE.equals(topic.getCreated())
                        ? "raise spec.input.partitions to at least " + readers
                        : "add partitions to the topic (at least " + readers + ")";
        return partitions
                + " partitions for up to "
                + readers
                + " parallel readers: "
                + (readers - partitions)
                + " would idle; "
                + remedy
                + ", or lower the job's parallelism (spec.flink.autoscaler.maxParallelism with"
                + " the autoscaler)";
    }

    private static TopicStatus copy(TopicStatus topic) {
        return new TopicStatus()
                .setName(topic.getName())
                .setRole(topic.getRole())
                .setPartitions(topic.getPartitions())
                .setReady(topic.getReady())
                .setCreated(topic.getCreated())
                .setMessage(topic.getMessage());
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
