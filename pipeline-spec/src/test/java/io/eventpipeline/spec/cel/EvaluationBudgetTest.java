package io.eventpipeline.spec.cel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.eventpipeline.spec.Documents;
import io.eventpipeline.spec.PipelineDefinition;
import io.eventpipeline.spec.validation.PipelineValidator;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Evaluation cost is bounded, not only expression size: what always goes past the budget is refused
 * when compiled, what goes past it on some event fails that event, cut off before it builds what it
 * asked for.
 */
class EvaluationBudgetTest {
    private static final ExpressionScope NO_STEPS_IN_SCOPE =
            new ExpressionScope(List.of(), Map.of());
    private static final Map<String, List<Map<String, Object>>> NO_STEPS = Map.of();

    private static CompiledCondition condition(String expression) throws Exception {
        return ExpressionCompiler.compileCondition(expression, NO_STEPS_IN_SCOPE);
    }

    private static String literalList(int size) {
        StringBuilder list = new StringBuilder("[");
        for (int i = 0; i < size; i++) {
            list.append(i == 0 ? "" : ",").append(i);
        }
        return list.append(']').toString();
    }

    /** Ten-fold growth per call: 'aaaaaaaaaa' replaced {@code times} times is 10^(times+1). */
    private static String chainedReplace(int times) {
        return "'aaaaaaaaaa'" + ".replace('a', 'aaaaaaaaaa')".repeat(times) + ".size() > 0";
    }

    @Test
    void aNestedComprehensionOverLiteralListsIsRefusedWhenCompiled() {
        String list = literalList(200);
        String expression = list + ".all(x, " + list + ".all(y, x + y >= 0))";
        assertThatThrownBy(() -> condition(expression))
                .isInstanceOf(ExpressionCompileException.class)
                .hasMessageContaining("goes past its evaluation budget without reading any event")
                .hasMessageContaining("Iteration budget exceeded")
                .hasMessageContaining(
                        "a condition may iterate at most 10000 times and build at most 1048576"
                                + " characters");
    }

    @Test
    void aNestedComprehensionThatReadsTheEventIsRefusedToo() {
        // With no event the inner condition fails on every iteration, and CEL's all() goes on.
        String list = literalList(200);
        String expression = list + ".all(x, " + list + ".all(y, event.n > x + y))";
        assertThatThrownBy(() -> condition(expression))
                .isInstanceOf(ExpressionCompileException.class)
                .hasMessageContaining("Iteration budget exceeded");
    }

    @Test
    void theValidatorNamesTheFieldOfAnExpressionPastTheBudget() throws Exception {
        String list = literalList(200);
        String document =
                Documents.pipeline(
                        Documents.MINIMAL.replace(
                                "\"event.type == 'A'\"",
                                "\""
                                        + list
                                        + ".exists(x, "
                                        + list
                                        + ".exists(y, x == y + 500))\""));
        assertThat(new PipelineValidator().validate(PipelineDefinition.parse(document)))
                .singleElement()
                .satisfies(
                        problem -> {
                            assertThat(problem.path()).isEqualTo("spec.patterns[0].steps[0].where");
                            assertThat(problem.message())
                                    .contains(
                                            "goes past its evaluation budget without reading any"
                                                    + " event");
                        });
    }

    @Test
    void stringGrowthThroughReplaceIsRefusedWhenCompiled() {
        assertTimeoutPreemptively(
                Duration.ofSeconds(10),
                () ->
                        assertThatThrownBy(() -> condition(chainedReplace(9)))
                                .isInstanceOf(ExpressionCompileException.class)
                                .hasMessageContaining(
                                        "goes past its evaluation budget without reading any"
                                                + " event (")
                                .hasMessageContaining(
                                        "exceeds its evaluation budget: replace would build"
                                                + " 1000000 characters with 937476 of 1048576"
                                                + " left"));
    }

