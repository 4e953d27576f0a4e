package io.eventpipeline.operator.topics;

/**
 * The points of topic creation after which a crash leaves different traces. Tests stop the operator
 * at each to show that ownership survives; production passes {@link #NONE}.
 */
@FunctionalInterface
public interface TopicCreationSteps {
    TopicCreationSteps NONE = (step, plan) -> {};

    enum Step {
        /** The claim is written; the create request is not sent yet. */
        CLAIMED,
        /** The create request was answered; the claim is all that records it. */
        CREATE_ANSWERED,
        /** All topic writes are done; the status that reports them is not written yet. */
        TOPICS_RECONCILED
    }

    void reached(Step step, TopicPlan plan);
}
