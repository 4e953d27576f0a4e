package io.eventpipeline.job.cep;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventpipeline.job.event.PipelineEvent;
import io.eventpipeline.spec.PipelineDefinition;
import io.eventpipeline.spec.resolved.ResolvedPattern;
import io.eventpipeline.spec.resolved.ResolvedPipeline;
import io.eventpipeline.spec.validation.PipelineValidator;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.flink.cep.nfa.compiler.NFACompiler;
import org.apache.flink.cep.pattern.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every pattern the validator accepts must become a Flink CEP pattern that compiles to an NFA: a
 * spec that validates but fails in the job would fail only after deployment. Runs over many
 * combinations of contiguity, quantifiers, options, until and within.
 */
class CepCompilationMatrixTest {
    private static final String[] AFTER = {
        "next", "followedBy", "followedByAny", "notNext", "notFollowedBy"
    };
    private static final String[] QUANTIFIER = {
        "",
        "times: {min: 2, max: 2}, ",
        "times: {min: 1, max: 3}, ",
        "times: {min: 2}, ",
        "oneOrMore: true, "
    };
    private static final String[] FLAGS = {
        "optional", "greedy", "consecutive", "allowCombinations"
    };

    @Test
    void everyValidPatternCompilesToAnNfa() throws Exception {
        Random random = new Random(20240501);
        List<String> failures = new ArrayList<>();
        int valid = 0;
        int checked = 0;
        for (int i = 0; i < 1200; i++) {
            String yaml =
                    document(
                            step("a", null, random),
                            step("b", AFTER[random.nextInt(AFTER.length)], random),
                            random.nextBoolean()
                                    ? step("c", AFTER[random.nextInt(AFTER.length)], random)
                                    : "",
                            random.nextBoolean() ? "within: 10s" : "",
                            random.nextInt(3) == 0
                                    ? "afterMatch: skipToLast\n      afterMatchStep: b"
                                    : "");
            checked++;
            PipelineDefinition definition = PipelineDefinition.parse(yaml);
            if (!new PipelineValidator().validate(definition).isEmpty()) {
                continue;
            }
            valid++;
            ResolvedPattern resolved = ResolvedPipeline.resolve(definition).patterns().get(0);
            try {
                Pattern<PipelineEvent, PipelineEvent> pattern =
                        CepPatternFactory.create(resolved, CepPatternFactory.ConditionSlots.NONE);
                NFACompiler.compileFactory(pattern, true);
                NFACompiler.compileFactory(pattern, false);
            } catch (RuntimeException e) {
                failures.add(e.getMessage() + " <- " + yaml.substring(yaml.indexOf("steps")));
            }
        }
        assertThat(valid).as("valid patterns among %d", checked).isGreaterThan(100);
        assertThat(failures).isEmpty();
    }

    /** The largest counts and window the validator accepts still compile, and quickly. */
    @Test
    void patternsAtTheBoundsCompileToAnNfa() throws Exception {
        String yaml =
                document(
                        "{name: a, where: \"event.type == 'a'\", times: {min: 1000, max: 1000}}",
                        "{name: b, where: \"event.type == 'b'\", times: {min: 1, max: 1000},"
                                + " greedy: true}",
                        "{name: c, where: \"event.type == 'c'\"}",
                        "within: 365d",
                        "");
        PipelineDefinition definition = PipelineDefinition.parse(yaml);
        assertThat(new PipelineValidator().validate(definition)).isEmpty();
        Pattern<PipelineEvent, PipelineEvent> pattern =
                CepPatternFactory.create(
                        ResolvedPipeline.resolve(definition).patterns().get(0),
                        CepPatternFactory.ConditionSlots.NONE);
        assertThat(pattern.getWindowSize()).contains(java.time.Duration.ofDays(365));
        assertThat(NFACompiler.compileFactory(pattern, false).createNFA()).isNotNull();
    }

    private static String step(String name, String after, Random random) {
        StringBuilder step = new StringBuilder("{name: " + name + ", ");
        if (after != null) {
            step.append("after: ").append(after).append(", ");
        }
        step.append("where: \"event.type == '").append(name).append("'\", ");
        step.append(QUANTIFIER[random.nextInt(QUANTIFIER.length)]);
        for (String flag : FLAGS) {
            if (random.nextInt(4) == 0) {
                step.append(flag).append(": true, ");
            }
        }
        if (random.nextInt(4) == 0) {
            step.append("until: \"event.type == 'x'\", ");
        }
        return step.substring(0, step.length() - 2) + "}";
    }

    private static String document(
            String first, String second, String third, String within, String afterMatch) {
        return """
        apiVersion: eventpipeline.io/v1alpha1
        kind: EventPipeline
        metadata: {name: matrix}
        spec:
          input: {topic: in, key: k}
          output: {topic: out}
          patterns:
            - name: p
              %s
              %s
              steps:
                - %s
                - %s
                %s
        """
                .formatted(within, afterMatch, first, second, third.isEmpty() ? "" : "- " + third);
    }
}
