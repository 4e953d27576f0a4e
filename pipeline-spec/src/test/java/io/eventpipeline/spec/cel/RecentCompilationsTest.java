package io.eventpipeline.spec.cel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RecentCompilationsTest {
    private static final ExpressionScope TWO_STEPS =
            new ExpressionScope(List.of("delay", "gate"), Map.of());

    @Test
    void anExpressionInTheSameScopeIsCompiledOnce() throws Exception {
        String expression = "event.flight == delay[0].flight && event.gate != 'kept-once'";
        CompiledCondition first = ExpressionCompiler.compileCondition(expression, TWO_STEPS);
        assertThat(ExpressionCompiler.compileCondition(expression, TWO_STEPS)).isSameAs(first);
        assertThat(
                        ExpressionCompiler.compileCondition(
                                expression,
                                new ExpressionScope(List.of("delay", "gate"), Map.of())))
                .as("an equal scope")
                .isSameAs(first);
    }

    @Test
    void anotherScopeCompilesAgainAndMayFail() throws Exception {
        String expression = "event.flight == delay[0].flight && event.gate != 'other-scope'";
        ExpressionCompiler.compileCondition(expression, TWO_STEPS);
        // Without 'delay' in scope the same text is an error: the scope is part of the key.
        assertThatThrownBy(
                        () ->
                                ExpressionCompiler.compileCondition(
                                        expression,
                                        new ExpressionScope(
                                                List.of("gate"), Map.of("delay", "comes later"))))
                .isInstanceOf(ExpressionCompileException.class)
                .hasMessageContaining("comes later");
    }

    @Test
    void aValueAndAConditionOfTheSameTextAreKeptApart() throws Exception {
        // A string is a fine emit value and no condition: the kind is part of the key.
        String expression = "delay[0].flight + '-kept-apart'";
        assertThat(ExpressionCompiler.compileValue(expression, TWO_STEPS).expression())
                .isEqualTo(expression);
        assertThatThrownBy(() -> ExpressionCompiler.compileCondition(expression, TWO_STEPS))
                .isInstanceOf(ExpressionCompileException.class);
    }

    @Test
    void failuresAreNotKept() {
        RecentCompilations<String> recent = new RecentCompilations<>(4);
        AtomicInteger attempts = new AtomicInteger();
        RecentCompilations.Key key = new RecentCompilations.Key("condition", "x", TWO_STEPS);
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(
                            () ->
                                    recent.get(
                                            key,
                                            () -> {
                                                attempts.incrementAndGet();
                                                throw new ExpressionCompileException(
                                                        List.of(new ExpressionError(0, 0, "bad")));
                                            }))
                    .isInstanceOf(ExpressionCompileException.class);
        }
        assertThat(attempts).hasValue(2);
        assertThat(recent.size()).isZero();
    }

    @Test
    void theLeastRecentlyUsedGoesFirst() throws Exception {
        RecentCompilations<String> recent = new RecentCompilations<>(2);
        AtomicInteger compiled = new AtomicInteger();
        RecentCompilations.Compilation<String> counting =
                () -> "result " + compiled.incrementAndGet();
        recent.get(key("a"), counting);
        recent.get(key("b"), counting);
        recent.get(key("a"), counting); // a is now the most recent
        recent.get(key("c"), counting); // b goes
        assertThat(compiled).hasValue(3);
        assertThat(recent.get(key("a"), counting)).isEqualTo("result 1");
        assertThat(recent.get(key("b"), counting)).isEqualTo("result 4");
        assertThat(recent.size()).isEqualTo(2);
    }

    private static RecentCompilations.Key key(String expression) {
        return new RecentCompilations.Key("condition", expression, TWO_STEPS);
    }
}
