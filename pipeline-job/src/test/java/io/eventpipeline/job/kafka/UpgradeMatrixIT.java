package io.eventpipeline.job.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventpipeline.job.kafka.UpgradeScenario.Version;
import io.eventpipeline.kafka.embedded.EmbeddedKafkaBroker;
import io.eventpipeline.spec.PipelineDefinition;
import io.eventpipeline.spec.resolved.ResolvedPipeline;
import io.eventpipeline.spec.state.JobState;
import io.eventpipeline.spec.state.PatternVerdict;
import io.eventpipeline.spec.state.PatternVerdict.Outcome;
import io.eventpipeline.spec.state.UpgradePlan;
import io.eventpipeline.testsupport.flink.SharedMiniCluster;
import io.eventpipeline.testsupport.kafka.KafkaTopics;
import io.eventpipeline.testsupport.kafka.SharedKafka;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The upgrade matrix: for each {@link UpgradeScenario}, run the first version over events that
 * leave, for every pattern, one partial match in progress (key x: its first step taken) and one
 * event still waiting for the watermark (key w), stop with a savepoint, restore the second version
 * and finish both. It checks that:
 *
 * <ul>
 *   <li>{@link UpgradePlan} (what {@code render --against} prints) promises what the row says;
 *   <li>exactly the patterns it calls kept complete their x and w matches, every pattern of the
 *       second version matches fresh events (key y), and match records carry its emit;
 *   <li>nothing is read twice or skipped: numbered probe records on the dead-letter topic arrive
 *       once each, in order, and records on a topic no longer read never arrive.
 * </ul>
 */
class UpgradeMatrixIT {
    @RegisterExtension static final MiniClusterExtension FLINK = SharedMiniCluster.create();

    private static final AtomicInteger RUNS = new AtomicInteger();
    private static final List<String> TABLE = new ArrayList<>();

    private final EmbeddedKafkaBroker broker = SharedKafka.broker();
    private final KafkaTopics topics = SharedKafka.topics();

