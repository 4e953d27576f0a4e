package io.eventpipeline.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventpipeline.spec.validation.InvalidPipelineException;
import io.eventpipeline.spec.validation.ValidationProblem;
import org.junit.jupiter.api.Test;

class PipelineDefinitionTest {

    @Test
    void parsingItsOwnJsonGivesTheSameCanonicalJson() throws Exception {
        PipelineDefinition definition = PipelineDefinition.parse(Documents.FLIGHT_DELAYS);
        String json = definition.toJson();
        PipelineDefinition again = PipelineDefinition.parse(json);
        assertThat(again.toJson()).isEqualTo(json);
        assertThat(again.name()).isEqualTo("flight-delays");
        assertThat(again.namespace()).isEqualTo("airline");
    }

    @Test
    void theSameSpecAlwaysGivesTheSameBytes() throws Exception {
        String first = PipelineDefinition.parse(Documents.FLIGHT_DELAYS).toJson();
        // The same pipeline written with its keys in another order.
        String reordered =
                Documents.FLIGHT_DELAYS
                        .replace(
                                "emit: {flight: \"delay[0].flightId\", delayMinutes:"
                                        + " \"delay[0].minutes\"}",
                                "emit: {delayMinutes: \"delay[0].minutes\", flight:"
                                        + " \"delay[0].flightId\"}")
                        .replace(
                                "output: {topic: flight-alerts, partitions: 3, replicationFactor:"
                                        + " 3}",
                                "output: {replicationFactor: 3, partitions: 3, topic:"
                                        + " flight-alerts}");
        assertThat(reordered).isNotEqualTo(Documents.FLIGHT_DELAYS);
        assertThat(PipelineDefinition.parse(reordered).toJson()).isEqualTo(first);
        assertThat(PipelineDefinition.parse(Documents.FLIGHT_DELAYS).toJson()).isEqualTo(first);
        assertThat(first).doesNotContain("null").doesNotContain("\n");
    }

    @Test
    void namespaceDefaultsToDefault() throws Exception {
        String document = Documents.pipeline(Documents.MINIMAL).replace(", namespace: airline", "");
        assertThat(PipelineDefinition.parse(document).namespace()).isEqualTo("default");
    }

    @Test
    void reportsStructuralProblemsWithTheirPath() {
        assertThatThrownBy(() -> PipelineDefinition.parse("kind: EventPipeline\nmetadata: {}\n"))
                .isInstanceOf(InvalidPipelineException.class)
                .satisfies(
                        e ->
                                assertThat(((InvalidPipelineException) e).problems())
                                        .extracting(ValidationProblem::path)
                                        .containsExactly("metadata.name", "spec"));
        assertThatThrownBy(() -> PipelineDefinition.parse("spec: [unclosed"))
                .isInstanceOf(InvalidPipelineException.class)
                .hasMessageStartingWith("(document): line 1, column 16: not valid YAML");
        assertThatThrownBy(
                        () ->
                                PipelineDefinition.parse(
                                        Documents.pipeline(
                                                Documents.MINIMAL.replace(
                                                        "key: id}", "key: id, partitions: many}"))))
                .isInstanceOf(InvalidPipelineException.class)
                .hasMessageContaining("spec.input.partitions: invalid value 'many'");
    }

    @Test
    void timesWrittenAsAWordGetsAHintTowardsOneOrMore() {
        assertThatThrownBy(
                        () ->
                                PipelineDefinition.parse(
                                        Documents.pipeline(
                                                Documents.MINIMAL.replace(
                                                        "where: \"event.type == 'A'\"}",
                                                        "where: \"event.type == 'A'\", times:"
                                                                + " oneOrMore}"))))
                .isInstanceOf(InvalidPipelineException.class)
                .hasMessageContaining(
                        "spec.patterns[0].steps[0].times: has the wrong type: expected an object"
                                + " such as {min: 1, max: 3} (at most 3) or {min: 2} (two or"
                                + " more); for one or more, write oneOrMore: true on the step"
                                + " instead");
    }
}
