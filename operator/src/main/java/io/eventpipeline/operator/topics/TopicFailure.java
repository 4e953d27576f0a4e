package io.eventpipeline.operator.topics;

/** Why a Kafka Admin call failed, as a condition reason users can act on. */
public enum TopicFailure {
    /** No answer in time: the cluster is down or unreachable. The operator keeps retrying. */
    KafkaUnreachable,
    /** The auth Secret the pipeline names does not exist. */
    AuthSecretNotFound,
    /** The credentials were refused. */
    AuthenticationFailed,
    /** The credentials lack a permission (ACL) the operator needs. */
    NotAuthorized,
    /** The cluster refused the request (replication factor too high, bad config, policy). */
    InvalidRequest,
    /** Anything else; the message says what. */
    KafkaError
}
