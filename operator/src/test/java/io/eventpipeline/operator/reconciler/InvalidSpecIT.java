package io.eventpipeline.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventpipeline.operator.api.EventPipeline;
import io.eventpipeline.operator.api.Phase;
import io.eventpipeline.operator.api.StatusCondition;
import io.eventpipeline.operator.testing.OperatorHarness;
import io.eventpipeline.operator.testing.OperatorStack;
import io.eventpipeline.operator.testing.PipelineStatus;
import io.eventpipeline.operator.testing.Pipelines;
import io.eventpipeline.testsupport.kafka.KafkaTopics;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Invalid specs through the running operator: each gets SpecValid=False naming the field and the
 * problem, a Warning event, and nothing on Kafka or in Kubernetes.
 */
class InvalidSpecIT {
    static OperatorStack stack;
    static OperatorHarness harness;
    static KafkaTopics kafka;
    static final AtomicInteger SEQUENCE = new AtomicInteger();

    @BeforeAll
    static void start() {
        stack = OperatorStack.start();
        harness = stack.harness;
        kafka = stack.kafka;
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    static Arguments invalid(
            String what, UnaryOperator<String> edit, String path, String fragment) {
        return Arguments.of(what, edit, path, fragment);
    }

    static Stream<Arguments> invalidSpecs() {
        return Stream.of(
                invalid(
                        "zero partitions",
                        y -> y.replace("partitions: 6", "partitions: 0"),
                        "spec.input.partitions",
                        "1"),
                invalid(
                        "zero replication factor",
                        y -> y.replaceFirst("replicationFactor: 1", "replicationFactor: 0"),
                        "spec.input.replicationFactor",
                        "1"),
                invalid(
                        "illegal topic name",
                        y -> y.replaceFirst("topic: (\\S+)-events", "topic: bad topic!"),
                        "spec.input.topic",
                        "topic"),
                invalid(
                        "output is the input",
                        y -> y.replaceFirst("topic: (\\S+)-alerts", "topic: $1-events"),
                        "spec.output.topic",
                        "input"),
                invalid(
                        "no key",
                        y -> y.replace("    key: flightId\n", ""),
                        "spec.input.key",
                        "required"),
                invalid(
                        "bad out-of-orderness",
                        y -> y.replace("maxOutOfOrderness: 30s", "maxOutOfOrderness: 30 seconds"),
                        "spec.input.timestamp.maxOutOfOrderness",
                        "duration"),
                invalid(
                        "bad within",
                        y -> y.replace("within: 2h", "within: two hours"),
                        "spec.patterns[0].within",
                        "duration"),
                invalid(
                        "CEL syntax error",
                        y -> y.replace("event.minutes >= 30\"", "event.minutes >=\""),
                        "spec.patterns[0].steps[0].where",
                        "1:"),
                invalid(
                        "condition not a bool",
                        y ->
                                y.replace(
                                        "\"event.type == 'DELAY' && event.minutes >= 30\"",
                                        "\"event.minutes + 1\""),
                        "spec.patterns[0].steps[0].where",
                        "bool"),
                invalid(
                        "condition refers to a later step",
                        y -> y.replace("event.type == 'DELAY' &&", "gate[0].gate == 'A' &&"),
                        "spec.patterns[0].steps[0].where",
                        "gate"),
                invalid(
                        "first step has after",
                        y ->
                                y.replace(
                                        "        - name: delay\n",
                                        "        - name: delay\n          after: notNext\n"),
                        "spec.patterns[0].steps[0].after",
                        "cannot start with a negation"),
                invalid(
                        "trailing notFollowedBy without within",
                        y ->
                                y.replace("after: followedBy", "after: notFollowedBy")
                                        .replace(
                                                "          times:\n"
                                                        + "            min: 1\n"
                                                        + "            max: 3\n",
                                                "")
                                        .replace("      within: 2h\n", "")
                                        .replace("        newGate: \"gate[0].gate\"\n", ""),
                        "spec.patterns[0].within",
                        "notFollowedBy"),
                invalid(
                        "times min above max",
                        y -> y.replace("min: 1\n            max: 3", "min: 3\n            max: 1"),
                        "spec.patterns[0].steps[1].times.max",
                        "at least times.min"),
                invalid(
                        "times and oneOrMore",
                        y ->
                                y.replace(
                                        "            max: 3\n",
                                        "            max: 3\n          oneOrMore: true\n"),
                        "spec.patterns[0].steps[1].oneOrMore",
                        "cannot be combined with times"),
                invalid(
                        "quantified negation",
                        y ->
                                y.replace("after: followedBy", "after: notNext")
                                        .replace("        newGate: \"gate[0].gate\"\n", ""),
                        "spec.patterns[0].steps[1].times",
                        "negation"),
                invalid(
                        "greedy last step",
                        y ->
                                y.replace(
                                        "            max: 3\n",
                                        "            max: 3\n          greedy: true\n"),
                        "spec.patterns[0].steps[1].greedy",
                        "last"),
                invalid(
                        "consecutive on a single step",
                        y ->
                                y.replace(
                                        "          times:\n"
                                                + "            min: 1\n"
                                                + "            max: 3\n",
                                        "          consecutive: true\n"),
                        "spec.patterns[0].steps[1].consecutive",
                        "repeating"),
                invalid(
                        "until on a bounded step",
                        y ->
                                y.replace(
                                        "            max: 3\n",
                                        "            max: 3\n"
                                                + "          until: \"event.type == 'CANCEL'\"\n"),
                        "spec.patterns[0].steps[1].until",
                        "oneOrMore"),
                invalid(
                        "skipToFirst without a step",
                        y -> y.replace("afterMatch: skipPastLastEvent", "afterMatch: skipToFirst"),
                        "spec.patterns[0].afterMatchStep",
                        "required"),
                invalid(
                        "afterMatchStep names no step",
                        y ->
                                y.replace(
                                        "afterMatch: skipPastLastEvent",
                                        "afterMatch: skipToLast\n      afterMatchStep: boarding"),
                        "spec.patterns[0].afterMatchStep",
                        "boarding"),
                invalid(
                        "emitTimeouts without within",
                        y -> y.replace("      within: 2h\n", "      emitTimeouts: true\n")),
                invalid(
                        "duplicate step names",
                        y ->
                                y.replace("        - name: gate\n", "        - name: delay\n")
                                        .replace("        newGate: \"gate[0].gate\"\n", "")
                                        .replace("delay[0].gate", "event.gate"),
                        "spec.patterns[0].steps[1].name",
                        "unique"),
                invalid(
                        "reserved step name",
                        y ->
                                y.replace("        - name: gate\n", "        - name: event\n")
                                        .replace("        newGate: \"gate[0].gate\"\n", ""),
                        "spec.patterns[0].steps[1].name",
                        "event"),
                invalid(
                        "emit does not compile",
                        y ->
                                y.replace(
                                        "flight: \"delay[0].flightId\"",
                                        "flight: \"delay[0].flightId +\""),
                        "spec.patterns[0].emit.flight",
                        "1:"),
                invalid(
                        "name too long for Flink",
                        y ->
                                y.replaceFirst(
                                        "name: (\\S+)\n  namespace",
                                        "name: $1-" + "x".repeat(45) + "\n  namespace"),
                        "metadata.name",
                        "characters"),
                invalid(
                        "zero parallelism",
                        y -> y.replace("parallelism: 2", "parallelism: 0"),
                        "spec.flink.parallelism",
                        "1"),
                invalid(
                        "bad memory",
                        y -> y.replace("memory: 2Gi", "memory: lots"),
                        "spec.flink.taskManager.resources.memory",
                        "lots"),
                invalid(
                        "create false with partitions",
                        y ->
                                y.replace(
                                        "    partitions: 6\n",
                                        "    create: false\n    partitions: 6\n"),
                        "spec.input.partitions",
                        "create"),
                invalid(
                        "no patterns",
                        y -> y.replaceAll("(?s)  patterns:\n.*?(?=  output:)", "  patterns: []\n"),
                        "spec.patterns",
                        "at least one"));
    }

    static Arguments invalid(String what, UnaryOperator<String> edit) {
        return invalid(what, edit, "spec.patterns[0].emitTimeouts", "within");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidSpecs")
    void isRejectedWithTheFieldNamedAndNothingCreated(
            String what, UnaryOperator<String> edit, String path, String fragment)
            throws Exception {
        String name = "bad" + SEQUENCE.incrementAndGet();
        String yaml = edit.apply(Pipelines.flightDelays("invalid", name));
        EventPipeline applied = harness.apply(yaml);
        String actualName = applied.getMetadata().getName();

        EventPipeline failed = harness.awaitPhase("invalid", actualName, Phase.Failed);
        StatusCondition specValid = PipelineStatus.condition(failed, "SpecValid");
        assertThat(specValid.getStatus()).isEqualTo("False");
        assertThat(specValid.getReason()).isEqualTo("Invalid");
        assertThat(specValid.getMessage()).contains(path + ": ").containsIgnoringCase(fragment);
        assertThat(PipelineStatus.condition(failed, "Ready").getStatus()).isEqualTo("False");
        assertThat(harness.flinkDeployment("invalid", actualName)).isNull();
        assertThat(kafka.names()).noneMatch(topic -> topic.startsWith(name + "-"));
        assertThat(PipelineStatus.eventReasons(harness.client(), "invalid", actualName))
                .contains("SpecInvalid");
    }

    @Test
    void anInvalidEditOfARunningPipelineChangesNothing() throws Exception {
        String yaml = Pipelines.flightDelays("invalid", "edited");
        harness.applyRunning(yaml, "invalid", "edited");
        var before = harness.flinkDeployment("invalid", "edited").getSpec();

        harness.apply(
                yaml.replace("partitions: 6", "partitions: 9")
                        .replace("within: 2h", "within: soon"));
        EventPipeline failed = harness.awaitPhase("invalid", "edited", Phase.Failed);

        assertThat(PipelineStatus.condition(failed, "SpecValid").getMessage())
                .contains("spec.patterns[0].within");
        assertThat(harness.flinkDeployment("invalid", "edited").getSpec()).isEqualTo(before);
        assertThat(kafka.partitions("edited-events")).isEqualTo(6);
        // The job from the last valid spec keeps running, and the status still says so.
        assertThat(PipelineStatus.condition(failed, "JobReady").getStatus()).isEqualTo("True");
    }
}
