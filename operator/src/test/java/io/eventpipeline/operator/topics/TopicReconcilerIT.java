package io.eventpipeline.operator.topics;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventpipeline.kafka.embedded.EmbeddedKafkaBroker;
import io.eventpipeline.operator.api.TopicStatus;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.DescribeTopicsResult;
import org.apache.kafka.clients.admin.ForwardingAdmin;
import org.apache.kafka.common.TopicCollection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Topic reconciliation against a real broker. */
class TopicReconcilerIT {
    static EmbeddedKafkaBroker broker;

    @BeforeAll
    static void start() {
        broker = EmbeddedKafkaBroker.builder().build().start();
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    /**
     * An Admin whose describes do not see some topics yet: what a broker answers while its metadata
     * lags behind the controller, as after a topic was just created.
     */
    static final class LaggingAdmin extends ForwardingAdmin {
        private final Set<String> notYetVisible;

        LaggingAdmin(Map<String, Object> config, Set<String> notYetVisible) {
            super(config);
            this.notYetVisible = notYetVisible;
        }

        @Override
        public DescribeTopicsResult describeTopics(
                TopicCollection topics, DescribeTopicsOptions options) {
            Collection<String> names = ((TopicCollection.TopicNameCollection) topics).topicNames();
            return super.describeTopics(
                    TopicCollection.ofTopicNames(
                            names.stream().filter(n -> !notYetVisible.contains(n)).toList()),
                    options);
        }
    }

    private static TopicAdmin admin(Set<String> notYetVisible) {
        return new TopicAdmin(
                new LaggingAdmin(broker.clientConfig(), notYetVisible),
                new KafkaCluster(broker.bootstrapServers(), Map.of()),
                Duration.ofSeconds(10));
    }

    private static DesiredTopic topic(TopicRole role, String name, Optional<Integer> partitions) {
        return new DesiredTopic(role, name, true, partitions, Optional.of((short) 1), Map.of());
    }

    private static Map<String, TopicStatus> byName(List<TopicStatus> topics) {
        Map<String, TopicStatus> byName = new TreeMap<>();
        topics.forEach(t -> byName.put(t.getName(), t));
        return byName;
    }

    @Test
    void aTopicWeCreatedThatABrokerDoesNotShowYetKeepsItsStatus() throws Exception {
        TopicPlan plan =
                new TopicPlan(
                        List.of(
                                topic(TopicRole.INPUT, "lag-in", Optional.of(2)),
                                // No partitions asked: the broker's default, known from the create.
                                topic(TopicRole.OUTPUT, "lag-out", Optional.empty()),
                                topic(TopicRole.DEAD_LETTER, "lag-dlq", Optional.of(3))));
        TopicReconciler reconciler = new TopicReconciler();
        TopicsOutcome first;
        try (TopicAdmin admin = admin(Set.of())) {
            first = reconciler.reconcile(plan, admin, Map.of());
        }
        assertThat(first.allReady()).isTrue();
        assertThat(first.topics()).extracting(TopicStatus::getPartitions).containsExactly(2, 1, 3);
        assertThat(first.topics())
                .allSatisfy(t -> assertThat(t.getCreated()).isTrue())
                .allSatisfy(t -> assertThat(t.getMessage()).isNull());

        TopicsOutcome lagging;
        try (TopicAdmin admin = admin(Set.of("lag-out", "lag-dlq"))) {
            lagging = reconciler.reconcile(plan, admin, byName(first.topics()));
        }
        assertThat(lagging.topics()).isEqualTo(first.topics());

        // Not ours: a topic someone else made between our describe and our create is reported.
        TopicsOutcome foreign;
        try (TopicAdmin admin = admin(Set.of("lag-out"))) {
            foreign = reconciler.reconcile(plan, admin, Map.of("lag-in", first.topics().get(0)));
        }
        assertThat(foreign.topics().get(1).getCreated()).isNull();
        assertThat(foreign.topics().get(1).getMessage())
                .isEqualTo("appeared while being created; used as is");
    }
}
