package io.eventpipeline.operator.topics;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.InvalidConfigurationException;
import org.apache.kafka.common.errors.InvalidPartitionsException;
import org.apache.kafka.common.errors.InvalidReplicationFactorException;
import org.apache.kafka.common.errors.InvalidRequestException;
import org.apache.kafka.common.errors.PolicyViolationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Waits for Kafka Admin futures with a timeout and turns what they fail with into a {@link
 * TopicOperationException} of a typed {@link TopicFailure}, with a message that names the cluster
 * and the operation.
 */
final class AdminFutures {
    private final KafkaCluster cluster;
    private final Duration timeout;

    AdminFutures(KafkaCluster cluster, Duration timeout) {
        this.cluster = cluster;
        this.timeout = timeout;
    }

    /**
     * Waits for one Admin future. With {@code absentIfUnknown}, an unknown topic gives an empty
     * result instead of a failure.
     */
    <T> Optional<T> await(String what, KafkaFuture<T> future, boolean absentIfUnknown) {
        try {
            return Optional.ofNullable(future.get(timeout.toMillis(), TimeUnit.MILLISECONDS));
        } catch (ExecutionException e) {
            if (absentIfUnknown && e.getCause() instanceof UnknownTopicOrPartitionException) {
                return Optional.empty();
            }
            throw failure(what, e.getCause());
        } catch (java.util.concurrent.TimeoutException e) {
            throw failure(what, new TimeoutException("no answer within " + timeout));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure(what, e);
        }
    }

    TopicOperationException failure(String what, Throwable cause) {
        TopicFailure failure = classify(cause);
        String message =
                switch (failure) {
                    case KafkaUnreachable ->
                            "Kafka at " + cluster + " did not answer (" + what + ")";
                    case AuthenticationFailed ->
                            cause instanceof SslAuthenticationException
                                    ? TlsHandshakeMessage.describe(cluster, cause)
                                    : "Kafka at "
                                            + cluster
                                            + " refused the credentials: "
                                            + cause.getMessage();
                    case NotAuthorized -> "not authorized to " + what + ": " + cause.getMessage();
                    default -> "cannot " + what + ": " + cause.getMessage();
                };
        return new TopicOperationException(failure, message, cause);
    }

    static TopicFailure classify(Throwable cause) {
        if (cause instanceof TimeoutException || cause instanceof InterruptedException) {
            return TopicFailure.KafkaUnreachable;
        }
        if (cause instanceof AuthenticationException) {
            return TopicFailure.AuthenticationFailed;
        }
        if (cause instanceof AuthorizationException) {
            return TopicFailure.NotAuthorized;
        }
        if (cause instanceof InvalidReplicationFactorException
                || cause instanceof InvalidPartitionsException
                || cause instanceof InvalidConfigurationException
                || cause instanceof InvalidRequestException
                || cause instanceof PolicyViolationException) {
            return TopicFailure.InvalidRequest;
        }
        return TopicFailure.KafkaError;
    }
}