    @Test
    void stringGrowthThroughConcatenationIsRefusedWhenCompiled() {
        // Each map binds the doubled string to the next name: 2^21 characters at the end.
        StringBuilder expression = new StringBuilder("['ab']");
        for (int i = 0; i < 20; i++) {
            expression
                    .append(".map(s")
                    .append(i)
                    .append(", s")
                    .append(i)
                    .append(" + s")
                    .append(i)
                    .append(")");
        }
        expression.append(".size() > 0");
        assertThatThrownBy(() -> condition(expression.toString()))
                .isInstanceOf(ExpressionCompileException.class)
                .hasMessageContaining("exceeds its evaluation budget: '+' would build");
    }

    @Test
    void growthWithinTheBudgetCompilesAndEvaluates() throws Exception {
        // 10^5 characters, well within the budget.
        assertThat(condition(chainedReplace(4)).test(Map.of(), NO_STEPS)).isTrue();
        assertThat(
                        condition(
                                        "'a' + 'b' == 'ab' && ['x', 'y'].join('-') == 'x-y' &&"
                                                + " 'xax'.replace('a', 'bb', 1) == 'xbbx' &&"
                                                + " strings.quote('a\"b') == '\"a\\\\\"b\"' &&"
                                                + " b'ab' + b'c' == b'abc'")
                                .test(Map.of(), NO_STEPS))
                .isTrue();
    }

    @Test
    void anEventThatMakesAConditionGoPastTheBudgetFailsThatEventOnly() throws Exception {
        CompiledCondition grows = condition("event.s.replace('a', event.s).size() > 10");
        // 'a' x 2000 with each 'a' replaced by itself: 4 million characters.
        Map<String, Object> big = Map.of("s", "a".repeat(2000));
        assertTimeoutPreemptively(
                Duration.ofSeconds(10),
                () ->
                        assertThatThrownBy(() -> grows.test(big, NO_STEPS))
                                .isInstanceOfSatisfying(
                                        ExpressionEvaluationException.class,
                                        e -> assertThat(e.overBudget()).isTrue())
                                .hasMessageContaining(
                                        "exceeds its evaluation budget: replace would build"
                                                + " 4000000 characters with 1048576 of 1048576"
                                                + " left"));
        // The next evaluation has its whole budget again.
        assertThat(grows.test(Map.of("s", "aaaa"), NO_STEPS)).isTrue();
    }

    @Test
    void theBudgetIsSpentAcrossIterations() throws Exception {
        CompiledCondition each = condition("event.items.all(i, (event.pad + i).size() > 0)");
        // 2000 iterations, each building 1001 characters: past 1048576 in total.
        Map<String, Object> event =
                Map.of("pad", "p".repeat(1000), "items", java.util.Collections.nCopies(2000, "i"));
        assertThatThrownBy(() -> each.test(event, NO_STEPS))
                .isInstanceOfSatisfying(
                        ExpressionEvaluationException.class,
                        e -> assertThat(e.overBudget()).isTrue())
                .hasMessageContaining(
                        "exceeds its evaluation budget: '+' would build 1001 characters");
        Map<String, Object> fewer =
                Map.of("pad", "p".repeat(1000), "items", java.util.Collections.nCopies(1000, "i"));
        assertThat(each.test(fewer, NO_STEPS)).isTrue();
    }

    @Test
    void aRegularExpressionFromAnEventIsBoundedInSize() throws Exception {
        CompiledCondition rule = condition("event.code.matches(event.rule)");
        assertThat(rule.test(Map.of("code", "AB12", "rule", "^[A-Z]{2}[0-9]{1,4}$"), NO_STEPS))
                .isTrue();
        assertThatThrownBy(
                        () -> rule.test(Map.of("code", "a", "rule", "(a{1,100}){1,100}"), NO_STEPS))
                .isInstanceOfSatisfying(
                        ExpressionEvaluationException.class,
                        e -> assertThat(e.overBudget()).isTrue())
                .hasMessageContaining("Regex pattern exceeds allowed program size. Allowed: 5000");
    }

    @Test
    void aFailureOnTheEventsDataIsNotOverBudget() throws Exception {
        assertThatThrownBy(() -> condition("event.n / 0 > 1").test(Map.of("n", 1L), NO_STEPS))
                .isInstanceOfSatisfying(
                        ExpressionEvaluationException.class,
                        e -> assertThat(e.overBudget()).isFalse());
    }
}
