package io.eventpipeline.job.kafka;

import static io.eventpipeline.testsupport.kafka.KafkaTopics.header;
import static io.eventpipeline.testsupport.kafka.KafkaTopics.value;
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
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The deployed job's graph on a MiniCluster against a real broker, at-least-once: matches on the
 * output topic, and every record that cannot be matched on the dead-letter topic with its bytes,
 * coordinates and reason, including one that arrives behind the watermark.
 */
class KafkaRoundTripIT {
    @RegisterExtension static final MiniClusterExtension FLINK = SharedMiniCluster.create();

    private static final EmbeddedKafkaBroker broker = SharedKafka.broker();
    private static final KafkaTopics topics = SharedKafka.topics();

    static ResolvedPipeline pipeline(String name, String delivery) throws Exception {
        return pipeline(name, delivery, "{field: ts}");
    }

    /**
     * @param timestamp the {@code spec.input.timestamp} object
     */
    static ResolvedPipeline pipeline(String name, String delivery, String timestamp)
            throws Exception {
        return ResolvedPipeline.resolve(
                PipelineDefinition.parse(
                        """
                        apiVersion: eventpipeline.io/v1alpha1
                        kind: EventPipeline
                        metadata: {name: %1$s, namespace: it}
                        spec:
                          kafka: {bootstrapServers: "%2$s"}
                          input: {topic: %1$s-in, key: id, timestamp: %4$s, startFrom: earliest}
                          output: {topic: %1$s-out}
                          deadLetter: {topic: %1$s-dlq}
                          delivery: %3$s
                          patterns:
                            - name: delay-then-gate
                              within: 1h
                              emit: {gate: "gate[0].gate"}
                              steps:
                                - {name: delay, where: "event.type == 'DELAY'"}
                                - {name: gate, where: "event.type == 'GATE'"}
                        """
                                .formatted(name, broker.bootstrapServers(), delivery, timestamp)));
    }

    static KafkaJobSettings settings(boolean bounded) {
        return new KafkaJobSettings(
                broker.bootstrapServers(), Map.of(), Duration.ofMinutes(5), bounded);
    }

    @Test
    void matchesGoToTheOutputAndUnusableRecordsToTheDeadLetterTopic() throws Exception {
        topics.create("rt-in", "rt-out", "rt-dlq");
        topics.produce(
                "rt-in",
                List.of(
                        "{\"id\":\"A\",\"type\":\"DELAY\",\"ts\":1000}",
                        "not json",
                        "{\"type\":\"DELAY\",\"ts\":2000}",
                        "{\"id\":\"B\",\"type\":\"DELAY\"}",
                        "{\"id\":\"A\",\"type\":\"GATE\",\"gate\":\"B2\",\"ts\":60000}",
                        // moves event time far ahead, so the match above is complete
                        "{\"id\":\"Z\",\"type\":\"TICK\",\"ts\":1000000}"));
        long startedAt = System.currentTimeMillis();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        env.enableCheckpointing(200);
        KafkaPipelineJob.build(env, pipeline("rt", "at-least-once"), settings(false));
        JobClient job = env.executeAsync("round trip");
        try {
            List<ConsumerRecord<byte[], byte[]>> matches =
                    topics.read("rt-out", 1, Duration.ofSeconds(60));
            assertThat(matches).hasSize(1);
            assertThat(new String(matches.get(0).key())).isEqualTo("A");
            // Stamped when emitted, not with the match's event time (60 s after the epoch):
            // otherwise retention would delete alerts of replayed history at once.
            assertThat(matches.get(0).timestamp()).isGreaterThanOrEqualTo(startedAt);
            assertThat(value(matches.get(0)))
                    .contains("\"pattern\":\"delay-then-gate\"", "\"fields\":{\"gate\":\"B2\"}");

            // Event time is now past 60s: this one is late.
            topics.produce("rt-in", List.of("{\"id\":\"A\",\"type\":\"GATE\",\"ts\":5000}"));
            List<ConsumerRecord<byte[], byte[]>> dead =
                    topics.read("rt-dlq", 4, Duration.ofSeconds(60));
            assertThat(dead)
                    .extracting(KafkaTopics::value)
                    .containsExactly(
                            "not json",
                            "{\"type\":\"DELAY\",\"ts\":2000}",
                            "{\"id\":\"B\",\"type\":\"DELAY\"}",
                            "{\"id\":\"A\",\"type\":\"GATE\",\"ts\":5000}");
            assertThat(dead)
                    .extracting(r -> header(r, DeadLetterSerializer.SOURCE_OFFSET))
                    .containsExactly("1", "2", "3", "6");
            assertThat(dead)
                    .extracting(r -> header(r, DeadLetterSerializer.SOURCE_TOPIC))
                    .containsOnly("rt-in");
            assertThat(dead)
                    .extracting(r -> header(r, DeadLetterSerializer.REASON))
                    .satisfiesExactly(
                            r -> assertThat(r).startsWith("not JSON"),
                            r -> assertThat(r).isEqualTo("missing key field 'id'"),
                            r -> assertThat(r).isEqualTo("missing timestamp field 'ts'"),
                            r -> assertThat(r).startsWith("late: event time 5000"));
            // Nothing else was dropped: 7 records in = 3 matched-or-pending events + 4 dead
            // letters, and no further output appears.
            assertThat(topics.read("rt-out", 2, Duration.ofSeconds(2))).hasSize(1);
        } finally {
            job.cancel().get();
        }
    }

