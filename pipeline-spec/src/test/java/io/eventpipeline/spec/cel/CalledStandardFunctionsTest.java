package io.eventpipeline.spec.cel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.CelType;
import dev.cel.common.types.SimpleType;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.Arguments;

/**
 * Checking with only the called standard functions declared gives exactly what the whole standard
 * environment gives: the same checked expression, types and references, or the same errors at the
 * same places.
 */
class CalledStandardFunctionsTest {
    private static final ExpressionScope STEPS =
            new ExpressionScope(List.of("delay", "gate"), Map.of());

    static Stream<Arguments> conditions() {
        return Stream.of(
                        "event.type == 'DELAY' && event.minutes >= 30",
                        "event.minutes >= 30.5 || event.minutes < 2u",
                        "event.gate != delay[0].gate",
                        "size(delay) > 1 && delay.all(d, d.minutes > 10)",
                        "delay.exists(d, d.gate == event.gate)",
                        "delay.exists_one(d, d.gate == event.gate)",
                        "delay.map(d, d.minutes).filter(m, m > 3).size() == 2",
                        "has(event.gate) && !has(event.terminal)",
                        "event.type in ['DELAY', 'CANCEL']",
                        "'vip' in event.tags",
                        "(event.minutes > 3 ? 'late' : 'ok') == 'late'",
                        "event.name.startsWith('A') && event.name.endsWith('1')",
                        "event.name.matches('^A[0-9]+$') && event.name.contains('7')",
                        "event.name.lowerAscii() == 'a1' && event.name.indexOf('1') == 1",
                        "event.?gate.orValue('none') != 'none'",
                        "timestamp(event.at) > timestamp('2026-01-01T00:00:00Z')",
                        "duration('1h') < duration('2h') && int(event.minutes) % 2 == 0",
                        "double(event.minutes) / 2.0 > 1.5 && string(event.minutes) != ''",
                        "int(event.at) > 0 && uint(event.count) > 0u",
                        "type(event.minutes) == int",
                        "event.minutes == null || event.gate == null",
                        "-event.minutes < 0 && event.price * 2 + 1 - 3 > 0",
                        "event.tags[0] == 'x' && event.meta['k'] == 'v'",
                        "size(event.name) + size(event.tags) > 0",
                        "bytes(event.name) != b'' && bool(event.flag)",
                        "math.greatest(1, 2) == 2",
                        "event.name + 1 == 'x'",
                        "event.minutes",
                        "undefinedName > 3",
                        "event.name.noSuchFunction()",
                        "size(1, 2) > 0",
                        "delay[0].gate.startsWith(1)",
                        "'a' < 1",
                        "timestamp(1)")
                .map(e -> Arguments.of(e, true, SimpleType.BOOL));
    }

    static Stream<Arguments> values() {
        return Stream.of(
                        "delay[0].minutes",
                        "delay[0].minutes * 2 + gate.size()",
                        "{'gate': gate[0].gate, 'n': size(delay)}",
                        "[delay[0].gate, gate[0].gate]",
                        "delay.map(d, d.gate)",
                        "string(delay[0].minutes) + ' min'",
                        "delay[0].gate.upperAscii()",
                        "event.gate",
                        "delay[0].minutes + 'x'")
                .map(e -> Arguments.of(e, false, null));
    }

    @Test
    void sameOutcomeAsTheWholeStandardEnvironment() {
        List<Arguments> all = Stream.concat(conditions(), values()).toList();
        int failures = 0;
        SoftAssertions softly = new SoftAssertions();
        for (Arguments arguments : all) {
            Object[] a = arguments.get();
            String expression = (String) a[0];
            boolean withEvent = (Boolean) a[1];
            CelType resultType = (CelType) a[2];
            Outcome whole = wholeEnvironment(expression, withEvent, resultType);
            Outcome called = calledFunctionsOnly(expression, withEvent, resultType);
            softly.assertThat(called).as(expression).isEqualTo(whole);
            if (!whole.errors().isEmpty()) {
                failures++;
            }
        }
        softly.assertAll();
        // The corpus must exercise both paths: checked expressions and errors.
        assertThat(failures).isBetween(5, all.size() - 20);
    }

    private static Outcome wholeEnvironment(
            String expression, boolean withEvent, CelType resultType) {
        try {
            return Outcome.of(
                    CelEnvironment.compiler(STEPS, withEvent, resultType)
                            .build()
                            .compile(expression)
                            .getAst());
        } catch (CelValidationException e) {
            return Outcome.of(e);
        }
    }

    private static Outcome calledFunctionsOnly(
            String expression, boolean withEvent, CelType resultType) {
        try {
            return Outcome.of(
                    CelEnvironment.parseAndCheck(expression, STEPS, withEvent, resultType));
        } catch (CelValidationException e) {
            return Outcome.of(e);
        }
    }

    /** What a check produced, in comparable form. */
    record Outcome(
            String expr, String types, String references, String resultType, List<String> errors) {
        static Outcome of(CelAbstractSyntaxTree ast) {
            return new Outcome(
                    ast.getExpr().toString(),
                    ast.getTypeMap().toString(),
                    ast.getReferenceMap().toString(),
                    ast.getResultType().toString(),
                    List.of());
        }

        static Outcome of(CelValidationException e) {
            return new Outcome(
                    null,
                    null,
                    null,
                    null,
                    e.getErrors().stream()
                            .map(i -> i.getSourceLocation() + " " + i.getMessage())
                            .toList());
        }
    }
}
