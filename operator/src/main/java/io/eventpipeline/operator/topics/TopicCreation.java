package io.eventpipeline.operator.topics;

/**
 * What one create request did to one topic: created it (with its partition count), found it there
 * already, or was refused.
 */
public record TopicCreation(Integer partitions, TopicOperationException failure) {

    static TopicCreation created(int partitions) {
        return new TopicCreation(partitions, null);
    }

    static TopicCreation alreadyThere() {
        return new TopicCreation(null, null);
    }

    static TopicCreation refused(TopicOperationException failure) {
        return new TopicCreation(null, failure);
    }

    /** This request created the topic. */
    public boolean created() {
        return partitions != null;
    }

    public boolean refused() {
        return failure != null;
    }
}