    /**
     * Two source readers over one partition and no idleTimeout: the reader without a partition must
     * not hold event time back, or no match would ever be emitted.
     */
    @Test
    void moreReadersThanPartitionsStillMatch() throws Exception {
        topics.create("idle-in", "idle-out", "idle-dlq");
        topics.produce(
                "idle-in",
                List.of(
                        "{\"id\":\"A\",\"type\":\"DELAY\",\"ts\":1000}",
                        "{\"id\":\"A\",\"type\":\"GATE\",\"gate\":\"C3\",\"ts\":2000}",
                        "{\"id\":\"Z\",\"type\":\"TICK\",\"ts\":10000}"));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        env.enableCheckpointing(200);
        KafkaPipelineJob.build(env, pipeline("idle", "at-least-once"), settings(false));
        JobClient job = env.executeAsync("more readers than partitions");
        try {
            List<ConsumerRecord<byte[], byte[]>> matches =
                    topics.read("idle-out", 1, Duration.ofSeconds(30));
            assertThat(matches).hasSize(1);
            assertThat(value(matches.get(0))).contains("\"fields\":{\"gate\":\"C3\"}");
        } finally {
            job.cancel().get();
        }
    }

    /**
     * A partition that stays empty holds event time back (it might still deliver older events),
     * until the pipeline's idleTimeout declares it idle.
     */
    @Test
    void idleTimeoutReleasesEventTimeHeldByAQuietPartition() throws Exception {
        topics.createWithPartitions(2, "quiet-in");
        topics.create("quiet-out", "quiet-dlq");
        topics.produce(
                "quiet-in",
                0,
                List.of(
                        "{\"id\":\"A\",\"type\":\"DELAY\",\"ts\":1000}",
                        "{\"id\":\"A\",\"type\":\"GATE\",\"gate\":\"D4\",\"ts\":2000}",
                        "{\"id\":\"Z\",\"type\":\"TICK\",\"ts\":10000}"));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        KafkaPipelineJob.build(
                env,
                pipeline("quiet", "at-least-once", "{field: ts, idleTimeout: 500ms}"),
                settings(false));
        JobClient job = env.executeAsync("quiet partition");
        try {
            List<ConsumerRecord<byte[], byte[]>> matches =
                    topics.read("quiet-out", 1, Duration.ofSeconds(30));
            assertThat(matches).hasSize(1);
            assertThat(value(matches.get(0))).contains("\"fields\":{\"gate\":\"D4\"}");
        } finally {
            job.cancel().get();
        }
    }

    /** Without a timestamp field, event time is the Kafka record time. */
    @Test
    void recordTimeIsEventTimeWhenNoFieldIsGiven() throws Exception {
        topics.create("rtime-in", "rtime-out", "rtime-dlq");
        topics.produce(
                "rtime-in",
                List.of(
                        "{\"id\":\"A\",\"type\":\"DELAY\"}",
                        "{\"id\":\"A\",\"type\":\"GATE\",\"gate\":\"E5\"}"));
        // Later record time than the gate's, so the watermark passes it.
        Thread.sleep(20);
        topics.produce("rtime-in", List.of("{\"id\":\"Z\",\"type\":\"TICK\"}"));
        List<ConsumerRecord<byte[], byte[]>> input =
                topics.read("rtime-in", 3, Duration.ofSeconds(10));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        KafkaPipelineJob.build(env, pipeline("rtime", "at-least-once", "null"), settings(false));
        JobClient job = env.executeAsync("record time");
        try {
            List<ConsumerRecord<byte[], byte[]>> matches =
                    topics.read("rtime-out", 1, Duration.ofSeconds(30));
            assertThat(matches).hasSize(1);
            assertThat(value(matches.get(0)))
                    .contains(
                            "\"start\":" + input.get(0).timestamp(),
                            "\"end\":" + input.get(1).timestamp(),
                            "\"fields\":{\"gate\":\"E5\"}");
        } finally {
            job.cancel().get();
        }
    }
}
