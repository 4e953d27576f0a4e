package io.eventpipeline.operator.topics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
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
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Every Kafka Admin call the operator makes, for one cluster. Each method sends one batched request
 * for all the topics it is given, maps failures to a {@link TopicFailure} ({@link AdminFutures}),
 * and treats "already exists" / "already gone" as success so that retries are harmless.
 */
public final class TopicAdmin implements AutoCloseable {
    private final Admin admin;
    private final AdminFutures futures;

    /**
     * How long a batch waits for other pipelines' topics: at N = 1000 it cut describe batches by a
     * third and create batches by a fifth (operator/BENCHMARKS.md).
     */
    static final Duration LINGER = Duration.ofMillis(25);

    private final RequestBatcher<Describe, ExistingTopic> describes;
    private final RequestBatcher<DesiredTopic, Integer> creates;

    public TopicAdmin(Admin admin, KafkaCluster cluster, Duration timeout) {
        this(admin, cluster, timeout, LINGER);
    }

    /** With another linger (zero: only callers that arrive while a batch is sent share one). */
    TopicAdmin(Admin admin, KafkaCluster cluster, Duration timeout, Duration linger) {
        this.admin = admin;
        this.futures = new AdminFutures(cluster, timeout);
        this.describes = new RequestBatcher<>(this::describeNow, linger);
        this.creates = new RequestBatcher<>(this::createNow, linger);
    }

    /** A topic to describe, and whether its configs are wanted as well. */
    private record Describe(String name, boolean configs) {}

    /**
     * The named topics that exist, with partition counts, and with their topic-level configs for
     * those in {@code withConfigs} (the others report none: a DescribeConfigs request costs the
     * broker far more than a DescribeTopics, so it is only made for topics whose configs are
     * checked). Concurrent callers share one request.
     */
    public Map<String, ExistingTopic> describe(
            Collection<String> names, Collection<String> withConfigs) {
        List<Describe> wanted =
                names.stream().map(n -> new Describe(n, withConfigs.contains(n))).toList();
        Map<String, ExistingTopic> existing = new TreeMap<>();
        describes
                .request(wanted)
                .forEach(
                        (describe, topic) -> {
                            if (topic != null) {
                                existing.put(describe.name(), topic);
                            }
                        });
        return existing;
    }

    private Map<Describe, RequestBatcher.Outcome<ExistingTopic>> describeNow(Set<Describe> wanted) {
        Set<String> names = new TreeSet<>();
        wanted.forEach(d -> names.add(d.name()));
        Map<String, Integer> partitions = new TreeMap<>();
        Map<String, KafkaFuture<TopicDescription>> described =
                admin.describeTopics(names).topicNameValues();
        for (Map.Entry<String, KafkaFuture<TopicDescription>> entry : described.entrySet()) {
            Optional<TopicDescription> description =
                    futures.await("describe topic " + entry.getKey(), entry.getValue(), true);
            description.ifPresent(d -> partitions.put(d.name(), d.partitions().size()));
        }
        Map<String, Map<String, String>> configs = configsOf(wanted, partitions.keySet());
        Map<Describe, RequestBatcher.Outcome<ExistingTopic>> outcomes = new HashMap<>();
        for (Describe describe : wanted) {
            Integer count = partitions.get(describe.name());
            outcomes.put(
                    describe,
                    RequestBatcher.Outcome.of(
                            count == null
                                    ? null
                                    : new ExistingTopic(
                                            describe.name(),
                                            count,
                                            describe.configs()
                                                    ? configs.getOrDefault(
                                                            describe.name(), Map.of())
                                                    : Map.of())));
        }
        return outcomes;
    }

