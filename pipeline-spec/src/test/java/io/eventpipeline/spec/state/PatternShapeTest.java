package io.eventpipeline.spec.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventpipeline.spec.PipelineDefinition;
import io.eventpipeline.spec.PipelineJson;
import io.eventpipeline.spec.SpecDefaults;
import io.eventpipeline.spec.cel.CompiledPattern;
import io.eventpipeline.spec.cel.PatternCompiler;
import io.eventpipeline.spec.model.PatternSpec;
import io.eventpipeline.spec.model.StepSpec;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PatternShapeTest {
    private static final String STEPS =
            """
            - name: p
              steps:
                - {name: a, where: "event.type == 'a'"}
                - {name: b, %s}
            """;

    private static String why(String pattern) throws Exception {
        PipelineDefinition pipeline =
                PipelineDefinition.parse(
                        "metadata: {name: p}\n"
                                + "spec:\n"
                                + "  input: {topic: in, key: k}\n"
                                + "  output: {topic: out}\n"
                                + "  patterns:\n"
                                + pattern.indent(4));
        PatternSpec spec = SpecDefaults.withDefaults(pipeline.spec()).getPatterns().get(0);
        return PatternShape.of(spec, PatternCompiler.compile(spec, "spec.patterns[0]"))
                .whyCep()
                .orElse("simple");
    }

    private static String secondStep(String step) throws Exception {
        return why(STEPS.formatted(step));
    }

    @Test
    void singleEventStepsInRelaxedSequenceAreSimple() throws Exception {
        assertThat(secondStep("where: \"event.type == 'b'\"")).isEqualTo("simple");
        assertThat(secondStep("after: followedBy, where: \"event.v > 2\"")).isEqualTo("simple");
        assertThat(why(STEPS.formatted("where: \"true\"") + "  within: 5m\n")).isEqualTo("simple");
        for (String afterMatch : new String[] {"noSkip", "skipToNext", "skipPastLastEvent"}) {
            assertThat(
                            why(
                                    STEPS.formatted("where: \"true\"")
                                            + "  afterMatch: "
                                            + afterMatch
                                            + "\n"))
                    .isEqualTo("simple");
        }
    }

    @Test
    void eachThingFlinkCepIsNeededForIsNamed() throws Exception {
        String b = "where: \"event.type == 'b'\"";
        assertThat(secondStep("after: next, " + b)).isEqualTo("step b uses next");
        assertThat(secondStep("after: followedByAny, " + b)).isEqualTo("step b uses followedByAny");
        assertThat(secondStep("after: notNext, " + b)).isEqualTo("step b uses notNext");
        assertThat(secondStep("times: {min: 1, max: 1}, " + b)).isEqualTo("step b is quantified");
        assertThat(secondStep("oneOrMore: true, " + b)).isEqualTo("step b is quantified");
        assertThat(secondStep("optional: true, " + b)).isEqualTo("step b is quantified");
        assertThat(secondStep("where: \"event.gate != a[0].gate\""))
                .isEqualTo("step b has a condition on earlier steps' events");
        assertThat(why(STEPS.formatted(b) + "  within: 5m\n  emitTimeouts: true\n"))
                .isEqualTo("it emits timeouts");
        assertThat(why(STEPS.formatted(b) + "  afterMatch: skipToFirst\n  afterMatchStep: a\n"))
                .isEqualTo("afterMatch is skipToFirst");
    }

    @Test
    void aFlagSetToFalseIsNotAnOption() throws Exception {
        assertThat(secondStep("oneOrMore: false, optional: false, where: \"true\""))
                .isEqualTo("simple");
    }

    @Test
    void everyStepFieldIsEitherCoreOrAKnownOption() {
        List<String> fields = new ArrayList<>();
        PipelineJson.json()
                .getSerializationConfig()
                .introspect(PipelineJson.json().constructType(StepSpec.class))
                .findProperties()
                .forEach(property -> fields.add(property.getName()));
        assertThat(fields)
                .as("a new step field: decide in PatternShape what it means for both engines")
                .allMatch(f -> StepOption.CORE.contains(f) || StepOption.named(f) != null)
                .hasSize(StepOption.CORE.size() + StepOption.values().length);
    }

    @Test
    void aStepOrPatternOptionNotKnownHereGoesToFlinkCepAndKeepsEveryEvent() throws Exception {
        PatternSpec simple = compiledSpec(STEPS.formatted("where: \"true\""));
        CompiledPattern compiled = PatternCompiler.compile(simple, "spec.patterns[0]");
        assertThat(PatternShape.of(simple, compiled).matcher()).isEqualTo(Matcher.SEQUENCE);
        assertThat(PatternShape.of(simple, compiled).whyEventsMatter("p")).isEmpty();

        StepSpec future =
                PipelineJson.json().convertValue(simple.getSteps().get(1), FutureStep.class);
        simple.setSteps(List.of(simple.getSteps().get(0), future));
        PatternShape shape = PatternShape.of(simple, compiled);
        assertThat(shape.matcher()).isEqualTo(Matcher.CEP);
        assertThat(shape.whyCep()).contains("step b sets rewind");
        assertThat(shape.whyEventsMatter("spec.patterns[0]"))
                .contains("spec.patterns[0].steps[1] sets rewind");

        PatternSpec futurePattern =
                PipelineJson.json()
                        .convertValue(
                                compiledSpec(STEPS.formatted("where: \"true\"")),
                                FuturePattern.class);
        assertThat(PatternShape.of(futurePattern, compiled).whyCep()).contains("it sets replay");
        assertThat(PatternShape.of(futurePattern, compiled).whyEventsMatter("p"))
                .contains("p sets replay");
    }

    private static PatternSpec compiledSpec(String pattern) throws Exception {
        PipelineDefinition pipeline =
                PipelineDefinition.parse(
                        "metadata: {name: p}\n"
                                + "spec:\n"
                                + "  input: {topic: in, key: k}\n"
                                + "  output: {topic: out}\n"
                                + "  patterns:\n"
                                + pattern.indent(4));
        return SpecDefaults.withDefaults(pipeline.spec()).getPatterns().get(0);
    }

    /** A step as a later version of the spec might have it: with an option nobody decided on. */
    public static class FutureStep extends StepSpec {
        public boolean getRewind() {
            return true;
        }
    }

    /** A pattern with an option nobody decided on. */
    public static class FuturePattern extends PatternSpec {
        public String getReplay() {
            return "always";
        }
    }
}
