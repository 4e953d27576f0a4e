package io.eventpipeline.job.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.eventpipeline.kafka.embedded.EmbeddedKafkaBroker;
import io.eventpipeline.spec.PipelineDefinition;
import io.eventpipeline.spec.resolved.ResolvedPipeline;
import io.eventpipeline.testsupport.flink.SharedMiniCluster;
import io.eventpipeline.testsupport.kafka.KafkaTopics;
import io.eventpipeline.testsupport.kafka.SharedKafka;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operator-uid design through a pattern change: stop with a savepoint, change pattern B (A and
 * C unchanged), restore with non-restored state allowed. The open partial matches of A (a simple
 * sequence, on the sequence matcher) and C (followedByAny, on Flink CEP) survive, B starts fresh,
 * and the source continues from the saved offsets (nothing read twice, nothing skipped).
 */
class SavepointRestoreIT {
    @RegisterExtension static final MiniClusterExtension FLINK = SharedMiniCluster.create();

    private static final ObjectMapper JSON = new ObjectMapper();

    private final EmbeddedKafkaBroker broker = SharedKafka.broker();
    private final KafkaTopics topics = SharedKafka.topics();

    /**
     * @param bWithin pattern B's time limit: the change between the two runs
     */
    private ResolvedPipeline pipeline(String bWithin) throws Exception {
        return ResolvedPipeline.resolve(
                PipelineDefinition.parse(
                        """
                        apiVersion: eventpipeline.io/v1alpha1
                        kind: EventPipeline
                        metadata: {name: sp, namespace: it}
                        spec:
                          kafka: {bootstrapServers: "%s"}
                          input: {topic: sp-in, key: id, timestamp: {field: ts}, startFrom: earliest}
                          output: {topic: sp-out}
                          deadLetter: {topic: sp-dlq}
                          patterns:
                            - name: a
                              within: 1h
                              steps:
                                - {name: first, where: "event.type == 'A1'"}
                                - {name: second, where: "event.type == 'A2'"}
                            - name: b
                              within: %s
                              steps:
                                - {name: first, where: "event.type == 'B1'"}
                                - {name: second, where: "event.type == 'B2'"}
                            - name: c
                              within: 1h
                              steps:
                                - {name: first, where: "event.type == 'C1'"}
                                - {name: second, after: followedByAny, where: "event.type == 'C2'"}
                        """
                                .formatted(broker.bootstrapServers(), bWithin)));
    }

    private static String event(String id, String type, long seconds) {
        return "{\"id\":\"%s\",\"type\":\"%s\",\"ts\":%d}".formatted(id, type, seconds * 1000);
    }

    private JobClient start(ResolvedPipeline pipeline, Configuration config) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(config);
        env.setParallelism(1);
        KafkaPipelineJob.build(
                env,
                pipeline,
                new KafkaJobSettings(
                        broker.bootstrapServers(), Map.of(), Duration.ofMinutes(5), false));
        return env.executeAsync("savepoint " + pipeline.spec().getPatterns().get(1).getWithin());
    }

    @Test
    void unchangedPatternKeepsItsPartialMatchAndChangedOneStartsFresh(@TempDir Path savepoints)
            throws Exception {
        topics.create("sp-in", "sp-out", "sp-dlq");
        // Partial matches open in both patterns for key x; the tick moves event time past them.
        topics.produce(
                "sp-in",
                List.of(
                        event("x", "A1", 10),
                        event("x", "B1", 11),
                        event("x", "C1", 12),
                        event("clock", "TICK", 20),
                        "junk before"));
        JobClient first = start(pipeline("1h"), new Configuration());
        // Read up to the junk record: everything before it was read by the source.
        assertThat(topics.read("sp-dlq", 1, Duration.ofSeconds(60))).hasSize(1);
        String savepoint =
                first.stopWithSavepoint(
                                false, savepoints.toUri().toString(), SavepointFormatType.CANONICAL)
                        .get();
        assertThat(topics.read("sp-out", 1, Duration.ofMillis(500))).isEmpty();

        // Produced while no job runs: only restored offsets make these read exactly once.
        topics.produce(
                "sp-in",
                List.of(
                        event("x", "A2", 30),
                        event("x", "B2", 31),
                        event("y", "B1", 32),
                        event("y", "B2", 33),
                        event("x", "C2", 34),
                        "junk after",
                        event("clock", "TICK", 100)));
        Configuration restore = RestoredMatches.restoreFrom(savepoint);
        JobClient second = start(pipeline("2h"), restore);
        try {
            List<ConsumerRecord<byte[], byte[]>> out =
                    topics.read("sp-out", 3, Duration.ofSeconds(60));
            List<String> matches = new ArrayList<>();
            for (ConsumerRecord<byte[], byte[]> record : out) {
                matches.add(RestoredMatches.describe(JSON.readTree(record.value()), 1));
            }
            // a/x and c/x: started before the savepoint, completed after. b/x: its B1 was dropped
            // with the old uid's state. b/y: the changed pattern runs.
            assertThat(matches)
                    .containsExactlyInAnyOrder(
                            "a x 10000-30000", "b y 32000-33000", "c x 12000-34000");
            // A stale b/x match would come with the same watermark: look for it briefly.
            assertThat(topics.read("sp-out", 4, Duration.ofSeconds(2))).hasSize(3);
            // Neither junk record was read twice (a replay from the start would add both again).
            assertThat(topics.read("sp-dlq", 3, Duration.ofSeconds(2)))
                    .extracting(KafkaTopics::value)
                    .containsExactly("junk before", "junk after");
        } finally {
            second.cancel().get();
        }
    }
}
