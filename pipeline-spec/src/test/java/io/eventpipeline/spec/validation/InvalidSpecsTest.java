package io.eventpipeline.spec.validation;

import static io.eventpipeline.spec.Documents.MINIMAL;
import static io.eventpipeline.spec.Documents.pipeline;
import static org.assertj.core.api.Assertions.assertThat;

import io.eventpipeline.spec.PipelineDefinition;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** One broken document per row: the problem is reported at the right path with a clear reason. */
class InvalidSpecsTest {

    /** Parses, then validates; a parse failure's problems count as the result. */
    static List<ValidationProblem> problemsOf(String document) {
        try {
            return new PipelineValidator().validate(PipelineDefinition.parse(document));
        } catch (InvalidPipelineException e) {
            return e.problems();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void reportsTheProblemAtItsPath(
            String description, String document, String path, String fragment) {
        assertThat(problemsOf(document))
                .as(description)
                .anySatisfy(
                        problem -> {
                            assertThat(problem.path()).isEqualTo(path);
                            assertThat(problem.message()).contains(fragment);
                        });
    }

    private static Arguments row(String description, String spec, String path, String fragment) {
        return Arguments.of(description, pipeline(spec), path, fragment);
    }

    /** MINIMAL with its only step's where replaced. */
    private static String where(String condition) {
        return MINIMAL.replace("\"event.type == 'A'\"", condition);
    }

    /** A two-step pattern whose second step has the given extra YAML (flow-mapping entries). */
    private static String second(String firstExtra, String secondExtra, String patternExtra) {
        return """
        input: {topic: events, key: id}
        patterns:
          - name: p
            steps:
              - {name: a, where: "event.type == 'A'"%s}
              - {name: b, where: "event.type == 'B'"%s}
        %s
        output: {topic: alerts}
        """
                .formatted(firstExtra, secondExtra, patternExtra);
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                // metadata
                Arguments.of(
                        "name with '_' and capitals",
                        pipeline("Flight_Delays", MINIMAL),
                        "metadata.name",
                        "FlinkDeployment"),
                Arguments.of(
                        "name longer than the Flink operator's 45",
                        pipeline("a".repeat(46), MINIMAL),
                        "metadata.name",
                        "at most 45"),
                Arguments.of(
                        "name starting with a digit",
                        pipeline("1-pipeline", MINIMAL),
                        "metadata.name",
                        "start with a letter"),
                // parse level
                row(
                        "unknown field",
                        MINIMAL.replace("key: id}", "key: id, partitionz: 3}"),
                        "spec.input.partitionz",
                        "unknown field 'partitionz'"),
                row(
                        "bad enum value",
                        second("", ", after: followedby", ""),
                        "spec.patterns[0].steps[1].after",
                        "one of next, followedBy"),
                row(
                        "a list where an object belongs",
                        MINIMAL.replace("output: {topic: alerts}", "output: [alerts]"),
                        "spec.output",
                        "expected an object"),
                // size limits (kept in step with the CRD's maxItems)
                row(
                        "too many steps",
                        MINIMAL.replace(
                                "      - {name: a, where: \"event.type == 'A'\"}",
                                java.util.stream.IntStream.range(0, 33)
                                        .mapToObj(i -> "      - {name: s" + i + ", where: 'true'}")
                                        .collect(java.util.stream.Collectors.joining("\n"))),
                        "spec.patterns[0].steps",
                        "at most 32"),
                // topics
                row(
                        "no input",
                        MINIMAL.replace("input: {topic: events, key: id}", ""),
                        "spec.input",
                        "is required"),
                row(
                        "topic with a space",
                        MINIMAL.replace("topic: events", "topic: 'my events'"),
                        "spec.input.topic",
                        "not a Kafka topic name"),
                row(
                        "topic '..'",
                        MINIMAL.replace("topic: alerts", "topic: '..'"),
                        "spec.output.topic",
                        "cannot be '..'"),
                row(
                        "topic of 250 characters",
                        MINIMAL.replace("topic: events", "topic: " + "t".repeat(250)),
                        "spec.input.topic",
                        "at most 249"),
                row(
                        "output is the input",
                        MINIMAL.replace("topic: alerts", "topic: events"),
                        "spec.output.topic",
                        "a loop"),
                row(
                        "dead letters to the output",
                        MINIMAL + "deadLetter: {topic: alerts}\n",
                        "spec.deadLetter.topic",
                        "is also the output topic"),
                row(
                        "default dead-letter topic is the output",
                        MINIMAL.replace("topic: alerts", "topic: events-dlq"),
                        "spec.deadLetter",
                        "defaults to '<input topic>-dlq'"),
                row(
                        "'.' versus '_' collision",
                        MINIMAL.replace("topic: events", "topic: flight.events")
                                .replace("topic: alerts", "topic: flight_events"),
                        "spec.output.topic",
                        "differ only in '.' versus '_'"),
                row(
                        "zero partitions",
                        MINIMAL.replace("key: id}", "key: id, partitions: 0}"),
                        "spec.input.partitions",
                        "must be between 1 and"),
                row(
                        "zero replication factor",
                        MINIMAL.replace("topic: alerts}", "topic: alerts, replicationFactor: 0}"),
                        "spec.output.replicationFactor",
                        "between 1 and"),
                row(
                        "partitions on a topic not created",
                        MINIMAL.replace("key: id}", "key: id, create: false, partitions: 3}"),
                        "spec.input.partitions",
                        "create is false"),
                row(
                        "blank config key",
                        MINIMAL.replace("topic: alerts}", "topic: alerts, config: {' ': '1'}}"),
                        "spec.output.config",
                        "blank key"),
                row(
                        "bootstrap server without port",
                        "kafka: {bootstrapServers: kafka}\n" + MINIMAL,
                        "spec.kafka.bootstrapServers",
                        "not host:port"),
                row(
                        "strimzi topics without the Strimzi cluster",
                        "kafka: {topics: {management: strimzi}}\n" + MINIMAL,
                        "spec.kafka.topics.strimziCluster",
                        "is required when management is strimzi"),
                row(
                        "a Strimzi cluster name that is no resource name",
                        "kafka: {topics: {management: strimzi, strimziCluster: My_Cluster}}\n"
                                + MINIMAL,
                        "spec.kafka.topics.strimziCluster",
                        "not a Strimzi Kafka resource name"),
                row(
                        "a Strimzi cluster with admin topics",
                        "kafka: {topics: {management: admin, strimziCluster: my-cluster}}\n"
                                + MINIMAL,
                        "spec.kafka.topics.strimziCluster",
                        "applies only when management is strimzi"),
                row(
                        "topics without management",
                        "kafka: {topics: {strimziCluster: my-cluster}}\n" + MINIMAL,
                        "spec.kafka.topics.management",
                        "is required"),
                // key and time
                row("no key", MINIMAL.replace(", key: id", ""), "spec.input.key", "is required"),
                row(
                        "key with an empty segment",
                        MINIMAL.replace("key: id", "key: flight..id"),
                        "spec.input.key",
                        "not a dotted field path"),
                row(
                        "timestamp field starting with a digit",
                        MINIMAL.replace("key: id}", "key: id, timestamp: {field: 1st}}"),
                        "spec.input.timestamp.field",
                        "not a dotted field path"),
                row(
                        "out-of-orderness in words",
                        MINIMAL.replace(
                                "key: id}",
                                "key: id, timestamp: {field: t, maxOutOfOrderness: 30 seconds}}"),
                        "spec.input.timestamp.maxOutOfOrderness",
                        "is not a duration"),
                row(
                        "zero idle timeout",
                        MINIMAL.replace(
                                "key: id}", "key: id, timestamp: {field: t, idleTimeout: 0s}}"),
                        "spec.input.timestamp.idleTimeout",
                        "more than 0"),
                // patterns
                row(
                        "no patterns",
                        "input: {topic: events, key: id}\npatterns: []\noutput: {topic: alerts}",
                        "spec.patterns",
                        "at least one pattern"),
                row(
                        "pattern name with capitals",
                        MINIMAL.replace("name: p", "name: Delay_Gate"),
                        "spec.patterns[0].name",
                        "not a valid pattern name"),
                row(
                        "two patterns of one name",
                        MINIMAL.replace(
                                "patterns:",
                                "patterns:\n  - {name: p, steps: [{name: x, where: 'true'}]}"),
                        "spec.patterns[1].name",
                        "must be unique"),
                row(
                        "a pattern without steps",
                        MINIMAL.replace("patterns:", "patterns:\n  - {name: empty, steps: []}"),
                        "spec.patterns[0].steps",
                        "at least one step"),
                row(
                        "zero within",
                        second("", "", "    within: 0s"),
                        "spec.patterns[0].within",
                        "more than 0"),
                row(
                        "emitTimeouts without within",
                        second("", "", "    emitTimeouts: true"),
                        "spec.patterns[0].emitTimeouts",
                        "needs within"),
                // steps
                row(
                        "two steps of one name",
                        second("", "", "").replace("name: b", "name: a"),
                        "spec.patterns[0].steps[1].name",
                        "must be unique"),
                row(
                        "step named event",
                        MINIMAL.replace("name: a", "name: event"),
                        "spec.patterns[0].steps[0].name",
                        "reserved"),
                row(
                        "step named with a CEL reserved word",
                        MINIMAL.replace("name: a", "name: in"),
                        "spec.patterns[0].steps[0].name",
                        "reserved word"),
                row(
                        "step named like a CEL type",
                        MINIMAL.replace("name: a", "name: int"),
                        "spec.patterns[0].steps[0].name",
                        "type name"),
                row(
                        "step name not an identifier",
                        MINIMAL.replace("name: a", "name: gate-change"),
                        "spec.patterns[0].steps[0].name",
                        "not a CEL identifier"),
                row(
                        "starts with a negation",
                        second(", after: notNext", "", ""),
                        "spec.patterns[0].steps[0].after",
                        "cannot start with a negation"),
                row(
                        "first step with after",
                        second(", after: followedBy", "", ""),
                        "spec.patterns[0].steps[0].after",
                        "first step has none"),
                row(
                        "trailing notFollowedBy without within",
                        second("", ", after: notFollowedBy", ""),
                        "spec.patterns[0].within",
                        "last step is notFollowedBy"),
                row(
                        "negation after an optional step",
                        second(", optional: true", ", after: notNext", ""),
                        "spec.patterns[0].steps[1].after",
                        "cannot follow an optional step"),
                // quantifiers
                row(
                        "times.min 0",
                        second(", times: {min: 0}", "", ""),
                        "spec.patterns[0].steps[0].times.min",
                        "at least 1"),
                row(
                        "times.max below min",
                        second(", times: {min: 3, max: 2}", "", ""),
                        "spec.patterns[0].steps[0].times.max",
                        "at least times.min (3)"),
                row(
                        "times and oneOrMore",
                        second(", times: {min: 2}, oneOrMore: true", "", ""),
                        "spec.patterns[0].steps[0].oneOrMore",
                        "cannot be combined with times"),
                row(
                        "negation with times",
                        second("", ", after: notNext, times: {min: 2}", ""),
                        "spec.patterns[0].steps[1].times",
                        "negation forbids events"),
                row(
                        "negation with until",
                        second("", ", after: notNext, until: 'true'", ""),
                        "spec.patterns[0].steps[1].until",
                        "notNext step"),
                row(
                        "consecutive and allowCombinations",
                        second(
                                ", oneOrMore: true, consecutive: true, allowCombinations: true",
                                "",
                                ""),
                        "spec.patterns[0].steps[0].allowCombinations",
                        "cannot be combined with consecutive"),
                row(
                        "consecutive on a single step",
                        second(", consecutive: true", "", ""),
                        "spec.patterns[0].steps[0].consecutive",
                        "needs a repeating step"),
                row(
                        "greedy on a single step",
                        second(", greedy: true", "", ""),
                        "spec.patterns[0].steps[0].greedy",
                        "needs a repeating step"),
                row(
                        "greedy on the last step",
                        second("", ", oneOrMore: true, greedy: true", ""),
                        "spec.patterns[0].steps[1].greedy",
                        "no effect on the last step"),
                row(
                        "greedy with a fixed count",
                        second(", times: {min: 2, max: 2}, greedy: true", "", ""),
                        "spec.patterns[0].steps[0].greedy",
                        "fixed count"),
                row(
                        "greedy and allowCombinations",
                        second(", oneOrMore: true, greedy: true, allowCombinations: true", "", ""),
                        "spec.patterns[0].steps[0].greedy",
                        "allowCombinations"),
                row(
                        "optional after greedy",
                        second(", oneOrMore: true, greedy: true", ", optional: true", ""),
                        "spec.patterns[0].steps[1].optional",
                        "cannot follow a greedy one"),
                row(
                        "until on a bounded repetition",
                        second(", times: {min: 1, max: 3}, until: \"event.stop\"", "", ""),
                        "spec.patterns[0].steps[0].until",
                        "without an upper bound"),
                // after match
                row(
                        "skipToFirst without a step",
                        second("", "", "    afterMatch: skipToFirst"),
                        "spec.patterns[0].afterMatchStep",
                        "is required with afterMatch skipToFirst"),
                row(
                        "skipToLast to an unknown step",
                        second("", "", "    afterMatch: skipToLast\n    afterMatchStep: c"),
                        "spec.patterns[0].afterMatchStep",
                        "'c' is no step of this pattern"),
                row(
                        "skipToFirst to a negation",
                        second(
                                "",
                                ", after: notFollowedBy",
                                "    within: 1h\n    afterMatch: skipToFirst\n"
                                        + "    afterMatchStep: b"),
                        "spec.patterns[0].afterMatchStep",
                        "never holds events"),
                row(
                        "afterMatchStep without its strategy",
                        second("", "", "    afterMatchStep: a"),
                        "spec.patterns[0].afterMatchStep",
                        "only used with afterMatch skipToFirst or skipToLast"),
                // CEL
                row(
                        "emit field not an identifier",
                        second("", "", "    emit: {flight-id: 'a[0].id'}"),
                        "spec.patterns[0].emit.flight-id",
                        "not a valid field name"),
                row(
                        "emit refers to a negated step",
                        second("", ", after: notFollowedBy", "    within: 1h\n    emit: {x: 'b'}"),
                        "spec.patterns[0].emit.x",
                        "'b' is a notFollowedBy step"),
                row(
                        "where refers to a later step",
                        second("", "", "").replace("\"event.type == 'A'\"", "\"b.size() > 0\""),
                        "spec.patterns[0].steps[0].where",
                        "'b' is a later step (steps[1])"),
                row(
                        "where that is not a bool",
                        where("\"event.type\"").replace("event.type", "'yes'"),
                        "spec.patterns[0].steps[0].where",
                        "expected type 'bool'"),
                row(
                        "where with a syntax error",
                        where("\"event.type ==\""),
                        "spec.patterns[0].steps[0].where",
                        "CEL error at 1:"),
                row(
                        "where missing",
                        MINIMAL.replace(", where: \"event.type == 'A'\"", ""),
                        "spec.patterns[0].steps[0].where",
                        "is required"),
                row(
                        "over-long where",
                        where("\"" + "event.x == 1 && ".repeat(300) + "true\""),
                        "spec.patterns[0].steps[0].where",
                        "the limit is 4096"),
                row(
                        "until that does not compile",
                        second(", oneOrMore: true, until: \"event.stop +\"", "", ""),
                        "spec.patterns[0].steps[0].until",
                        "CEL error at 1:"),
                // flink
                row(
                        "zero parallelism",
                        MINIMAL + "flink: {parallelism: 0}\n",
                        "spec.flink.parallelism",
                        "between 1 and"),
                row(
                        "zero cpu",
                        MINIMAL + "flink: {taskManager: {resources: {cpu: 0}}}\n",
                        "spec.flink.taskManager.resources.cpu",
                        "must be between 0.001"),
                row(
                        "memory in GB",
                        MINIMAL + "flink: {jobManager: {resources: {memory: 2GB}}}\n",
                        "spec.flink.jobManager.resources.memory",
                        "not a memory quantity"),
                row(
                        "blank image",
                        MINIMAL + "flink: {image: ' '}\n",
                        "spec.flink.image",
                        "without spaces"),
                row(
                        "Flink configuration the Flink operator forbids",
                        MINIMAL + "flink: {flinkConfiguration: {kubernetes.namespace: x}}\n",
                        "spec.flink.flinkConfiguration[kubernetes.namespace]",
                        "cannot be set"),
                row(
                        "checkpoint interval below Flink's minimum",
                        MINIMAL + "flink: {checkpointInterval: 5ms}\n",
                        "spec.flink.checkpointInterval",
                        "at least 10ms"),
                // flink.autoscaler
                row(
                        "autoscaler without a maximum",
                        MINIMAL + "flink: {autoscaler: {minParallelism: 2}}\n",
                        "spec.flink.autoscaler.maxParallelism",
                        "is required"),
                row(
                        "autoscaler minimum above its maximum",
                        MINIMAL + "flink: {autoscaler: {minParallelism: 5, maxParallelism: 4}}\n",
                        "spec.flink.autoscaler.minParallelism",
                        "between 1 and maxParallelism (4), not 5"),
                row(
                        "starting parallelism outside the autoscaler's bounds",
                        MINIMAL + "flink: {parallelism: 12, autoscaler: {maxParallelism: 8}}\n",
                        "spec.flink.parallelism",
                        "between minParallelism (1) and maxParallelism (8), not 12"),
                row(
                        "autoscaler target utilization above 1",
                        MINIMAL
                                + "flink: {autoscaler: {maxParallelism: 8, targetUtilization:"
                                + " 1.5}}\n",
                        "spec.flink.autoscaler.targetUtilization",
                        "above 0 and at most 1"),
                row(
                        "autoscaler metrics window of no time",
                        MINIMAL + "flink: {autoscaler: {maxParallelism: 8, metricsWindow: 0s}}\n",
                        "spec.flink.autoscaler.metricsWindow",
                        "at least 1s"),
                row(
                        "autoscaler quiet time beyond a day",
                        MINIMAL
                                + "flink: {autoscaler: {maxParallelism: 8,"
                                + " stabilizationInterval: 2d}}\n",
                        "spec.flink.autoscaler.stabilizationInterval",
                        "at most 1d"));
    }
}
