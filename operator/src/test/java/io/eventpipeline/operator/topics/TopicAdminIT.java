package io.eventpipeline.operator.topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.eventpipeline.kafka.embedded.EmbeddedKafkaBroker;
import io.eventpipeline.operator.testing.CountingAdmin;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.CreateTopicsOptions;
import org.apache.kafka.clients.admin.CreateTopicsResult;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.DescribeTopicsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.TopicCollection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Admin wrapper against a real broker: batching across callers, typed failures. */
class TopicAdminIT {
    static EmbeddedKafkaBroker broker;
    final ExecutorService pool = Executors.newFixedThreadPool(24);

    @BeforeAll
    static void start() {
        broker = EmbeddedKafkaBroker.builder().build().start();
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    @AfterEach
    void shutdown() {
        pool.shutdownNow();
    }

    /** An Admin whose first request of each kind is held, so that others queue up behind it. */
    static final class HoldingAdmin extends CountingAdmin {
        final CountDownLatch release = new CountDownLatch(1);
        final AtomicBoolean describeHeld = new AtomicBoolean();
        final AtomicBoolean createHeld = new AtomicBoolean();

        HoldingAdmin(Map<String, Object> config) {
            super(config);
        }

        @Override
        public DescribeTopicsResult describeTopics(
                TopicCollection topics, DescribeTopicsOptions options) {
            if (describeHeld.compareAndSet(false, true)) {
                await();
            }
            return super.describeTopics(topics, options);
        }

        @Override
        public CreateTopicsResult createTopics(
                Collection<NewTopic> topics, CreateTopicsOptions options) {
            if (createHeld.compareAndSet(false, true)) {
                await();
            }
            return super.createTopics(topics, options);
        }

        private void await() {
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    static DesiredTopic topic(String name, int partitions, int replicationFactor) {
        return new DesiredTopic(
                TopicRole.OUTPUT,
                name,
                true,
                Optional.of(partitions),
                Optional.of((short) replicationFactor),
                Map.of());
    }

    TopicAdmin admin(HoldingAdmin holding) {
        // No linger: these tests hold the first request and count what queued behind it.
        return new TopicAdmin(
                holding,
                new KafkaCluster(broker.bootstrapServers(), Map.of()),
                Duration.ofSeconds(10),
                Duration.ZERO);
    }

    @Test
    void concurrentDescribesShareRequests() throws Exception {
        HoldingAdmin holding = new HoldingAdmin(broker.clientConfig());
        holding.createHeld.set(true); // only describes are held here
        try (TopicAdmin admin = admin(holding)) {
            admin.create(List.of(topic("described-a", 2, 1), topic("described-b", 3, 1)));
            List<Future<Map<String, ExistingTopic>>> answers = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                List<String> names =
                        i % 2 == 0
                                ? List.of("described-a", "missing-" + i)
                                : List.of("described-b");
                answers.add(pool.submit(() -> admin.describe(names, List.of())));
            }
            Thread.sleep(500); // all 20 callers are now waiting: the first is held, 19 queued
            holding.release.countDown();
            for (int i = 0; i < 20; i++) {
                Map<String, ExistingTopic> found = answers.get(i).get(10, TimeUnit.SECONDS);
                if (i % 2 == 0) {
                    assertThat(found).containsOnlyKeys("described-a");
                    assertThat(found.get("described-a").partitions()).isEqualTo(2);
                } else {
                    assertThat(found).containsOnlyKeys("described-b");
                    assertThat(found.get("described-b").partitions()).isEqualTo(3);
                }
            }
            // The held first request, then one for the 19 that queued behind it (a straggler on a
            // loaded machine may need one more): never one per caller.
            assertThat(holding.describeRequests()).isBetween(2L, 3L);
        }
    }

    @Test
    void oneTopicsFailureInASharedCreateFailsOnlyItsCaller() throws Exception {
        HoldingAdmin holding = new HoldingAdmin(broker.clientConfig());
        try (TopicAdmin admin = admin(holding)) {
            Future<?> first = pool.submit(() -> admin.create(List.of(topic("batch-first", 1, 1))));
            Thread.sleep(200);
            Future<Map<String, Integer>> good =
                    pool.submit(() -> admin.create(List.of(topic("batch-good", 4, 1))));
            Future<Map<String, Integer>> bad =
                    pool.submit(() -> admin.create(List.of(topic("batch-bad", 1, 3))));
            Future<Map<String, Integer>> twinA =
                    pool.submit(() -> admin.create(List.of(topic("batch-twin", 1, 1))));
            Future<Map<String, Integer>> twinB =
                    pool.submit(() -> admin.create(List.of(topic("batch-twin", 2, 1))));
            Thread.sleep(300);
            holding.release.countDown();

            first.get(10, TimeUnit.SECONDS);
            assertThat(good.get(10, TimeUnit.SECONDS)).containsEntry("batch-good", 4);
            assertThatThrownBy(() -> bad.get(10, TimeUnit.SECONDS))
                    .cause()
                    .isInstanceOfSatisfying(
                            TopicOperationException.class,
                            e -> {
                                assertThat(e.failure()).isEqualTo(TopicFailure.InvalidRequest);
                                assertThat(e.getMessage()).contains("batch-bad");
                            });
            // Two pipelines asking for one topic in one batch: exactly one of them created it.
            int owners =
                    twinA.get(10, TimeUnit.SECONDS).size() + twinB.get(10, TimeUnit.SECONDS).size();
            assertThat(owners).isEqualTo(1);
            assertThat(holding.createRequests()).isBetween(2L, 3L);
        }
    }

    @Test
    void configsAreDescribedOnlyForTheTopicsThatAskForThem() throws Exception {
        HoldingAdmin holding = new HoldingAdmin(broker.clientConfig());
        holding.release.countDown();
        try (TopicAdmin admin = admin(holding)) {
            DesiredTopic configured =
                    new DesiredTopic(
                            TopicRole.INPUT,
                            "configured",
                            true,
                            Optional.of(1),
                            Optional.of((short) 1),
                            Map.of("retention.ms", "3600000"));
            admin.create(List.of(configured, topic("plain", 1, 1)));
            // The broker may describe a topic it just created a moment later: wait, without
            // asking for configs (which this test counts).
            await().atMost(Duration.ofSeconds(10))
                    .ignoreExceptions()
                    .until(
                            () -> admin.describe(List.of("configured", "plain"), List.of()).size(),
                            size -> size == 2);

            Map<String, ExistingTopic> both =
                    admin.describe(List.of("configured", "plain"), List.of("configured"));
            assertThat(both.get("configured").configs()).containsEntry("retention.ms", "3600000");
            assertThat(both.get("plain").configs()).isEmpty();
            assertThat(holding.describeConfigsRequests()).isEqualTo(1);

            Map<String, ExistingTopic> partitionsOnly =
                    admin.describe(List.of("configured", "plain"), List.of());
            assertThat(partitionsOnly.get("configured").partitions()).isEqualTo(1);
            assertThat(partitionsOnly.get("configured").configs()).isEmpty();
            assertThat(holding.describeConfigsRequests()).isEqualTo(1);
        }
    }

    @Test
    void existingAndMissingTopicsAreSuccesses() throws Exception {
        HoldingAdmin holding = new HoldingAdmin(broker.clientConfig());
        holding.release.countDown();
        try (TopicAdmin admin = admin(holding)) {
            assertThat(admin.create(List.of(topic("again", 1, 1)))).containsEntry("again", 1);
            assertThat(admin.create(List.of(topic("again", 1, 1)))).isEmpty();
            admin.delete(List.of("again"));
            admin.delete(List.of("again"));
            assertThat(admin.describe(List.of("again"), List.of())).isEmpty();
        }
    }

    @Test
    void anUnreachableClusterIsTyped() {
        HoldingAdmin holding =
                new HoldingAdmin(
                        Map.of(
                                "bootstrap.servers", "127.0.0.1:1",
                                "default.api.timeout.ms", 1000,
                                "request.timeout.ms", 1000));
        holding.release.countDown();
        try (TopicAdmin admin =
                new TopicAdmin(
                        holding,
                        new KafkaCluster("127.0.0.1:1", Map.of()),
                        Duration.ofMillis(1500))) {
            assertThatThrownBy(() -> admin.describe(List.of("anything"), List.of()))
                    .isInstanceOfSatisfying(
                            TopicOperationException.class,
                            e -> {
                                assertThat(e.failure()).isEqualTo(TopicFailure.KafkaUnreachable);
                                assertThat(e.getMessage())
                                        .contains("127.0.0.1:1")
                                        .contains("did not answer");
                            });
        }
    }
}
