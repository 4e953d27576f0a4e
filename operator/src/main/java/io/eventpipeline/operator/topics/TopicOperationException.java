package io.eventpipeline.operator.topics;

/** A Kafka Admin call that failed, with a typed reason. */
public class TopicOperationException extends RuntimeException {
    private final TopicFailure failure;

    public TopicOperationException(TopicFailure failure, String message, Throwable cause) {
        super(message, cause);
        this.failure = failure;
    }

    public TopicFailure failure() {
        return failure;
    }
}
