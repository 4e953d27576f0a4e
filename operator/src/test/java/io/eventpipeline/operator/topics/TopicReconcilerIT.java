package io.eventpipeline.operator.topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventpipeline.kafka.embedded.EmbeddedKafkaBroker;
import io.eventpipeline.operator.api.TopicStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.DescribeTopicsResult;
import org.apache.kafka.clients.admin.ForwardingAdmin;
import org.apache.kafka.clients.admin.NewTopic;
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
        TopicReconciler reconciler = new TopicReconciler(TopicCreationSteps.NONE);
        TopicsOutcome first;
        try (TopicAdmin admin = admin(Set.of())) {
            first = reconciler.reconcile(plan, admin, new RecordedOwnership(Map.of()));
        }
        assertThat(first.allReady()).isTrue();
        assertThat(first.topics()).extracting(TopicStatus::getPartitions).containsExactly(2, 1, 3);
        assertThat(first.topics())
                .allSatisfy(t -> assertThat(t.getCreated()).isTrue())
                .allSatisfy(t -> assertThat(t.getMessage()).isNull());

        TopicsOutcome lagging;
        try (TopicAdmin admin = admin(Set.of("lag-out", "lag-dlq"))) {
            lagging =
                    reconciler.reconcile(
                            plan, admin, new RecordedOwnership(byName(first.topics())));
        }
        assertThat(lagging.topics()).isEqualTo(first.topics());

        // Not ours: a topic someone else made between our describe and our create is reported.
        TopicsOutcome foreign;
        try (TopicAdmin admin = admin(Set.of("lag-out"))) {
            foreign =
                    reconciler.reconcile(
                            plan,
                            admin,
                            new RecordedOwnership(Map.of("lag-in", first.topics().get(0))));
        }
        assertThat(foreign.topics().get(1).getCreated()).isNull();
        assertThat(foreign.topics().get(1).getMessage())
                .isEqualTo("appeared while being created; used as is");
    }

    private static TopicAdmin admin() {
        return admin(Set.of());
    }

    private static Set<String> topicsOnBroker() throws Exception {
        try (Admin admin = Admin.create(broker.clientConfig())) {
            return admin.listTopics().names().get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void topicsAreClaimedBeforeTheyAreCreatedAndATopicFoundFirstIsNeverClaimed() throws Exception {
        try (Admin admin = Admin.create(broker.clientConfig())) {
            admin.createTopics(List.of(new NewTopic("claim-found", 1, (short) 1)))
                    .all()
                    .get(10, TimeUnit.SECONDS);
        }
        TopicPlan plan =
                new TopicPlan(
                        List.of(
                                topic(TopicRole.INPUT, "claim-in", Optional.of(1)),
                                topic(TopicRole.OUTPUT, "claim-found", Optional.of(1)),
                                topic(TopicRole.DEAD_LETTER, "claim-dlq", Optional.of(1))));
        RecordedOwnership ownership = new RecordedOwnership(Map.of());
        List<String> seenAtClaim = new ArrayList<>();
        TopicReconciler reconciler =
                new TopicReconciler(
                        (step, p) -> {
                            if (step == TopicCreationSteps.Step.CLAIMED) {
                                seenAtClaim.addAll(ownership.writes);
                                try {
                                    assertThat(topicsOnBroker())
                                            .doesNotContain("claim-in", "claim-dlq");
                                } catch (Exception e) {
                                    throw new IllegalStateException(e);
                                }
                            }
                        });
        TopicsOutcome outcome;
        try (TopicAdmin admin = admin()) {
            outcome = reconciler.reconcile(plan, admin, ownership);
        }
        assertThat(seenAtClaim).containsExactly("claim [claim-dlq, claim-in]");
        assertThat(ownership.writes).containsExactly("claim [claim-dlq, claim-in]");
        assertThat(outcome.topics())
                .extracting(TopicStatus::getCreated)
                .containsExactly(true, null, true);
        assertThat(ownership.confirmed).containsOnlyKeys("claim-in", "claim-dlq");

        // At rest: nothing is claimed or written again.
        try (TopicAdmin admin = admin()) {
            reconciler.reconcile(plan, admin, ownership);
        }
        assertThat(ownership.writes).hasSize(1);
    }

    @Test
    void aTopicThatAppearsBetweenOurClaimAndOurCreateIsNotOursAndItsClaimIsWithdrawn()
            throws Exception {
        TopicPlan plan = new TopicPlan(List.of(topic(TopicRole.INPUT, "race-in", Optional.of(1))));
        RecordedOwnership ownership = new RecordedOwnership(Map.of());
        TopicReconciler reconciler =
                new TopicReconciler(
                        (step, p) -> {
                            if (step == TopicCreationSteps.Step.CLAIMED) {
                                // Someone else wins the race for the name.
                                try (Admin admin = Admin.create(broker.clientConfig())) {
                                    admin.createTopics(
                                                    List.of(new NewTopic("race-in", 1, (short) 1)))
                                            .all()
                                            .get(10, TimeUnit.SECONDS);
                                } catch (Exception e) {
                                    throw new IllegalStateException(e);
                                }
                            }
                        });
        TopicsOutcome outcome;
        try (TopicAdmin admin = admin()) {
            outcome = reconciler.reconcile(plan, admin, ownership);
        }
        assertThat(ownership.writes).containsExactly("claim [race-in]", "release [race-in]");
        assertThat(ownership.claimed).isEmpty();
        assertThat(ownership.confirmed).isEmpty();
        assertThat(outcome.topics().get(0).getCreated()).isNull();
        assertThat(outcome.topics().get(0).getReady()).isTrue();
    }

    @Test
    void whenOneCreateIsRefusedTheTopicsCreatedWithItStayOwned() throws Exception {
        TopicPlan plan =
                new TopicPlan(
                        List.of(
                                topic(TopicRole.INPUT, "part-in", Optional.of(1)),
                                // One broker: a replication factor of 3 is refused.
                                new DesiredTopic(
                                        TopicRole.OUTPUT,
                                        "part-out",
                                        true,
                                        Optional.of(1),
                                        Optional.of((short) 3),
                                        Map.of())));
        RecordedOwnership ownership = new RecordedOwnership(Map.of());
        try (TopicAdmin admin = admin()) {
            assertThatThrownBy(
                            () ->
                                    new TopicReconciler(TopicCreationSteps.NONE)
                                            .reconcile(plan, admin, ownership))
                    .isInstanceOf(TopicOperationException.class)
                    .satisfies(
                            e ->
                                    assertThat(((TopicOperationException) e).failure())
                                            .isEqualTo(TopicFailure.InvalidRequest));
        }
        assertThat(topicsOnBroker()).contains("part-in").doesNotContain("part-out");
        assertThat(ownership.confirmed).containsOnlyKeys("part-in");
        assertThat(ownership.claimed).containsExactly("part-in", "part-out");
    }

    @Test
    void aClaimedTopicFoundAfterACrashIsOursWithoutAnotherWrite() throws Exception {
        try (Admin admin = Admin.create(broker.clientConfig())) {
            // Created by our request before the crash; only the claim recorded it.
            admin.createTopics(List.of(new NewTopic("crashed-in", 1, (short) 1)))
                    .all()
                    .get(10, TimeUnit.SECONDS);
        }
        TopicPlan plan =
                new TopicPlan(List.of(topic(TopicRole.INPUT, "crashed-in", Optional.of(2))));
        RecordedOwnership ownership = new RecordedOwnership(Map.of());
        ownership.claimed.add("crashed-in");
        TopicsOutcome outcome;
        try (TopicAdmin admin = admin()) {
            outcome =
                    new TopicReconciler(TopicCreationSteps.NONE).reconcile(plan, admin, ownership);
        }
        assertThat(outcome.topics().get(0).getCreated()).isTrue();
        assertThat(ownership.confirmed).containsOnlyKeys("crashed-in");
        assertThat(ownership.writes).isEmpty();
        // Ours, so altered as the spec asks (the broker learns of new partitions a moment later).
        try (Admin admin = Admin.create(broker.clientConfig())) {
            org.awaitility.Awaitility.await()
                    .atMost(java.time.Duration.ofSeconds(10))
                    .untilAsserted(
                            () ->
                                    assertThat(
                                                    admin.describeTopics(List.of("crashed-in"))
                                                            .allTopicNames()
                                                            .get(10, TimeUnit.SECONDS)
                                                            .get("crashed-in")
                                                            .partitions())
                                            .hasSize(2));
        }
    }
}
