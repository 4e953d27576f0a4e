package io.eventpipeline.job.kafka;

import static io.eventpipeline.testsupport.kafka.KafkaTopics.header;
import static io.eventpipeline.testsupport.kafka.KafkaTopics.value;
import static org.assertj.core.api.Assertions.assertThat;

import io.eventpipeline.job.HostileRecords;
import io.eventpipeline.job.event.EventSizeLimit;
import io.eventpipeline.job.event.EventTimeRange;
import io.eventpipeline.kafka.embedded.EmbeddedKafkaBroker;
import io.eventpipeline.testsupport.flink.SharedMiniCluster;
import io.eventpipeline.testsupport.kafka.KafkaTopics;
import io.eventpipeline.testsupport.kafka.SharedKafka;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Records meant to stop or skew a pipeline, through the deployed job on a MiniCluster against a
 * real broker: each becomes a dead letter with its reason, and the events after them still match on
 * time (a far-future timestamp did not move the watermark) under their own keys (two big integers
 * did not collapse into one). The parser's policies alone: {@code RecordPoliciesTest}; the same
 * records through {@code test}: {@code TestCommandIT}.
 */
class HostileRecordsIT {
    @RegisterExtension static final MiniClusterExtension FLINK = SharedMiniCluster.create();

    private static final EmbeddedKafkaBroker broker = SharedKafka.broker();
    private static final KafkaTopics topics = SharedKafka.topics();

    @Test
    void hostileRecordsBecomeDeadLettersAndTheRestMatchesOnTime() throws Exception {
        topics.createWithConfig("hostile-in", Map.of("max.message.bytes", "8388608"));
        topics.create("hostile-out", "hostile-dlq");
        List<byte[]> records = HostileRecords.all();
        List<byte[]> gates = records.subList(records.size() - 2, records.size());
        topics.produceBytes("hostile-in", records.subList(0, records.size() - 2));

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        env.enableCheckpointing(200);
        KafkaPipelineJob.build(
                env,
                KafkaRoundTripIT.pipeline("hostile", "at-least-once"),
                KafkaRoundTripIT.settings(false));
        JobClient job = env.executeAsync("hostile records");
        try {
            List<ConsumerRecord<byte[], byte[]>> dead =
                    topics.read("hostile-dlq", 7, Duration.ofSeconds(60));
            // Let a periodic watermark (every 200 ms) follow what was read: had the year-3000
            // event been accepted, the gates below would now be late.
            Thread.sleep(1000);
            topics.produceBytes(
                    "hostile-in",
                    List.of(
                            gates.get(0),
                            gates.get(1),
                            HostileRecords.utf8(
                                    "{\"id\":\"z\",\"type\":\"TICK\",\"ts\":1000000}")));

            List<ConsumerRecord<byte[], byte[]>> matches =
                    topics.read("hostile-out", 2, Duration.ofSeconds(60));
            assertThat(matches)
                    .extracting(r -> new String(r.key(), StandardCharsets.UTF_8))
                    .containsExactlyInAnyOrder(HostileRecords.BIG_KEY_1, HostileRecords.BIG_KEY_2);
            assertThat(matches)
                    .extracting(KafkaTopics::value)
                    .anySatisfy(m -> assertThat(m).contains("\"start\":1000,\"end\":4000", "G1"))
                    .anySatisfy(m -> assertThat(m).contains("\"start\":2000,\"end\":5000", "G2"));
            assertDeadLetters(dead);
            // No other dead letter, in particular none for the gates: nothing was late. The record
            // with CR between its tokens is JSON, as it is in the test command.
            assertThat(topics.read("hostile-dlq", 8, Duration.ofSeconds(2))).hasSize(7);
        } finally {
            job.cancel().get();
        }
    }

    /**
     * A far-future event with the bound raised to 100 years ({@code
     * eventpipeline.timestamp.max-ahead} in Flink's configuration): accepted, an event of the year
     * 2100 moves event time there, and the events after it are late. What the default bound
     * prevents, and proof that the job reads the setting.
     */
    @Test
    void withTheBoundRaisedOneFarFutureEventMakesTheRestLate() throws Exception {
        topics.create("ahead-in", "ahead-out", "ahead-dlq");
        topics.produceBytes(
                "ahead-in",
                List.of(
                        HostileRecords.utf8("{\"id\":\"a\",\"type\":\"DELAY\",\"ts\":1000}"),
                        HostileRecords.utf8(
                                "{\"id\":\"x\",\"type\":\"TICK\",\"ts\":4102444800000}")));
        Configuration configuration = new Configuration();
        configuration.set(EventTimeRange.MAX_AHEAD_KEY, Duration.ofDays(36_500));
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.getExecutionEnvironment(configuration);
        env.setParallelism(1);
        env.enableCheckpointing(200);
        KafkaPipelineJob.build(
                env,
                KafkaRoundTripIT.pipeline("ahead", "at-least-once"),
                KafkaRoundTripIT.settings(false));
        JobClient job = env.executeAsync("far-future event accepted");
        try {
            // The tick is accepted: no dead letter. Then a watermark follows it.
            assertThat(topics.read("ahead-dlq", 1, Duration.ofSeconds(3))).isEmpty();
            topics.produceBytes(
                    "ahead-in",
                    List.of(HostileRecords.utf8("{\"id\":\"a\",\"type\":\"GATE\",\"ts\":4000}")));
            assertThat(topics.read("ahead-dlq", 1, Duration.ofSeconds(60)))
                    .extracting(r -> header(r, DeadLetterSerializer.REASON))
                    .singleElement()
                    .asString()
                    .startsWith("late: event time 4000");
        } finally {
            job.cancel().get();
        }
    }

    private static void assertDeadLetters(List<ConsumerRecord<byte[], byte[]>> dead) {
        assertThat(dead)
                .extracting(r -> header(r, DeadLetterSerializer.SOURCE_OFFSET))
                .containsExactly("2", "3", "4", "5", "6", "7", "8");
        assertThat(dead)
                .extracting(r -> header(r, DeadLetterSerializer.REASON))
                .satisfiesExactly(
                        r -> assertThat(r).startsWith("event time out of range: 32503680000000"),
                        r -> assertThat(r).contains("ahead of the clock"),
                        r -> assertThat(r).contains("beyond any time in epoch milliseconds"),
                        r -> assertThat(r).contains("beyond any time in epoch milliseconds"),
                        r -> assertThat(r).startsWith("not UTF-8: byte 0xC3 at offset "),
                        r ->
                                assertThat(r)
                                        .isEqualTo(
                                                EventSizeLimit.rejection(
                                                        HostileRecords.LARGE_SIZE)),
                        r ->
                                assertThat(r)
                                        .startsWith(
                                                "not JSON: Illegal unquoted character ((CTRL-CHAR,"
                                                        + " code 13))"));
        assertThat(dead.get(4).value()).isEqualTo(HostileRecords.notUtf8());
        assertThat(dead.get(5).value())
                .isEqualTo(
                        Arrays.copyOf(
                                HostileRecords.large(), EventSizeLimit.DEAD_LETTER_PREFIX_BYTES));
        assertThat(value(dead.get(6))).isEqualTo("{\"id\":\"x\",\"type\":\"DELAY\r\",\"ts\":3000}");
    }
}
