package io.eventpipeline.job.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eventpipeline.kafka.embedded.EmbeddedKafkaBroker;
import io.eventpipeline.spec.PipelineDefinition;
import io.eventpipeline.spec.resolved.ResolvedPipeline;
import io.eventpipeline.testsupport.flink.SharedMiniCluster;
import io.eventpipeline.testsupport.kafka.KafkaTopics;
import io.eventpipeline.testsupport.kafka.SharedKafka;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Exactly-once delivery through a task failure: the job fails once mid-stream (after output was
 * written in a transaction that is then aborted), restarts from its last checkpoint and replays. A
 * read_committed consumer sees every expected match and dead letter exactly once.
 */
class ExactlyOnceFailoverIT {
    @RegisterExtension static final MiniClusterExtension FLINK = SharedMiniCluster.create();

    private static final ObjectMapper JSON = new ObjectMapper();

    private final EmbeddedKafkaBroker broker = SharedKafka.broker();
    private final KafkaTopics topics = SharedKafka.topics();

    private ResolvedPipeline pipeline() throws Exception {
        return ResolvedPipeline.resolve(
                PipelineDefinition.parse(
                        """
                        apiVersion: eventpipeline.io/v1alpha1
                        kind: EventPipeline
                        metadata: {name: eo, namespace: it}
                        spec:
                          kafka: {bootstrapServers: "%s"}
                          input: {topic: eo-in, key: id, timestamp: {field: ts}, startFrom: earliest}
                          output: {topic: eo-out}
                          deadLetter: {topic: eo-dlq}
                          delivery: exactly-once
                          patterns:
                            - name: delay-then-gate
                              within: 1h
                              steps:
                                - {name: delay, where: "event.type == 'DELAY'"}
                                - {name: gate, where: "event.type == 'GATE'"}
                        """
                                .formatted(broker.bootstrapServers())));
    }

    /** Key k: DELAY at k*10s, GATE one second later: exactly one match per key. */
    private static List<String> pair(int k) {
        String id = "k%02d".formatted(k);
        long ts = k * 10_000L;
        return List.of(
                "{\"id\":\"%s\",\"type\":\"DELAY\",\"ts\":%d}".formatted(id, ts),
                "{\"id\":\"%s\",\"type\":\"GATE\",\"ts\":%d}".formatted(id, ts + 1000));
    }

    /** Accepted, matches nothing, moves event time past every pair before it. */
    private static String tick(long ts) {
        return "{\"id\":\"clock\",\"type\":\"TICK\",\"ts\":%d}".formatted(ts);
    }

    @Test
    void committedOutputIsExactlyTheExpectedSetAfterAnInjectedFailure() throws Exception {
        FailOnceMap.reset();
        topics.create("eo-in", "eo-out", "eo-dlq");
        List<String> first = new ArrayList<>();
        for (int k = 0; k < 10; k++) {
            first.addAll(pair(k));
        }
        first.add("not json");
        first.add(tick(95_000));
        List<String> second = new ArrayList<>();
        for (int k = 10; k < 20; k++) {
            second.addAll(pair(k));
            if (k < 13) {
                // Several chances, in case a checkpoint falls right after one.
                second.add(FailOnceMap.ARM + " " + k);
            }
        }
        second.add(tick(1_000_000));
        topics.produce("eo-in", first);

        Configuration config = new Configuration();
        config.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        config.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 2);
        config.set(
                RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(200));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(config);
        env.setParallelism(1);
        env.enableCheckpointing(300);
        KafkaPipelineJob.build(
                env,
                pipeline(),
                new KafkaJobSettings(
                        broker.bootstrapServers(), Map.of(), Duration.ofMinutes(5), false),
                events -> events.map(new FailOnceMap()).name("fail once"));
        JobClient job = env.executeAsync("exactly once with a failure");
        try {
            // The first ten matches are committed before the failure.
            assertThat(topics.read("eo-out", 10, Duration.ofSeconds(60))).hasSize(10);
            topics.produce("eo-in", second);

            List<ConsumerRecord<byte[], byte[]>> matches =
                    topics.read("eo-out", 20, Duration.ofSeconds(60));
            List<ConsumerRecord<byte[], byte[]>> dead =
                    topics.read("eo-dlq", 4, Duration.ofSeconds(30));
            // The last match needs the final tick, read after every replayed record: no
            // duplicate can still be on its way. Look once more anyway.
            assertThat(topics.read("eo-out", 21, Duration.ofSeconds(2))).hasSize(20);
            assertThat(topics.read("eo-dlq", 5, Duration.ofSeconds(1))).hasSize(4);

            assertThat(FailOnceMap.FAILURES).hasValue(1);
            int input = first.size() + second.size();
            // The failed attempt's records were read again after the restart.
            assertThat(FailOnceMap.SEEN.get()).isGreaterThan(input);

            List<String> expected = new ArrayList<>();
            for (int k = 0; k < 20; k++) {
                expected.add("k%02d %d-%d".formatted(k, k * 10_000L, k * 10_000L + 1000));
            }
            List<JsonNode> records = new ArrayList<>();
            for (ConsumerRecord<byte[], byte[]> record : matches) {
                records.add(JSON.readTree(record.value()));
            }
            assertThat(records)
                    .extracting(
                            r ->
                                    r.get("key").asText()
                                            + " "
                                            + r.get("start").asLong()
                                            + "-"
                                            + r.get("end").asLong())
                    .containsExactlyInAnyOrderElementsOf(expected);
            assertThat(records).extracting(r -> r.get("matchId").asText()).doesNotHaveDuplicates();
            assertThat(dead)
                    .extracting(KafkaTopics::value)
                    .containsExactlyInAnyOrder("not json", "ARM 10", "ARM 11", "ARM 12");

            // The aborted transaction did hold a dead letter: only read_committed hides it.
            assertThat(topics.read("eo-dlq", 5, Duration.ofSeconds(10), "read_uncommitted").size())
                    .isGreaterThan(dead.size());

            // Nothing dropped: every input record is in one match, a dead letter, or one of the
            // two clock ticks (accepted, matching nothing).
            int inMatches = 0;
            for (JsonNode record : records) {
                for (JsonNode step : record.get("events")) {
                    inMatches += step.size();
                }
            }
            assertThat(inMatches + dead.size() + 2).isEqualTo(input);
        } finally {
            job.cancel().get();
        }
    }
}
