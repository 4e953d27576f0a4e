package io.eventpipeline.job.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventpipeline.kafka.embedded.EmbeddedKafkaBroker;
import io.eventpipeline.spec.PipelineDefinition;
import io.eventpipeline.spec.resolved.ResolvedPipeline;
import io.eventpipeline.testsupport.flink.SharedMiniCluster;
import io.eventpipeline.testsupport.kafka.KafkaTopics;
import io.eventpipeline.testsupport.kafka.SharedKafka;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code startFrom: committed}: a job started without a savepoint continues from the offsets its
 * consumer group (one per pipeline) committed on checkpoints, so nothing is matched twice.
 */
class StartFromCommittedIT {
    @RegisterExtension static final MiniClusterExtension FLINK = SharedMiniCluster.create();

    private static final TopicPartition INPUT = new TopicPartition("cm-in", 0);

    private final EmbeddedKafkaBroker broker = SharedKafka.broker();
    private final KafkaTopics topics = SharedKafka.topics();

    private ResolvedPipeline pipeline() throws Exception {
        return ResolvedPipeline.resolve(
                PipelineDefinition.parse(
                        """
                        apiVersion: eventpipeline.io/v1alpha1
                        kind: EventPipeline
                        metadata: {name: cm, namespace: it}
                        spec:
                          kafka: {bootstrapServers: "%s"}
                          input: {topic: cm-in, key: id, timestamp: {field: ts}, startFrom: committed}
                          output: {topic: cm-out}
                          deadLetter: {topic: cm-dlq}
                          patterns:
                            - name: delay-then-gate
                              steps:
                                - {name: delay, where: "event.type == 'DELAY'"}
                                - {name: gate, where: "event.type == 'GATE'"}
                        """
                                .formatted(broker.bootstrapServers())));
    }

    private JobClient start() throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        // Offsets are committed to the group when a checkpoint completes.
        env.enableCheckpointing(200);
        KafkaPipelineJob.build(
                env,
                pipeline(),
                new KafkaJobSettings(
                        broker.bootstrapServers(), Map.of(), Duration.ofMinutes(5), false));
        return env.executeAsync("start from committed");
    }

    /** A delay and a gate for {@code id}, then a tick that moves event time past both. */
    private static List<String> matchingEvents(String id, long ts) {
        return List.of(
                "{\"id\":\"%s\",\"type\":\"DELAY\",\"ts\":%d}".formatted(id, ts),
                "{\"id\":\"%s\",\"type\":\"GATE\",\"ts\":%d}".formatted(id, ts + 1000),
                "{\"id\":\"clock\",\"type\":\"TICK\",\"ts\":%d}".formatted(ts + 10_000));
    }

    private long committedOffset(Admin admin) throws Exception {
        String group = new KafkaNames("it", "cm").consumerGroup();
        OffsetAndMetadata offset =
                admin.listConsumerGroupOffsets(group)
                        .partitionsToOffsetAndMetadata()
                        .get()
                        .get(INPUT);
        return offset == null ? -1 : offset.offset();
    }

    @Test
    void aRestartWithoutSavepointContinuesFromTheCommittedOffsets() throws Exception {
        topics.create("cm-in", "cm-out", "cm-dlq");
        topics.produce("cm-in", matchingEvents("A", 1000));
        try (Admin admin = Admin.create(broker.clientConfig())) {
            // The group starts at the beginning (absent offsets mean latest: nothing to read).
            admin.alterConsumerGroupOffsets(
                            new KafkaNames("it", "cm").consumerGroup(),
                            Map.of(INPUT, new OffsetAndMetadata(0)))
                    .all()
                    .get();

            JobClient first = start();
            assertThat(topics.read("cm-out", 1, Duration.ofSeconds(60))).hasSize(1);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (committedOffset(admin) < 3 && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            first.cancel().get();
            assertThat(committedOffset(admin)).isEqualTo(3);
        }

        topics.produce("cm-in", matchingEvents("B", 20_000));
        JobClient second = start();
        try {
            // Then B's match: A's events, before the committed offset, are not read again (a
            // replay would match A again, before B).
            assertThat(topics.read("cm-out", 2, Duration.ofSeconds(60)))
                    .extracting(r -> new String(r.key()))
                    .containsExactly("A", "B");
        } finally {
            second.cancel().get();
        }
    }
}
