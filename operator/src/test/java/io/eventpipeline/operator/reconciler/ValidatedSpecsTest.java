package io.eventpipeline.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventpipeline.spec.PipelineDefinition;
import io.eventpipeline.spec.validation.PipelineValidator;
import io.eventpipeline.spec.validation.ValidationProblem;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ValidatedSpecsTest {
    private static final Path EXAMPLE = Path.of("..", "examples", "flight-delays.yaml");

    private static PipelineDefinition example() throws Exception {
        return PipelineDefinition.parse(Files.readString(EXAMPLE));
    }

    private static PipelineDefinition renamed(PipelineDefinition definition, String name) {
        return new PipelineDefinition(name, definition.namespace(), definition.spec());
    }

    @Test
    void aSpecSeenBeforeIsNotValidatedAgainAndAnyChangeIs() throws Exception {
        ValidatedSpecs specs = new ValidatedSpecs(new PipelineValidator(), 8);
        PipelineDefinition pipeline = example();

        PipelineValidator.Validated first = specs.validated(pipeline);
        assertThat(first.problems()).isEmpty();
        assertThat(first.patterns()).hasSize(1);
        assertThat(specs.validated(example())).isSameAs(first);
        assertThat(specs.size()).isEqualTo(1);

        PipelineDefinition broken = example();
        broken.spec().getPatterns().get(0).getSteps().get(0).setWhere("event.minutes >");
        assertThat(specs.validated(broken).problems())
                .singleElement()
                .satisfies(p -> assertThat(p.path()).isEqualTo("spec.patterns[0].steps[0].where"));
        assertThat(specs.validated(renamed(pipeline, "Not_A_Name")).problems())
                .extracting(ValidationProblem::path)
                .contains("metadata.name");
        assertThat(specs.size()).isEqualTo(3);
        assertThat(specs.validated(pipeline)).isSameAs(first);
    }

    @Test
    void keepsAtMostItsCapacityDroppingTheLeastRecentlyUsed() throws Exception {
        ValidatedSpecs specs = new ValidatedSpecs(new PipelineValidator(), 2);
        PipelineDefinition a = renamed(example(), "a");
        PipelineValidator.Validated aVerdict = specs.validated(a);
        specs.validated(renamed(example(), "b"));
        specs.validated(a);
        specs.validated(renamed(example(), "c"));

        assertThat(specs.size()).isEqualTo(2);
        assertThat(specs.validated(a)).isSameAs(aVerdict);
    }

    @Test
    void aRenderedFitIsKnownForTheSameSpecOnlyOnceMarked() throws Exception {
        ValidatedSpecs specs = new ValidatedSpecs(new PipelineValidator(), 8);
        ValidatedSpecs.Verdict verdict = specs.verdict(example());
        assertThat(verdict.fitsRendered()).isFalse();

        verdict.rendersToAFit();
        assertThat(specs.verdict(example()).fitsRendered()).isTrue();

        PipelineDefinition changed = example();
        changed.spec().getPatterns().get(0).getSteps().get(0).setWhere("event.minutes > 1");
        assertThat(specs.verdict(changed).fitsRendered()).isFalse();
        assertThat(specs.verdict(renamed(example(), "other")).fitsRendered()).isFalse();
    }
}
