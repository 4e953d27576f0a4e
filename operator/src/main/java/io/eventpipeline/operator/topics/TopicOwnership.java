package io.eventpipeline.operator.topics;

import io.eventpipeline.operator.api.TopicStatus;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which of one pipeline's topics the operator created, and the durable record of it. A topic
 * becomes the operator's in two steps: a <em>claim</em> is recorded, durably, before the create
 * request is sent, and the creation is <em>confirmed</em> once the create (or a later describe)
 * shows the topic. A claim is only recorded for a topic a describe just found absent, so a topic
 * that existed before its claim is never one; a claimed topic that exists was made after the claim
 * and counts as ours, unless our own create answered that it was there already, which withdraws the
 * claim (someone else made it between our describe and our create).
 */
public interface TopicOwnership {

    /** Topics confirmed as created by the operator, by name, with the status last reported. */
    Map<String, TopicStatus> confirmed();

    /** Topics the operator recorded, before creating them, that it was about to create. */
    Set<String> claimed();

    /** Records durably that the operator is about to create these topics; returns once written. */
    void claim(Set<String> names);

    /** Withdraws claims durably: our create found these topics there already. */
    void release(Set<String> names);

    /** Remembers topics the operator has just created or found under its claim. */
    void confirm(Collection<TopicStatus> topics);

    /** Whether the topic is the operator's to alter and delete, given that it exists. */
    default boolean owns(DesiredTopic topic) {
        return topic.create()
                && (confirmed().containsKey(topic.name()) || claimed().contains(topic.name()));
    }

    /** The plan's topics the operator created: the ones deleted with the pipeline. */
    default Set<String> ownedIn(TopicPlan plan) {
        Set<String> owned = new TreeSet<>();
        plan.topics().stream().filter(this::owns).forEach(t -> owned.add(t.name()));
        return owned;
    }
}