    /** {@code -Dupgrade.scenario=<part of a row's name>} runs the matching rows only. */
    static List<UpgradeScenario> scenarios() {
        String only = System.getProperty("upgrade.scenario", "");
        return UpgradeScenario.all().stream().filter(s -> s.name().contains(only)).toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void upgradeKeepsExactlyWhatItPromises(UpgradeScenario scenario) throws Exception {
        String run = "up" + RUNS.incrementAndGet() + "-";
        String out = run + "out";
        String dlq = run + "dlq";
        String oldTopic = run + scenario.before().topic();
        String newTopic = run + scenario.after().topic();
        topics.create(new TreeSet<>(List.of(out, dlq, oldTopic, newTopic)).toArray(String[]::new));
        PipelineDefinition before = pipeline(run, scenario.before());
        PipelineDefinition after = pipeline(run, scenario.after());

        UpgradePlan plan = UpgradePlan.of(JobState.of(before), JobState.of(after), false);
        Map<String, Outcome> predicted = new LinkedHashMap<>();
        plan.patterns().forEach(p -> predicted.put(p.pattern(), p.outcome()));
        assertThat(predicted).as(plan.lines().toString()).isEqualTo(scenario.promised());
        assertThat(plan.source().offsetsKept()).isEqualTo(scenario.offsetsKept());

        List<String> beforeNames = names(scenario.before());
        List<String> events = new ArrayList<>();
        beforeNames.forEach(p -> events.add(event("x", p + 1, 10)));
        events.add(event("clock", "tick", 20));
        beforeNames.forEach(p -> events.add(event("w", p + 1, 25)));
        events.add("probe-1");
        topics.produce(oldTopic, events);
        JobClient first = start(before, scenario.before().parallelism(), new Configuration());
        assertThat(topics.read(dlq, 1, Duration.ofSeconds(60))).hasSize(1);
        Path savepoints = Files.createTempDirectory("upgrade-matrix");
        String savepoint =
                first.stopWithSavepoint(
                                false, savepoints.toUri().toString(), SavepointFormatType.CANONICAL)
                        .get();

        List<String> later = new ArrayList<>();
        for (String p : allNames(scenario)) {
            later.add(event("x", p + 2, 30));
            later.add(event("w", p + 2, 31));
            later.add(event("y", p + 1, 40));
            later.add(event("y", p + 2, 41));
            later.add(event("y", p + 3, 42));
        }
        later.add("probe-2");
        later.add(event("clock", "tick", 100));
        topics.produce(newTopic, later);
        if (!newTopic.equals(oldTopic)) {
            // Written to the topic the job no longer reads: must never arrive.
            topics.produce(oldTopic, List.of("stray", event("x", "a2", 30)));
        }
        Configuration restore = RestoredMatches.restoreFrom(savepoint);
        JobClient second = start(after, scenario.after().parallelism(), restore);
        try {
            List<String> expected = expected(scenario, plan);
            List<String> observed = observe(out, expected.size());
            TABLE.add(
                    "| "
                            + scenario.name()
                            + " | "
                            + plan.patterns().stream()
                                    .map(p -> p.pattern() + " " + p.outcome().text())
                                    .collect(Collectors.joining(", "))
                            + "; offsets "
                            + (plan.source().offsetsKept() ? "kept" : "restart")
                            + " | "
                            + String.join(", ", new TreeSet<>(observed))
                            + " |");
            assertThat(topics.read(dlq, 3, Duration.ofSeconds(2)))
                    .extracting(KafkaTopics::value)
                    .containsExactly("probe-1", "probe-2");
            assertThat(observed).containsExactlyInAnyOrderElementsOf(expected);
        } finally {
            second.cancel().get();
        }
    }

    @AfterAll
    static void printTable() {
        System.out.println("| scenario | promised | observed matches (pattern key start-end) |");
        System.out.println("|---|---|---|");
        TABLE.forEach(System.out::println);
    }

    /** Per pattern of the second version: y always; x and w when its state is kept. */
    private static List<String> expected(UpgradeScenario scenario, UpgradePlan plan) {
        List<String> expected = new ArrayList<>();
        for (String yaml : scenario.after().patterns()) {
            String name = name(yaml);
            int steps = (int) yaml.lines().filter(l -> l.contains("{name: s")).count();
            String field = yaml.contains("{user:") ? "user" : "who";
            expected.add(name + " y 40-" + (39 + steps) + " " + field);
            Outcome outcome =
                    plan.patterns().stream()
                            .filter(p -> p.pattern().equals(name))
                            .map(PatternVerdict::outcome)
                            .findFirst()
                            .orElseThrow();
            if (outcome == Outcome.KEPT && steps == 2) {
                expected.add(name + " x 10-30 " + field);
                expected.add(name + " w 25-31 " + field);
            }
        }
        return expected;
    }

    /** The match records, as {@code pattern key start-end emitField}, times in seconds. */
    private List<String> observe(String out, int expected) throws Exception {
        List<String> observed = new ArrayList<>();
        for (JsonNode match : RestoredMatches.readRecords(topics, out, expected)) {
            observed.add(
                    RestoredMatches.describe(match, 1000)
                            + " "
                            + String.join(",", iterable(match.get("fields").fieldNames())));
        }
        return observed;
    }

    private static Iterable<String> iterable(java.util.Iterator<String> names) {
        return () -> names;
    }

    private static List<String> names(Version version) {
        return version.patterns().stream().map(UpgradeMatrixIT::name).toList();
    }

    private static List<String> allNames(UpgradeScenario scenario) {
        TreeSet<String> all = new TreeSet<>(names(scenario.before()));
        all.addAll(names(scenario.after()));
        return List.copyOf(all);
    }

    private static String name(String patternYaml) {
        return patternYaml.lines().findFirst().orElseThrow().substring("- name: ".length());
    }

    /** Both key fields carry the key, so a change of key keeps which events belong together. */
    private static String event(String key, String type, long seconds) {
        return "{\"id\":\"%s\",\"id2\":\"%s\",\"type\":\"%s\",\"ts\":%d}"
                .formatted(key, key, type, seconds * 1000);
    }

    private PipelineDefinition pipeline(String run, Version version) throws Exception {
        return PipelineDefinition.parse(
                """
                apiVersion: eventpipeline.io/v1alpha1
                kind: EventPipeline
                metadata: {name: upgrade, namespace: it}
                spec:
                  kafka: {bootstrapServers: "%s"}
                  input: {topic: %s, key: %s, timestamp: {field: ts}, startFrom: earliest}
                  output: {topic: %s}
                  deadLetter: {topic: %s}
                  patterns:
                """
                                .formatted(
                                        broker.bootstrapServers(),
                                        run + version.topic(),
                                        version.key(),
                                        run + "out",
                                        run + "dlq")
                        + String.join("", version.patterns()).indent(4));
    }

    private JobClient start(PipelineDefinition definition, int parallelism, Configuration config)
            throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(config);
        env.setParallelism(parallelism);
        KafkaPipelineJob.build(
                env,
                ResolvedPipeline.resolve(definition),
                new KafkaJobSettings(
                        broker.bootstrapServers(), Map.of(), Duration.ofMinutes(5), false));
        return env.executeAsync(definition.name());
    }
}