    /** The configs set on each existing topic whose configs some caller wants. */
    private Map<String, Map<String, String>> configsOf(Set<Describe> wanted, Set<String> existing) {
        List<ConfigResource> resources =
                wanted.stream()
                        .filter(d -> d.configs() && existing.contains(d.name()))
                        .map(d -> d.name())
                        .distinct()
                        .sorted()
                        .map(name -> new ConfigResource(ConfigResource.Type.TOPIC, name))
                        .toList();
        Map<String, Map<String, String>> byTopic = new TreeMap<>();
        if (resources.isEmpty()) {
            return byTopic;
        }
        Map<ConfigResource, Config> configs =
                futures.await(
                                "describe topic configs",
                                admin.describeConfigs(resources).all(),
                                false)
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
            byTopic.put(resource.name(), set);
        }
        return byTopic;
    }

    /**
     * Creates the topics and returns the partition count of each one this call created. A topic
     * that appeared meanwhile (created by someone else, or by another pipeline's request in the
     * same batch) is left out of the result: it exists, but this pipeline did not create it.
     * Concurrent callers share one request; one topic's failure fails only its own caller.
     */
    public Map<String, Integer> create(List<DesiredTopic> topics) {
        Map<String, Integer> created = new TreeMap<>();
        createEach(topics)
                .forEach(
                        (name, creation) -> {
                            if (creation.refused()) {
                                throw creation.failure();
                            }
                            if (creation.created()) {
                                created.put(name, creation.partitions());
                            }
                        });
        return created;
    }

    /**
     * Creates the topics and says, for each, whether this call created it, found it there already,
     * or was refused: when one topic is refused, the others this call created are still known.
     * Throws only when the whole request failed (e.g. Kafka did not answer).
     */
    public Map<String, TopicCreation> createEach(List<DesiredTopic> topics) {
        Map<String, TopicCreation> creations = new TreeMap<>();
        if (topics.isEmpty()) {
            return creations;
        }
        creates.requestEach(topics)
                .forEach(
                        (topic, outcome) ->
                                creations.put(
                                        topic.name(),
                                        outcome.failure() != null
                                                ? TopicCreation.refused(
                                                        (TopicOperationException) outcome.failure())
                                                : outcome.value() != null
                                                        ? TopicCreation.created(outcome.value())
                                                        : TopicCreation.alreadyThere()));
        return creations;
    }

    private Map<DesiredTopic, RequestBatcher.Outcome<Integer>> createNow(Set<DesiredTopic> topics) {
        Map<DesiredTopic, RequestBatcher.Outcome<Integer>> outcomes = new HashMap<>();
        Map<String, DesiredTopic> firstByName = new TreeMap<>();
        for (DesiredTopic topic : topics) {
            if (firstByName.putIfAbsent(topic.name(), topic) != null) {
                outcomes.put(topic, RequestBatcher.Outcome.of(null)); // another pipeline's request
            }
        }
        List<NewTopic> requests = new ArrayList<>();
        for (DesiredTopic topic : firstByName.values()) {
            requests.add(
                    new NewTopic(topic.name(), topic.partitions(), topic.replicationFactor())
                            .configs(topic.config()));
        }
        CreateTopicsResult result = admin.createTopics(requests);
        for (DesiredTopic topic : firstByName.values()) {
            String what = "create topic " + topic.name();
            try {
                futures.await(what, result.values().get(topic.name()), false);
                outcomes.put(
                        topic,
                        RequestBatcher.Outcome.of(
                                futures.await(what, result.numPartitions(topic.name()), false)
                                        .orElseThrow()));
            } catch (TopicOperationException e) {
                outcomes.put(
                        topic,
                        e.getCause() instanceof TopicExistsException
                                ? RequestBatcher.Outcome.of(null)
                                : RequestBatcher.Outcome.failed(e));
            }
        }
        return outcomes;
    }

    /** Raises partition counts (topic name -> new total). */
    public void addPartitions(Map<String, Integer> totals) {
        if (totals.isEmpty()) {
            return;
        }
        Map<String, NewPartitions> request = new HashMap<>();
        totals.forEach((name, total) -> request.put(name, NewPartitions.increaseTo(total)));
        futures.await(
                "add partitions to " + totals.keySet(),
                admin.createPartitions(request).all(),
                false);
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
        futures.await(
                "set configs of " + configsByTopic.keySet(),
                admin.incrementalAlterConfigs(request).all(),
                false);
    }

    /** Deletes the topics; one already gone counts as deleted. */
    public void delete(Collection<String> names) {
        if (names.isEmpty()) {
            return;
        }
        futures.await("delete topics " + names, admin.deleteTopics(names).all(), true);
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }
}
