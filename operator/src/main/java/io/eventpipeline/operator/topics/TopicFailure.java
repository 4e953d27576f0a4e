package io.eventpipeline.operator.topics;

/** Why a Kafka Admin call failed, as a condition reason users can act on. */
public enum TopicFailure {
    /** No answer in time: the cluster is down or unreachable. The operator keeps retrying. */
    KafkaUnreachable,
    /** A Secret (or a key of it) the pipeline names for Kafka credentials does not exist. */
    AuthSecretNotFound,
    /**
     * A trust or key store the pipeline names cannot be opened (wrong password, not of its type) or
     * holds nothing usable.
     */
    CredentialsUnreadable,
    /** The credentials were refused. */
    AuthenticationFailed,
    /** The credentials lack a permission (ACL) the operator needs. */
    NotAuthorized,
    /** The cluster refused the request (replication factor too high, bad config, policy). */
    InvalidRequest,
    /** Anything else; the message says what. */
    KafkaError
}
