package io.eventpipeline.spec.validation;

import static io.eventpipeline.spec.Documents.pipeline;
import static io.eventpipeline.spec.validation.InvalidSpecsTest.problemsOf;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every bounded field: the value at the limit is accepted, the one past it is refused with the
 * field's path and the exact message, and nothing overflows on the way.
 */
class BoundsTest {

    /** A valid spec with {@code field: value} written into it at {@code where}. */
    private static String spec(String input, String pattern, String flink) {
        return pipeline(
                """
                input: {topic: events, key: id%s}
                patterns:
                  - name: p
                    steps:
                      - {name: a, where: "event.type == 'A'"%s}
                output: {topic: alerts}
                flink: {%s}
                """
                        .formatted(input, pattern, flink));
    }

    private static String input(String extra) {
        return spec(", " + extra, "", "");
    }

    private static String step(String extra) {
        return spec("", ", " + extra, "");
    }

    private static String flink(String extra) {
        return spec("", "", extra);
    }

    private static String within(String value) {
        return pipeline(
                """
                input: {topic: events, key: id}
                patterns:
                  - name: p
                    steps:
                      - {name: a, where: "event.type == 'A'"}
                    within: %s
                output: {topic: alerts}
                """
                        .formatted(value));
    }

    static Stream<Arguments> atTheLimit() {
        return Stream.of(
                Arguments.of("within 365d", within("365d")),
                Arguments.of("within 8760h", within("8760h")),
                Arguments.of("checkpointInterval 7d", flink("checkpointInterval: 7d")),
                Arguments.of(
                        "maxOutOfOrderness 7d",
                        input("timestamp: {field: t, maxOutOfOrderness: 7d, idleTimeout: 7d}")),
                Arguments.of("partitions 10000", input("partitions: 10000")),
                Arguments.of("replicationFactor 32767", input("replicationFactor: 32767")),
                Arguments.of("times 1000", step("times: {min: 1000, max: 1000}, oneOrMore: false")),
                Arguments.of(
                        "memory 1Ti and 1Mi, cpu 512 and 0.001",
                        flink(
                                "jobManager: {resources: {cpu: 512, memory: 1Ti}}, taskManager:"
                                        + " {resources: {cpu: 0.001, memory: 1Mi}}")),
                Arguments.of(
                        "memory 1099511627776 bytes",
                        flink("taskManager: {resources: {memory: \"1099511627776\"}}")),
                Arguments.of("parallelism 32768", flink("parallelism: 32768")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void atTheLimit(String description, String document) {
        assertThat(problemsOf(document)).as(description).isEmpty();
    }

    static Stream<Arguments> pastTheLimit() {
        return Stream.of(
                Arguments.of(
                        within("366d"),
                        "spec.patterns[0].within",
                        "'366d' is too long: must be at most 365d (a pattern's partial matches"
                                + " are kept at most a year)"),
                Arguments.of(
                        within("8760h1ms"),
                        "spec.patterns[0].within",
                        "'8760h1ms' is too long: must be at most 365d (a pattern's partial"
                                + " matches are kept at most a year)"),
                // Past what a long holds in milliseconds: refused, not overflowed.
                Arguments.of(
                        within("106751991168d"),
                        "spec.patterns[0].within",
                        "'106751991168d' is too long: must be at most 365d (a pattern's"
                                + " partial matches are kept at most a year)"),
                Arguments.of(
                        within("99999999999999999999999d"),
                        "spec.patterns[0].within",
                        "'99999999999999999999999d' is too long a duration"),
                Arguments.of(
                        flink("checkpointInterval: 7d1ms"),
                        "spec.flink.checkpointInterval",
                        "'7d1ms' is too long: must be at most 7d (a longer interval would leave"
                                + " the job without recovery points)"),
                Arguments.of(
                        input("timestamp: {field: t, maxOutOfOrderness: 100000000000d}"),
                        "spec.input.timestamp.maxOutOfOrderness",
                        "'100000000000d' is too long: must be at most 7d (event time would be"
                                + " held back longer than a week)"),
                Arguments.of(
                        input("timestamp: {field: t, idleTimeout: 8d}"),
                        "spec.input.timestamp.idleTimeout",
                        "'8d' is too long: must be at most 7d (event time would be held back"
                                + " longer than a week)"),
                Arguments.of(
                        input("partitions: 10001"),
                        "spec.input.partitions",
                        "must be between 1 and 10000 (more would strain most Kafka clusters and"
                                + " the job's source)"),
                Arguments.of(
                        input("partitions: 1.5"),
                        "spec.input.partitions",
                        "invalid value '1.5' (expected a whole number)"),
                Arguments.of(
                        input("partitions: 99999999999"),
                        "spec.input.partitions",
                        "is out of range: expected a whole number up to 2147483647"),
                Arguments.of(
                        input("replicationFactor: 32768"),
                        "spec.input.replicationFactor",
                        "must be between 1 and 32767"),
                Arguments.of(
                        step("times: {min: 1001}"),
                        "spec.patterns[0].steps[0].times.min",
                        "must be at most 1000 (Flink CEP keeps a state per count; use fewer, or"
                                + " oneOrMore)"),
                Arguments.of(
                        step("times: {min: 1, max: 1000000}"),
                        "spec.patterns[0].steps[0].times.max",
                        "must be at most 1000 (Flink CEP keeps a state per count; use fewer, or"
                                + " oneOrMore)"),
                Arguments.of(
                        flink("taskManager: {resources: {memory: 1025Gi}}"),
                        "spec.flink.taskManager.resources.memory",
                        "'1025Gi' must be between 1Mi and 1Ti (a Flink process needs some memory;"
                                + " no pod gets more)"),
                Arguments.of(
                        flink("taskManager: {resources: {memory: 99999999999999999999999Ti}}"),
                        "spec.flink.taskManager.resources.memory",
                        "'99999999999999999999999Ti' must be between 1Mi and 1Ti (a Flink"
                                + " process needs some memory; no pod gets more)"),
                Arguments.of(
                        flink("jobManager: {resources: {memory: \"0.5\"}}"),
                        "spec.flink.jobManager.resources.memory",
                        "'0.5' must be between 1Mi and 1Ti (a Flink process needs some memory; no"
                                + " pod gets more)"),
                Arguments.of(
                        flink("jobManager: {resources: {cpu: 0.0001}}"),
                        "spec.flink.jobManager.resources.cpu",
                        "must be between 0.001 (one millicore, Kubernetes' smallest unit) and 512"
                                + " cores (e.g. 0.5 or 2)"),
                Arguments.of(
                        flink("jobManager: {resources: {cpu: 1e300}}"),
                        "spec.flink.jobManager.resources.cpu",
                        "must be between 0.001 (one millicore, Kubernetes' smallest unit) and 512"
                                + " cores (e.g. 0.5 or 2)"),
                Arguments.of(
                        flink("parallelism: 32769"),
                        "spec.flink.parallelism",
                        "must be between 1 and 32768"));
    }

    @ParameterizedTest(name = "{1}: {2}")
    @MethodSource
    void pastTheLimit(String document, String path, String message) {
        assertThat(problemsOf(document)).contains(new ValidationProblem(path, message));
    }
}
