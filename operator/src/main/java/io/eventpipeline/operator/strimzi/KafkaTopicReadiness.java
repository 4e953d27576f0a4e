package io.eventpipeline.operator.strimzi;

import io.eventpipeline.operator.api.TopicStatus;
import io.eventpipeline.operator.topics.DesiredTopic;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a KafkaTopic's status says of one of the pipeline's topics, as the pipeline's status shows
 * it. Pure. Ready means Strimzi's Topic Operator reports {@code Ready=True} for the generation the
 * operator last wrote; until it has reported at all the topic is progressing, not failed.
 *
 * @param reason the TopicsReady reason when not ready: Strimzi's own (KafkaError, ...), or {@link
 *     #WAITING} while it has not reported
 */
public record KafkaTopicReadiness(TopicStatus status, String reason, boolean progressing) {
    /** Strimzi's Topic Operator has not reported on the latest generation yet. */
    public static final String WAITING = "WaitingForTopicOperator";

    /**
     * @param found the KafkaTopic standing for the topic (null: none)
     * @param ours whether the operator made it for this pipeline
     */
    public static KafkaTopicReadiness of(
            DesiredTopic topic, KafkaTopic found, boolean ours, String namespace) {
        TopicStatus status =
                new TopicStatus()
                        .setName(topic.name())
                        .setRole(topic.role().specField())
                        .setCreated(ours ? Boolean.TRUE : null);
        if (found == null) {
            // Only a topic the spec does not let the operator create: without Kafka access there
            // is nothing else to look at.
            status.setReady(true)
                    .setMessage(
                            "not checked: no KafkaTopic in namespace "
                                    + namespace
                                    + " stands for it, and the operator does not read Kafka"
                                    + " when Strimzi manages the topics");
            return new KafkaTopicReadiness(status, null, false);
        }
        status.setPartitions(found.getSpec() == null ? null : found.getSpec().getPartitions());
        String name = "KafkaTopic " + found.getMetadata().getName();
        Optional<Condition> ready = readyCondition(found);
        Long observed =
                found.getStatus() == null ? null : found.getStatus().getObservedGeneration();
        Long generation = found.getMetadata().getGeneration();
        if (ready.isEmpty()) {
            return waiting(
                    status,
                    name
                            + " has no Ready condition yet: Strimzi's Topic Operator for it must"
                            + " watch namespace "
                            + namespace);
        }
        if (generation != null && (observed == null || observed < generation)) {
            return waiting(
                    status,
                    name
                            + ": Strimzi's Topic Operator has not yet applied generation "
                            + generation);
        }
        Condition condition = ready.get();
        if ("True".equals(condition.getStatus())) {
            return new KafkaTopicReadiness(status.setReady(true), null, false);
        }
        String reason =
                condition.getReason() == null || condition.getReason().isBlank()
                        ? "KafkaTopicNotReady"
                        : condition.getReason();
        status.setReady(false)
                .setMessage(
                        name
                                + " is not Ready ("
                                + reason
                                + ")"
                                + (condition.getMessage() == null
                                        ? ""
                                        : ": " + condition.getMessage()));
        return new KafkaTopicReadiness(status, reason, false);
    }

    /** A create was refused because the KafkaTopic exists, and the informer has not shown it. */
    static KafkaTopicReadiness notSeenYet(DesiredTopic topic, String kafkaTopic) {
        return waiting(
                new TopicStatus().setName(topic.name()).setRole(topic.role().specField()),
                "KafkaTopic " + kafkaTopic + " exists but has not been seen yet; looking again");
    }

    private static KafkaTopicReadiness waiting(TopicStatus status, String message) {
        return new KafkaTopicReadiness(status.setReady(false).setMessage(message), WAITING, true);
    }

    private static Optional<Condition> readyCondition(KafkaTopic topic) {
        List<Condition> conditions =
                topic.getStatus() == null ? null : topic.getStatus().getConditions();
        return conditions == null
                ? Optional.empty()
                : conditions.stream().filter(c -> Objects.equals("Ready", c.getType())).findFirst();
    }
}
