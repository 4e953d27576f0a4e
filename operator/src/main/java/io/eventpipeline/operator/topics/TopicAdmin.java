package io.eventpipeline.operator.topics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.CreateTopicsResult;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.InvalidConfigurationException;
import org.apache.kafka.common.errors.InvalidPartitionsException;
import org.apache.kafka.common.errors.InvalidReplicationFactorException;
import org.apache.kafka.common.errors.InvalidRequestException;
import org.apache.kafka.common.errors.PolicyViolationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Every Kafka Admin call the operator makes, for one cluster. Each method sends one batched request
 * for all the topics it is given, maps failures to a {@link TopicFailure}, and treats "already
 * exists" / "already gone" as success so that retries are harmless.
 */
public final class TopicAdmin implements AutoCloseable {
    private final Admin admin;
    private final KafkaCluster cluster;
    private final Duration timeout;

    public TopicAdmin(Admin admin, KafkaCluster cluster, Duration timeout) {
        this.admin = admin;
        this.cluster = cluster;
        this.timeout = timeout;
    }

    /** The named topics that exist, with partition counts and topic-level configs. */
    public Map<String, ExistingTopic> describe(Collection<String> names) {
        Map<String, Integer> partitions = new TreeMap<>();
        Map<String, KafkaFuture<TopicDescription>> futures =
                admin.describeTopics(names).topicNameValues();
        for (Map.Entry<String, KafkaFuture<TopicDescription>> entry : futures.entrySet()) {
            Optional<TopicDescription> description =
                    await("describe topic " + entry.getKey(), entry.getValue(), true);
            description.ifPresent(d -> partitions.put(d.name(), d.partitions().size()));
        }
        Map<String, ExistingTopic> existing = new TreeMap<>();
        if (partitions.isEmpty()) {
            return existing;
        }
        List<ConfigResource> resources =
                partitions.keySet().stream()
                        .map(name -> new ConfigResource(ConfigResource.Type.TOPIC, name))
                        .toList();
        Map<ConfigResource, Config> configs =
                await("describe topic configs", admin.describeConfigs(resources).all(), false)
                        .orElseThrow();
        for (ConfigResource resource : resources) {
            Map<String, String> set = new TreeMap<>();
            Config config = configs.get(resource);
            if (config != null) {
                for (ConfigEntry entry : config.entries()) {
                    if (entry.source() == ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG) {
                        set.put(entry.name(), entry.value());
                    }
                }
            }
            existing.put(
                    resource.name(),
                    new ExistingTopic(resource.name(), partitions.get(resource.name()), set));
        }
        return existing;
    }

    /**
     * Creates the topics and returns the partition count of each one this call created. A topic
     * that appeared meanwhile is left out of the result: it exists, but not by this operator.
     */
    public Map<String, Integer> create(List<DesiredTopic> topics) {
        Map<String, Integer> created = new TreeMap<>();
        if (topics.isEmpty()) {
            return created;
        }
        List<NewTopic> requests = new ArrayList<>();
        for (DesiredTopic topic : topics) {
            requests.add(
                    new NewTopic(topic.name(), topic.partitions(), topic.replicationFactor())
                            .configs(topic.config()));
        }
        CreateTopicsResult result = admin.createTopics(requests);
        for (DesiredTopic topic : topics) {
            KafkaFuture<Void> done = result.values().get(topic.name());
            try {
                done.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                created.put(
                        topic.name(),
                        await(
                                        "create topic " + topic.name(),
                                        result.numPartitions(topic.name()),
                                        false)
                                .orElseThrow());
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw failure("create topic " + topic.name(), e.getCause());
                }
            } catch (java.util.concurrent.TimeoutException e) {
                throw failure("create topic " + topic.name(), new TimeoutException(e.getMessage()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw failure("create topic " + topic.name(), e);
            }
        }
        return created;
    }

    /** Raises partition counts (topic name -> new total). */
    public void addPartitions(Map<String, Integer> totals) {
        if (totals.isEmpty()) {
            return;
        }
        Map<String, NewPartitions> request = new HashMap<>();
        totals.forEach((name, total) -> request.put(name, NewPartitions.increaseTo(total)));
        await("add partitions to " + totals.keySet(), admin.createPartitions(request).all(), false);
    }

    /** Sets the given configs on each topic, leaving its other configs alone. */
    public void setConfigs(Map<String, Map<String, String>> configsByTopic) {
        if (configsByTopic.isEmpty()) {
            return;
        }
        Map<ConfigResource, Collection<AlterConfigOp>> request = new HashMap<>();
        configsByTopic.forEach(
                (name, configs) ->
                        request.put(
                                new ConfigResource(ConfigResource.Type.TOPIC, name),
                                configs.entrySet().stream()
                                        .map(
                                                e ->
                                                        new AlterConfigOp(
                                                                new ConfigEntry(
                                                                        e.getKey(), e.getValue()),
                                                                AlterConfigOp.OpType.SET))
                                        .toList()));
        await(
                "set configs of " + configsByTopic.keySet(),
                admin.incrementalAlterConfigs(request).all(),
                false);
    }

    /** Deletes the topics; one already gone counts as deleted. */
    public void delete(Collection<String> names) {
        if (names.isEmpty()) {
            return;
        }
        await("delete topics " + names, admin.deleteTopics(names).all(), true);
    }

    public KafkaCluster cluster() {
        return cluster;
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }

    /**
     * Waits for one Admin future. With {@code absentIfUnknown}, an unknown topic gives an empty
     * result instead of a failure.
     */
    private <T> Optional<T> await(String what, KafkaFuture<T> future, boolean absentIfUnknown) {
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

    private TopicOperationException failure(String what, Throwable cause) {
        TopicFailure failure = classify(cause);
        String message =
                switch (failure) {
                    case KafkaUnreachable ->
                            "Kafka at " + cluster + " did not answer (" + what + ")";
                    case AuthenticationFailed ->
                            "Kafka at "
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
