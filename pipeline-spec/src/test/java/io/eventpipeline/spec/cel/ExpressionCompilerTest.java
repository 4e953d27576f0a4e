package io.eventpipeline.spec.cel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventpipeline.spec.model.PatternSpec;
import org.junit.jupiter.api.Test;

class ExpressionCompilerTest {
    private static final PatternSpec PATTERN =
            Yaml.pattern(
                    """
                    name: p
                    steps:
                      - {name: delay, where: "true"}
                      - {name: cancel, after: notNext, where: "true"}
                      - {name: gate, where: "true"}
                      - {name: board, where: "true", oneOrMore: true}
                    """);

    private static ExpressionCompileException error(String expression, int step) {
        try {
            ExpressionCompiler.compileCondition(
                    expression, ExpressionScope.forCondition(PATTERN, step));
        } catch (ExpressionCompileException e) {
            return e;
        }
        throw new AssertionError("compiled: " + expression);
    }

    @Test
    void scopeOfAConditionIsTheEarlierStepsThatTakeEvents() {
        assertThat(ExpressionScope.forCondition(PATTERN, 0).steps()).isEmpty();
        assertThat(ExpressionScope.forCondition(PATTERN, 2).steps()).containsExactly("delay");
        assertThat(ExpressionScope.forCondition(PATTERN, 3).steps())
                .containsExactly("delay", "gate", "board");
        assertThat(ExpressionScope.forEmit(PATTERN).steps())
                .containsExactly("delay", "gate", "board");
    }

    @Test
    void aConditionUsesStepEventsOnlyWhenItRefersToAStep() throws Exception {
        assertThat(compile("event.gate == 'A1'", 3).usesStepEvents()).isFalse();
        // A field named like a step is not a reference to it.
        assertThat(compile("has(event.board) && event.delay > 1", 3).usesStepEvents()).isFalse();
        assertThat(compile("event.gate != delay[0].gate", 2).usesStepEvents()).isTrue();
        assertThat(compile("size(board) == 0 || event.x > board[0].x", 3).usesStepEvents())
                .isTrue();
    }

    private static CompiledCondition compile(String expression, int step) throws Exception {
        return ExpressionCompiler.compileCondition(
                expression, ExpressionScope.forCondition(PATTERN, step));
    }

    @Test
    void aLaterStepIsAnErrorNamingIt() {
        assertThat(error("gate.size() > 0", 0).errors())
                .singleElement()
                .satisfies(
                        e -> {
                            assertThat(e.line()).isEqualTo(1);
                            assertThat(e.column()).isEqualTo(1);
                            assertThat(e.message())
                                    .isEqualTo(
                                            "'gate' is a later step (steps[2]): a condition can"
                                                    + " only use the events of earlier steps");
                        });
    }

    @Test
    void aNegatedStepIsAnErrorNamingIt() {
        assertThat(error("event.x == 1 && cancel[0].x == 1", 2).getMessage())
                .isEqualTo(
                        "CEL error at 1:17: 'cancel' is a notNext step: it forbids events and"
                                + " never holds any");
    }

    @Test
    void aSingleStepCannotUseItsOwnName() {
        assertThat(error("size(gate) == 0", 2).getMessage())
                .contains("'gate' is this step itself: only a repeating step");
    }

    @Test
    void nonBoolConditionIsAnError() {
        assertThat(error("event.minutes + 1", 0).getMessage())
                .contains("expected type 'bool' but found 'int'");
        assertThat(error("'yes'", 0).getMessage()).contains("expected type 'bool'");
    }

    @Test
    void overLongExpressionIsAnError() {
        String expression = "event.x == 1 || ".repeat(300) + "true";
        assertThat(error(expression, 0).getMessage())
                .isEqualTo("is " + expression.length() + " characters long; the limit is 4096");
    }

    @Test
    void deepNestingIsAnError() {
        String expression = "(".repeat(80) + "true" + ")".repeat(80);
        assertThat(error(expression, 0).getMessage()).contains("recursion limit");
        String chain = "event" + ".f".repeat(60) + " == 1";
        assertThat(error(chain, 0).getMessage()).contains("depth exceeds");
    }

    @Test
    void badLiteralsFailAtCompileTime() {
        assertThat(error("event.code.matches('[')", 0).getMessage()).contains("Regex");
        assertThat(error("duration('1x') > duration('1h')", 0).getMessage()).contains("duration");
    }

    @Test
    void emptyExpressionIsAnError() {
        assertThat(error("  ", 0).getMessage()).contains("is empty");
    }

    @Test
    void emitHasNoCurrentEvent() {
        assertThatThrownBy(
                        () ->
                                ExpressionCompiler.compileValue(
                                        "event.x", ExpressionScope.forEmit(PATTERN)))
                .isInstanceOf(ExpressionCompileException.class)
                .hasMessageContaining("emit has no current 'event'");
    }
}
