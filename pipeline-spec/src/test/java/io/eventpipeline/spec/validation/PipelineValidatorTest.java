package io.eventpipeline.spec.validation;

import static io.eventpipeline.spec.Documents.FLIGHT_DELAYS;
import static io.eventpipeline.spec.Documents.MINIMAL;
import static io.eventpipeline.spec.Documents.pipeline;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.eventpipeline.spec.PipelineDefinition;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PipelineValidatorTest {
    private final PipelineValidator validator = new PipelineValidator();

    private List<ValidationProblem> validate(String document) throws InvalidPipelineException {
        return validator.validate(PipelineDefinition.parse(document));
    }

    @Test
    void designExampleIsValid() throws Exception {
        assertThat(validate(FLIGHT_DELAYS)).isEmpty();
    }

    @Test
    void minimalSpecIsValid() throws Exception {
        assertThat(validate(pipeline(MINIMAL))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                // trailing notFollowedBy with a time limit (cart abandonment)
                """
                input: {topic: carts, key: cartId, timestamp: {field: at, idleTimeout: 1m}}
                patterns:
                  - name: abandoned-cart
                    steps:
                      - {name: filled, where: "event.type == 'ADD' && event.price > 9.99"}
                      - {name: checkout, after: notFollowedBy, where: "event.type == 'CHECKOUT'"}
                    within: 30m
                    emitTimeouts: true
                    emit: {cart: "filled[0].cartId", items: "size(filled)"}
                output: {topic: abandoned, create: false}
                deadLetter: {topic: carts-bad, create: false}
                """,
                // loops: a greedy middle step, until, allowCombinations, skipToFirst
                """
                input: {topic: readings, key: sensor.id, startFrom: earliest}
                patterns:
                  - name: rising
                    steps:
                      - name: low
                        where: "event.value < 10"
                      - name: up
                        after: next
                        where: "size(up) == 0 ? event.value > low[0].value : event.value > up[size(up) - 1].value"
                        oneOrMore: true
                        greedy: true
                        consecutive: true
                        until: "event.value < 0"
                      - name: high
                        where: "event.value >= 100 && up.all(r, r.value < 100)"
                    afterMatch: skipToFirst
                    afterMatchStep: up
                  - name: bursts
                    steps:
                      - {name: hit, where: "event.kind == 'HIT'", times: {min: 3}, allowCombinations: true}
                      - {name: calm, after: notNext, where: "has(event.kind)"}
                output: {topic: alerts}
                delivery: exactly-once
                flink: {parallelism: 4, checkpointInterval: 10ms, upgradeMode: last-state}
                topicDeletionPolicy: Delete
                """,
                // an optional middle step, a negation in the middle, followedByAny
                """
                input: {topic: shipments, key: id}
                patterns:
                  - name: late
                    steps:
                      - {name: shipped, where: "event.status == 'SHIPPED'"}
                      - {name: lost, after: notFollowedBy, where: "event.status == 'DELIVERED'"}
                      - {name: ping, after: followedByAny, where: "event.status == 'PING'", optional: true}
                      - {name: late, where: "event.hours > 48 && shipped[0].id == event.id"}
                    within: 7d
                output: {topic: late-shipments}
                """
            })
    void acceptsValidSpecs(String spec) throws Exception {
        assertThat(validate(pipeline(spec))).isEmpty();
    }

    @Test
    void reportsEveryProblemAtOnce() throws Exception {
        String spec =
                """
                input: {topic: events, key: 'flight id', partitions: 0}
                patterns:
                  - name: Bad_Name
                    steps:
                      - {name: a, after: notNext, where: "later.size() > 0"}
                      - {name: later, where: "event.minutes >"}
                    within: forever
                output: {topic: events}
                flink: {parallelism: 0}
                """;
        List<ValidationProblem> problems = validate(pipeline("Bad", spec));
        assertThat(problems)
                .extracting(ValidationProblem::path)
                .contains(
                        "metadata.name",
                        "spec.input.partitions",
                        "spec.input.key",
                        "spec.output.topic",
                        "spec.patterns[0].name",
                        "spec.patterns[0].steps[0].after",
                        "spec.patterns[0].steps[0].where",
                        "spec.patterns[0].steps[1].where",
                        "spec.patterns[0].within",
                        "spec.flink.parallelism");
        assertThat(problems).hasSizeGreaterThanOrEqualTo(10);
    }

    @Test
    void celErrorsCarryTheirPosition() throws Exception {
        String spec = MINIMAL.replace("\"event.type == 'A'\"", "\"event.type == 'A' &&\\n  nope\"");
        assertThat(validate(pipeline(spec)))
                .extracting(ValidationProblem::path, ValidationProblem::message)
                .containsExactly(
                        tuple(
                                "spec.patterns[0].steps[0].where",
                                "CEL error at 2:3: unknown name 'nope'; available here: event"));
    }

    @Test
    void checkThrowsWithAllProblems() throws Exception {
        PipelineDefinition definition =
                PipelineDefinition.parse(
                        pipeline(MINIMAL.replace("topic: alerts", "topic: events")));
        assertThatThrownBy(() -> validator.check(definition))
                .isInstanceOf(InvalidPipelineException.class)
                .hasMessageContaining("spec.output.topic")
                .satisfies(e -> assertThat(((InvalidPipelineException) e).problems()).hasSize(1));
    }

    @Test
    void checkPassesAValidSpec() throws Exception {
        validator.check(PipelineDefinition.parse(FLIGHT_DELAYS));
    }

    @Test
    void parseReportsWrongKindAndApiVersion() {
        String document =
                pipeline(MINIMAL)
                        .replace("kind: EventPipeline", "kind: Pipeline")
                        .replace("eventpipeline.io/v1alpha1", "eventpipeline.io/v1");
        assertThatThrownBy(() -> PipelineDefinition.parse(document))
                .isInstanceOf(InvalidPipelineException.class)
                .satisfies(
                        e ->
                                assertThat(((InvalidPipelineException) e).problems())
                                        .extracting(ValidationProblem::path)
                                        .containsExactly("apiVersion", "kind"));
    }
}
