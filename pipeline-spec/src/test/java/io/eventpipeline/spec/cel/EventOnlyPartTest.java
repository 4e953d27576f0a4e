package io.eventpipeline.spec.cel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.types.SimpleType;
import dev.cel.parser.CelUnparser;
import dev.cel.parser.CelUnparserFactory;
import io.eventpipeline.spec.model.PatternSpec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EventOnlyPartTest {
    private static final PatternSpec SHOP =
            Yaml.pattern(
                    """
                    name: shop
                    steps:
                      - {name: viewed, where: "event.type == 'view'"}
                      - {name: added, where: "event.type == 'add'"}
                      - {name: rising, where: "event.type == 'r'", oneOrMore: true}
                    """);

    private static final int ADDED = 1;
    private static final int RISING = 2;
    private static final CelUnparser UNPARSER = CelUnparserFactory.newUnparser();

    /** The conjuncts taken from a condition of {@code step}, as CEL source. */
    private static List<String> extracted(String expression, int step) throws Exception {
        ExpressionScope scope = ExpressionScope.forCondition(SHOP, step);
        return EventOnlyPart.of(
                        CelEnvironment.compile(expression, scope, true, SimpleType.BOOL),
                        Set.copyOf(scope.steps()))
                .conjuncts()
                .stream()
                .map(EventOnlyPartTest::source)
                .toList();
    }

    /** CEL source, but a comprehension (which the unparser needs macro calls for) as its range. */
    private static String source(CelAbstractSyntaxTree ast) {
        CelExpr expr = ast.getExpr();
        if (expr.getKind() != CelExpr.ExprKind.Kind.COMPREHENSION) {
            return UNPARSER.unparse(ast);
        }
        CelExpr.CelComprehension loop = expr.comprehension();
        return "loop "
                + loop.iterVar()
                + " in "
                + source(
                        CelAbstractSyntaxTree.newCheckedAst(
                                loop.iterRange(),
                                ast.getSource(),
                                ast.getReferenceMap(),
                                ast.getTypeMap()));
    }

    private static List<String> extracted(String expression) throws Exception {
        return extracted(expression, ADDED);
    }

    private static CompiledCondition condition(String expression) throws Exception {
        return ExpressionCompiler.compileCondition(
                expression, ExpressionScope.forCondition(SHOP, ADDED));
    }

    @Test
    void takesEachConjunctOfAChainThatReadsTheEventAlone() throws Exception {
        assertThat(extracted("event.type == 'add' && event.v > 2 && event.v > viewed[0].v"))
                .containsExactly("event.type == \"add\"", "event.v > 2");
        assertThat(extracted("event.v > viewed[0].v && event.type == 'add'"))
                .containsExactly("event.type == \"add\"");
    }

    @Test
    void findsConjunctsThroughNestedParentheses() throws Exception {
        assertThat(
                        extracted(
                                "(event.a == 1 && (viewed[0].v < event.v && event.b == 2))"
                                        + " && (event.c == 3)"))
                .containsExactly("event.a == 1", "event.b == 2", "event.c == 3");
    }

    @Test
    void takesADisjunctionOnlyWhole() throws Exception {
        // Either side may hold: one side false proves nothing.
        assertThat(extracted("event.type == 'add' || event.v > viewed[0].v")).isEmpty();
        assertThat(extracted("(event.type == 'a' || event.type == 'b') && event.v > viewed[0].v"))
                .containsExactly("event.type == \"a\" || event.type == \"b\"");
        assertThat(
                        extracted(
                                "(event.type == 'a' && event.v > viewed[0].v)"
                                        + " || (event.type == 'b' && event.v > 2)"))
                .isEmpty();
    }

    @Test
    void takesATernaryOnlyWholeAndOnlyWhenItReadsTheEventAlone() throws Exception {
        assertThat(extracted("event.type == 'add' ? event.v > viewed[0].v : false")).isEmpty();
        assertThat(
                        extracted(
                                "(event.v > 1 ? event.type == 'a' : event.type == 'b')"
                                        + " && viewed[0].v < event.v"))
                .containsExactly("(event.v > 1) ? (event.type == \"a\") : (event.type == \"b\")");
    }

    @Test
    void takesMacrosOverTheEvent() throws Exception {
        assertThat(extracted("has(event.gate) && event.gate != viewed[0].gate"))
                .containsExactly("has(event.gate)");
        assertThat(extracted("has(viewed[0].gate) && event.x == 1"))
                .containsExactly("event.x == 1");
        assertThat(extracted("event.tags.exists(t, t == 'x') && viewed[0].v < event.v"))
                .containsExactly("loop t in event.tags");
        assertThat(extracted("event.tags.exists(t, t == viewed[0].tag) && event.x == 1"))
                .containsExactly("event.x == 1");
        assertThat(extracted("viewed.exists(v, v.id == event.id) && event.x == 1"))
                .containsExactly("event.x == 1");
    }

    @Test
    void aComprehensionVariableNamedAfterAStepIsNotTheStep() throws Exception {
        assertThat(extracted("event.tags.exists(viewed, viewed == 'x') && viewed[0].v < event.v"))
                .containsExactly("loop viewed in event.tags");
        // Outside the loop body the name is the step again.
        assertThat(extracted("viewed.exists(viewed, viewed.v > 1) && event.x == 1"))
                .containsExactly("event.x == 1");
    }

    @Test
    void aRepeatingStepsOwnEventsAreNotTheEvent() throws Exception {
        assertThat(
                        extracted(
                                "event.type == 'r' && (size(rising) == 0"
                                        + " || event.v > rising[size(rising) - 1].v)",
                                RISING))
                .containsExactly("event.type == \"r\"");
        assertThat(extracted("size(rising) == 0 || event.v > rising[0].v", RISING)).isEmpty();
    }

    @Test
    void aConditionWithAConjunctThatMayNotBeABoolHasNone() throws Exception {
        // A string beside && is an error no false conjunct absorbs at the top.
        assertThat(extracted("viewed[0].flag && event.type == 'add'")).isEmpty();
        assertThat(extracted("event.flag && event.v > viewed[0].v")).isEmpty();
        CompiledCondition flagged = condition("viewed[0].flag && event.v > 1");
        Map<String, List<Map<String, Object>>> steps =
                Map.of("viewed", List.of(EventJson.parse("{\"flag\":\"yes\"}")));
        Map<String, Object> other = EventJson.parse("{\"type\":\"add\",\"v\":0}");
        assertThatThrownBy(() -> flagged.test(other, steps))
                .isInstanceOf(ExpressionEvaluationException.class);
        assertThat(flagged.falseForAnyStepEvents(other)).isFalse();
    }

    @Test
    void takesAConjunctThatIteratesOrBuildsOnlyWhenNoOtherDoes() throws Exception {
        assertThat(extracted("event.name + 'x' == 'ax' && viewed[0].v < event.v"))
                .containsExactly("event.name + \"x\" == \"ax\"");
        assertThat(extracted("event.tags.exists(t, t == 'x') && viewed.exists(v, v.v < event.v)"))
                .isEmpty();
        assertThat(
                        extracted(
                                "event.tags.exists(t, t == 'x') && event.type == 'add'"
                                        + " && viewed.all(v, v.v < event.v)"))
                .containsExactly("event.type == \"add\"");
    }

    @Test
    void aConjunctFalseAloneCanGoPastTheSharedBudgetInsideTheCondition() throws Exception {
        // Why the rule above: the iterations are counted over the whole evaluation.
        CompiledCondition condition =
                condition("viewed[0].items.all(i, i >= 0) && event.items.exists(i, i < 0)");
        Map<String, Object> event = new LinkedHashMap<>(Map.of("items", numbers(2_000)));
        Map<String, List<Map<String, Object>>> steps =
                Map.of("viewed", List.of(Map.of("items", numbers(9_000))));
        assertThatThrownBy(() -> condition.test(event, steps))
                .isInstanceOfSatisfying(
                        ExpressionEvaluationException.class,
                        e -> assertThat(e.overBudget()).isTrue());
        assertThat(condition.falseForAnyStepEvents(event)).isFalse();
    }

    @Test
    void aFalseEventOnlyConjunctMakesTheConditionFalseEvenWhereTheRestFails() throws Exception {
        // The step part divides by zero when v equals the viewed v: an error, unless absorbed.
        CompiledCondition condition = condition("10 / (event.v - viewed[0].v) > 1 && event.v > 2");
        Map<String, List<Map<String, Object>>> steps =
                Map.of("viewed", List.of(EventJson.parse("{\"v\":1}")));
        Map<String, Object> low = EventJson.parse("{\"v\":1}");
        assertThat(condition.falseForAnyStepEvents(low)).isTrue();
        assertThat(condition.test(low, steps)).isFalse();
        assertThat(condition.test(low, Map.of())).isFalse();

        Map<String, Object> high = EventJson.parse("{\"v\":3}");
        assertThat(condition.falseForAnyStepEvents(high)).isFalse();
        Map<String, List<Map<String, Object>>> same =
                Map.of("viewed", List.of(EventJson.parse("{\"v\":3}")));
        assertThatThrownBy(() -> condition.test(high, same))
                .isInstanceOf(ExpressionEvaluationException.class);
    }

    @Test
    void anEventOnlyConjunctThatFailsProvesNothing() throws Exception {
        CompiledCondition condition = condition("event.v > 2 && event.v > viewed[0].v");
        assertThat(condition.falseForAnyStepEvents(EventJson.parse("{\"v\":1}"))).isTrue();
        assertThat(condition.falseForAnyStepEvents(EventJson.parse("{\"v\":5}"))).isFalse();
        // Missing or of another type: an error, not false.
        assertThat(condition.falseForAnyStepEvents(EventJson.parse("{}"))).isFalse();
        assertThat(condition.falseForAnyStepEvents(EventJson.parse("{\"v\":\"a\"}"))).isFalse();
    }

    @Test
    void theFieldEqualsShortcutCountsAsFalse() throws Exception {
        CompiledCondition condition = condition("event.type == 'add' && event.v > viewed[0].v");
        assertThat(condition.falseForAnyStepEvents(EventJson.parse("{\"type\":\"x\"}"))).isTrue();
        assertThat(condition.falseForAnyStepEvents(EventJson.parse("{\"type\":\"add\"}")))
                .isFalse();
    }

    @Test
    void aConditionOnTheEventAloneNeedsNoPartOfItsOwn() throws Exception {
        CompiledCondition condition = condition("event.v > 2 && event.w > 1");
        assertThat(condition.usesStepEvents()).isFalse();
        assertThat(condition.eventOnlyPart().conjuncts()).isEmpty();
    }

    @Test
    void survivesSerialization() throws Exception {
        CompiledCondition condition = condition("event.v > 2 && event.v > viewed[0].v");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(condition);
        }
        CompiledCondition read;
        try (ObjectInputStream in =
                new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            read = (CompiledCondition) in.readObject();
        }
        assertThat(read.falseForAnyStepEvents(EventJson.parse("{\"v\":1}"))).isTrue();
    }

    private static List<Object> numbers(int count) {
        List<Object> numbers = new ArrayList<>();
        for (long i = 0; i < count; i++) {
            numbers.add(i);
        }
        return numbers;
    }
}
