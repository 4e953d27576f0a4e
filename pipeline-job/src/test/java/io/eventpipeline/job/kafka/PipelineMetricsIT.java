package io.eventpipeline.job.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eventpipeline.kafka.embedded.EmbeddedKafkaBroker;
import io.eventpipeline.spec.PipelineDefinition;
import io.eventpipeline.spec.resolved.ResolvedPipeline;
import io.eventpipeline.testsupport.kafka.KafkaTopics;
import io.eventpipeline.testsupport.kafka.SharedKafka;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.apache.flink.api.common.JobID;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The job's counters on a MiniCluster with a metric reporter: accepted events, dead letters by
 * reason, matches and timeouts per pattern; every input record is counted once (input = accepted +
 * dead letters). Also a trailing notFollowedBy and a late event through Kafka.
 */
class PipelineMetricsIT {
    private static final InMemoryReporter METRICS = InMemoryReporter.createWithRetainedMetrics();

    @RegisterExtension
    static final MiniClusterExtension FLINK =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .setConfiguration(METRICS.addToConfiguration(new Configuration()))
                            .build());

    private static final ObjectMapper JSON = new ObjectMapper();

    private final EmbeddedKafkaBroker broker = SharedKafka.broker();
    private final KafkaTopics topics = SharedKafka.topics();

    private ResolvedPipeline pipeline() throws Exception {
        return ResolvedPipeline.resolve(
                PipelineDefinition.parse(
                        """
                        apiVersion: eventpipeline.io/v1alpha1
                        kind: EventPipeline
                        metadata: {name: mx, namespace: it}
                        spec:
                          kafka: {bootstrapServers: "%s"}
                          input: {topic: mx-in, key: id, timestamp: {field: ts}, startFrom: earliest}
                          output: {topic: mx-out}
                          deadLetter: {topic: mx-dlq}
                          patterns:
                            - name: delay-then-gate
                              within: 10s
                              emitTimeouts: true
                              steps:
                                - {name: delay, where: "event.type == 'DELAY' && event.minutes >= 30"}
                                - {name: gate, where: "event.type == 'GATE'"}
                            - name: gates
                              steps:
                                - {name: gate, where: "event.type == 'GATE'"}
                            - name: no-gate-in-time
                              within: 10s
                              steps:
                                - {name: delay, where: "event.type == 'DELAY' && event.minutes >= 30"}
                                - {name: gate, after: notFollowedBy, where: "event.type == 'GATE'"}
                        """
                                .formatted(broker.bootstrapServers())));
    }

    @Test
    void countersAddUpToTheInput() throws Exception {
        topics.create("mx-in", "mx-out", "mx-dlq");
        List<String> first =
                List.of(
                        "{\"id\":\"A\",\"type\":\"DELAY\",\"minutes\":40,\"ts\":1000}",
                        "{\"id\":\"A\",\"type\":\"GATE\",\"ts\":2000}",
                        // No gate within 10s: a timeout, and a trailing notFollowedBy match.
                        "{\"id\":\"B\",\"type\":\"DELAY\",\"minutes\":45,\"ts\":3000}",
                        "not json",
                        "{\"type\":\"DELAY\",\"ts\":4000}",
                        "{\"id\":\"C\",\"type\":\"DELAY\"}",
                        "{\"id\":\"D\",\"type\":\"DELAY\",\"minutes\":\"lots\",\"ts\":5000}",
                        "{\"id\":\"Z\",\"type\":\"TICK\",\"ts\":60000}");
        List<String> second =
                List.of(
                        // Behind the watermark (59999) by now: late.
                        "{\"id\":\"E\",\"type\":\"GATE\",\"ts\":30000}",
                        "{\"id\":\"F\",\"type\":\"GATE\",\"ts\":70000}",
                        "{\"id\":\"Z\",\"type\":\"TICK\",\"ts\":80000}");
        topics.produce("mx-in", first);

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        KafkaPipelineJob.build(
                env,
                pipeline(),
                new KafkaJobSettings(
                        broker.bootstrapServers(), Map.of(), Duration.ofMinutes(5), false));
        JobClient job = env.executeAsync("metrics");
        try {
            assertThat(outputs(4)).hasSize(4);
            topics.produce("mx-in", second);
            assertThat(outputs(5))
                    .containsExactlyInAnyOrder(
                            "delay-then-gate A",
                            "delay-then-gate B timed out",
                            "gates A",
                            "gates F",
                            "no-gate-in-time B");
            assertThat(topics.read("mx-dlq", 5, Duration.ofSeconds(30))).hasSize(5);

            JobID id = job.getJobID();
            Map<String, Long> expected = new TreeMap<>();
            expected.put("eventsAccepted", 6L);
            // Timeouts and negation: every event must reach the patterns, none is skipped.
            expected.put("eventsSkipped", 0L);
            expected.put("reason.not-json.deadLetters", 1L);
            expected.put("reason.key.deadLetters", 1L);
            expected.put("reason.timestamp.deadLetters", 1L);
            expected.put("reason.not-evaluable.deadLetters", 1L);
            expected.put("reason.late.deadLetters", 1L);
            expected.put("pattern.delay-then-gate.matches", 1L);
            expected.put("pattern.delay-then-gate.timeouts", 1L);
            expected.put("pattern.gates.matches", 2L);
            expected.put("pattern.no-gate-in-time.matches", 1L);
            // Counters are read from another thread: wait until they settle on the expectation.
            Supplier<Map<String, Long>> counters = () -> counters(id, expected.keySet());
            assertThat(eventually(counters, expected)).isEqualTo(expected);

            long deadLetters =
                    counters.get().entrySet().stream()
                            .filter(e -> e.getKey().endsWith("deadLetters"))
                            .mapToLong(Map.Entry::getValue)
                            .sum();
            assertThat(counters.get().get("eventsAccepted") + deadLetters)
                    .isEqualTo(first.size() + second.size());
            // Timeouts are counted only where they are emitted.
            assertThat(counters(id, List.of("pattern.gates.timeouts"))).isEmpty();
        } finally {
            job.cancel().get();
        }
    }

    /** "pattern key", plus " timed out" for timeouts, of the first {@code count} outputs. */
    private List<String> outputs(int count) throws Exception {
        List<String> outputs = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record :
                topics.read("mx-out", count, Duration.ofSeconds(60))) {
            JsonNode match = JSON.readTree(record.value());
            outputs.add(
                    match.get("pattern").asText()
                            + " "
                            + match.get("key").asText()
                            + (match.get("timedOut").asBoolean() ? " timed out" : ""));
        }
        return outputs;
    }

    /** The job's counters whose identifiers end with ".eventpipeline." + one of the suffixes. */
    private static Map<String, Long> counters(JobID job, Iterable<String> suffixes) {
        Map<String, Long> found = new TreeMap<>();
        // By group: identifiers of Flink's own task metrics are not unique across tasks.
        METRICS.getMetricsByGroup()
                .forEach(
                        (group, metrics) -> {
                            if (!job.toString().equals(group.getAllVariables().get("<job_id>"))) {
                                return;
                            }
                            metrics.forEach(
                                    (name, metric) -> {
                                        String identifier = group.getMetricIdentifier(name);
                                        for (String suffix : suffixes) {
                                            if (identifier.endsWith(".eventpipeline." + suffix)
                                                    && metric instanceof Counter counter) {
                                                found.merge(suffix, counter.getCount(), Long::sum);
                                            }
                                        }
                                    });
                        });
        return found;
    }

    private static <T> T eventually(Supplier<T> actual, T expected) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        T value = actual.get();
        while (!value.equals(expected) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            value = actual.get();
        }
        return value;
    }
}
