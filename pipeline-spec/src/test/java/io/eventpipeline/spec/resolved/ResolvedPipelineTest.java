package io.eventpipeline.spec.resolved;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventpipeline.spec.PipelineDefinition;
import io.eventpipeline.spec.PipelineJson;
import io.eventpipeline.spec.model.AfterMatchStrategy;
import io.eventpipeline.spec.model.Contiguity;
import io.eventpipeline.spec.model.Delivery;
import io.eventpipeline.spec.model.StartFrom;
import io.eventpipeline.spec.model.TopicDeletionPolicy;
import io.eventpipeline.spec.model.UpgradeMode;
import io.eventpipeline.spec.validation.InvalidPipelineException;
import io.eventpipeline.spec.validation.PipelineValidator;
import io.eventpipeline.spec.validation.ValidationProblem;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class ResolvedPipelineTest {
    private static final String MINIMAL =
            """
            metadata: {name: delays, namespace: ops}
            spec:
              input: {topic: flights, key: flight.id}
              output: {topic: alerts}
              patterns:
                - name: late
                  steps:
                    - {name: delay, where: "event.type == 'DELAY'"}
                    - {name: gate, where: "event.type == 'GATE'"}
            """;

    @Test
    void everyAbsentFieldResolvesToItsDefault() throws Exception {
        ResolvedPipeline pipeline = ResolvedPipeline.resolve(PipelineDefinition.parse(MINIMAL));

        assertThat(pipeline.id()).isEqualTo("ops/delays");
        assertThat(pipeline.input().keyPath()).isEqualTo("flight.id");
        assertThat(pipeline.input().timestamp()).isEmpty();
        assertThat(pipeline.input().maxOutOfOrderness()).isEqualTo(Duration.ZERO);
        assertThat(pipeline.input().startFrom()).isEqualTo(StartFrom.LATEST);
        assertThat(pipeline.topics())
                .extracting(ResolvedTopic::path, ResolvedTopic::name, ResolvedTopic::create)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("spec.input", "flights", true),
                        org.assertj.core.groups.Tuple.tuple("spec.output", "alerts", true),
                        org.assertj.core.groups.Tuple.tuple(
                                "spec.deadLetter", "flights-dlq", true));
        assertThat(pipeline.delivery()).isEqualTo(Delivery.AT_LEAST_ONCE);
        assertThat(pipeline.suspend()).isFalse();
        assertThat(pipeline.topicDeletionPolicy()).isEqualTo(TopicDeletionPolicy.RETAIN);
        assertThat(pipeline.flink().upgradeMode()).isEqualTo(UpgradeMode.SAVEPOINT);
        assertThat(pipeline.flink().autoscaler()).isEmpty();

        ResolvedPattern late = pipeline.patterns().get(0);
        assertThat(late.path()).isEqualTo("spec.patterns[0]");
        assertThat(late.within()).isEmpty();
        assertThat(late.afterMatch()).isEqualTo(AfterMatchStrategy.NO_SKIP);
        assertThat(late.emit()).isEmpty();
        assertThat(late.emitTimeouts()).isFalse();
        assertThat(late.matcher()).isEqualTo(Matcher.SEQUENCE);
        assertThat(late.steps())
                .extracting(ResolvedStep::path, ResolvedStep::after)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                "spec.patterns[0].steps[0]", Optional.empty()),
                        org.assertj.core.groups.Tuple.tuple(
                                "spec.patterns[0].steps[1]", Optional.of(Contiguity.FOLLOWED_BY)));
        assertThat(late.steps().get(1).options()).isEmpty();
    }

    @Test
    void writtenValuesAreReadTyped() throws Exception {
        ResolvedPipeline pipeline =
                ResolvedPipeline.resolve(
                        PipelineDefinition.parse(
                                MINIMAL.replace(
                                                        "key: flight.id}",
                                                        "key: flight.id, startFrom: earliest,"
                                                            + " partitions: 6, config: {b: '2', a:"
                                                            + " '1'}, timestamp: {field: at,"
                                                            + " maxOutOfOrderness: 5s, idleTimeout:"
                                                            + " 1m}}")
                                                .replace(
                                                        "{name: gate, where: \"event.type =="
                                                                + " 'GATE'\"}",
                                                        "{name: gate, after: next, where:"
                                                            + " \"event.type == 'GATE'\", times:"
                                                            + " {min: 2}}\n"
                                                            + "      within: 90m\n"
                                                            + "      emit: {z: 'delay[0].type', a:"
                                                            + " 'gate[0].type'}")
                                        + "  flink: {upgradeMode: stateless, autoscaler:"
                                        + " {maxParallelism: 8, metricsWindow: 10m}}\n"));
        ResolvedInput input = pipeline.input();
        assertThat(input.startFrom()).isEqualTo(StartFrom.EARLIEST);
        assertThat(input.topic().partitions()).contains(6);
        assertThat(input.topic().config().keySet()).containsExactly("a", "b");
        assertThat(input.timestamp().orElseThrow().field().toString()).isEqualTo("at");
        assertThat(input.maxOutOfOrderness()).isEqualTo(Duration.ofSeconds(5));
        assertThat(input.timestamp().orElseThrow().idleTimeout()).contains(Duration.ofMinutes(1));
        assertThat(pipeline.flink().upgradeMode()).isEqualTo(UpgradeMode.STATELESS);
        assertThat(pipeline.flink().autoscaler())
                .contains(
                        new ResolvedAutoscaler(
                                true,
                                1,
                                8,
                                java.util.OptionalDouble.empty(),
                                Optional.of(Duration.ofMinutes(10)),
                                Optional.empty()));

        ResolvedPattern late = pipeline.patterns().get(0);
        assertThat(late.within()).contains(Duration.ofMinutes(90));
        assertThat(late.emit().keySet()).containsExactly("a", "z");
        ResolvedStep gate = late.steps().get(1);
        assertThat(gate.after()).contains(Contiguity.NEXT);
        assertThat(gate.times()).contains(new ResolvedStep.Times(2, OptionalInt.empty()));
        assertThat(gate.options()).containsExactly(StepOption.TIMES);
        assertThat(late.matcher()).isEqualTo(Matcher.CEP);
        assertThat(late.shape().whyCep()).contains("step gate uses next");
    }

    @Test
    void resolvingLeavesTheGivenDefinitionAsItWas() throws Exception {
        PipelineDefinition given = PipelineDefinition.parse(MINIMAL);
        String before = given.toJson();
        ResolvedPipeline.resolve(given);
        assertThat(given.toJson()).isEqualTo(before);
        assertThat(given.spec().getDeadLetter()).isNull();
    }

    @Test
    void anInvalidPipelineIsRefusedWithEveryProblemAtItsPath() throws Exception {
        PipelineDefinition broken =
                PipelineDefinition.parse(
                        MINIMAL.replace("event.type == 'GATE'", "event.type ==")
                                .replace("topic: alerts", "topic: 'bad topic'"));
        assertThatThrownBy(() -> ResolvedPipeline.resolve(broken))
                .isInstanceOf(InvalidPipelineException.class)
                .satisfies(
                        e ->
                                assertThat(((InvalidPipelineException) e).problems())
                                        .extracting(ValidationProblem::path)
                                        .contains(
                                                "spec.output.topic",
                                                "spec.patterns[0].steps[1].where"));
    }

    @Test
    void theValidatorsCompiledCelIsWhatTheResolvedPatternsCarry() throws Exception {
        PipelineDefinition definition = PipelineDefinition.parse(MINIMAL);
        PipelineValidator.Validated validated =
                new PipelineValidator().validateCompiling(definition);
        assertThat(validated.valid()).isTrue();
        ResolvedPipeline pipeline = ResolvedPipeline.of(definition, validated.patterns());
        assertThat(pipeline.patterns().get(0).compiled()).isSameAs(validated.patterns().get(0));
        assertThat(PipelineJson.toJson(pipeline.patterns().get(0).wire()))
                .isEqualTo(
                        PipelineJson.toJson(
                                ResolvedPipeline.resolve(definition).patterns().get(0).wire()));
    }

    @Test
    void anInvalidPipelineComesWithNoCompiledCel() throws Exception {
        PipelineValidator.Validated validated =
                new PipelineValidator()
                        .validateCompiling(
                                PipelineDefinition.parse(
                                        MINIMAL.replace("event.type == 'GATE'", "event.type ==")));
        assertThat(validated.valid()).isFalse();
        assertThat(validated.patterns()).isEqualTo(List.of());
    }

    @Test
    void topicsAreMadeByTheAdminApiUnlessStrimziIsNamed() throws Exception {
        assertThat(ResolvedPipeline.resolve(PipelineDefinition.parse(MINIMAL)).kafka().topics())
                .isEqualTo(ResolvedTopicManagement.ADMIN);
        ResolvedPipeline strimzi =
                ResolvedPipeline.resolve(
                        PipelineDefinition.parse(
                                MINIMAL.replace(
                                        "spec:\n",
                                        "spec:\n  kafka: {topics: {management: strimzi,"
                                                + " strimziCluster: my-cluster}}\n")));
        assertThat(strimzi.kafka().topics().strimzi()).isTrue();
        assertThat(strimzi.kafka().topics().strimziCluster()).contains("my-cluster");
    }
}
