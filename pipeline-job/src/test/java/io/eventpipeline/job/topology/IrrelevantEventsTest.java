package io.eventpipeline.job.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventpipeline.job.TestPipelines;
import io.eventpipeline.spec.cel.EventJson;
import io.eventpipeline.spec.resolved.ResolvedPipeline;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IrrelevantEventsTest {
    private static ResolvedPipeline pipeline(String pattern) throws Exception {
        return ResolvedPipeline.resolve(TestPipelines.withPatterns("p", pattern));
    }

    private static String why(String pattern) throws Exception {
        ResolvedPipeline compiled = pipeline(pattern);
        return IrrelevantEvents.whyNotDroppable(compiled.patterns()).orElse("droppable");
    }

    @Test
    void relaxedContiguityWithoutNegationDropsEventsNoStepMatches() throws Exception {
        assertThat(
                        why(
                                """
                                - name: p
                                  steps:
                                    - {name: a, where: "event.type == 'a'", oneOrMore: true, until: "event.type == 'u'"}
                                    - {name: b, after: followedByAny, where: "event.type == 'b'", times: {min: 1, max: 2}, allowCombinations: true}
                                    - {name: c, where: "event.type == 'c'", optional: true}
                                    - {name: d, where: "event.type == 'd'"}
                                  within: 1m
                                  afterMatch: skipPastLastEvent
                                """))
                .isEqualTo("droppable");
    }

    @Test
    void eachThingThatMakesEveryEventCountIsNamed() throws Exception {
        String ab = "    - {name: a, where: \"event.type == 'a'\"}\n";
        assertThat(
                        why(
                                "- name: p\n  steps:\n"
                                        + ab
                                        + "    - {name: b, after: next, where: 'true'}"))
                .isEqualTo("spec.patterns[0].steps[1] uses next");
        assertThat(
                        why(
                                "- name: p\n  within: 1m\n  steps:\n"
                                        + ab
                                        + "    - {name: b, after: notFollowedBy, where: 'true'}\n"
                                        + "    - {name: c, where: 'true'}"))
                .isEqualTo("spec.patterns[0].steps[1] uses notFollowedBy");
        assertThat(
                        why(
                                "- name: p\n  steps:\n"
                                        + "    - {name: a, where: 'true', oneOrMore: true,"
                                        + " consecutive: true}\n    - {name: b, where: 'true'}"))
                .isEqualTo("spec.patterns[0].steps[0] is consecutive");
        assertThat(
                        why(
                                "- name: p\n  steps:\n"
                                        + "    - {name: a, where: 'true', oneOrMore: true,"
                                        + " greedy: true}\n    - {name: b, where: 'true'}"))
                .isEqualTo("spec.patterns[0].steps[0] is greedy");
        assertThat(
                        why(
                                "- name: p\n  within: 1m\n  emitTimeouts: true\n  steps:\n"
                                        + ab
                                        + "    - {name: b, where: 'true'}"))
                .isEqualTo("spec.patterns[0] emits timeouts");
        assertThat(
                        why(
                                "- name: p\n  steps:\n"
                                        + ab
                                        + "    - {name: b, where: 'event.x > a[0].x',"
                                        + " oneOrMore: true, consecutive: true}"))
                .isEqualTo("spec.patterns[0].steps[1] is consecutive");
    }

    @Test
    void conditionsOnEarlierStepsEventsAllowDropping() throws Exception {
        String ab = "    - {name: a, where: \"event.type == 'a'\"}\n";
        assertThat(why("- name: p\n  steps:\n" + ab + "    - {name: b, where: 'event.x > a[0].x'}"))
                .isEqualTo("droppable");
        assertThat(
                        why(
                                "- name: p\n  within: 1m\n  steps:\n"
                                        + ab
                                        + "    - {name: b, after: followedByAny, oneOrMore: true,"
                                        + " where: 'event.x > a[0].x',"
                                        + " until: 'event.y > a[0].x'}"))
                .isEqualTo("droppable");
    }

    @Test
    void anEventIsIrrelevantToAConditionOnEarlierEventsOnlyWhenItsEventOnlyPartIsFalse()
            throws Exception {
        ResolvedPipeline compiled =
                pipeline(
                        """
                        - name: p
                          steps:
                            - {name: a, where: "event.type == 'a'"}
                            - {name: b, where: "event.v > 2 && event.v > a[0].v && event.k != 'z'"}
                            - {name: c, where: "event.type == 'c' || event.w > b[0].v"}
                        """);
        EventConditions withoutC =
                new EventConditions(
                        pipeline(
                                        """
                                        - name: p
                                          steps:
                                            - {name: a, where: "event.type == 'a'"}
                                            - {name: b, where: "event.v > 2 && event.v > a[0].v && event.k != 'z'"}
                                        """)
                                .patterns(),
                        true);
        assertThat(withoutC.evaluate(event("{\"v\":1}")).relevant()).isFalse();
        assertThat(withoutC.evaluate(event("{\"v\":5,\"k\":\"z\"}")).relevant()).isFalse();
        assertThat(withoutC.evaluate(event("{\"v\":5}")).relevant()).isTrue();
        // Not known false (v missing): kept; the pattern operator finds it false.
        assertThat(withoutC.evaluate(event("{\"k\":\"y\"}")).relevant()).isTrue();
        assertThat(withoutC.evaluate(event("{\"v\":1}")).results()).containsExactly(0L);

        // c has no conjunct of its own on the event alone: every event may be c.
        EventConditions conditions = new EventConditions(compiled.patterns(), true);
        assertThat(conditions.evaluate(event("{\"v\":1}")).relevant()).isTrue();
        assertThat(conditions.evaluate(event("{\"type\":\"x\"}")).relevant()).isTrue();
    }

    @Test
    void routedEventsCarryEachConditionOutcomeAndIrrelevantOnesAreMarked() throws Exception {
        ResolvedPipeline compiled =
                pipeline(
                        """
                        - name: p
                          steps:
                            - {name: a, where: "event.type == 'a'"}
                            - {name: b, where: "event.type == 'b' && event.x > a[0].x"}
                            - {name: c, where: "event.type == 'c'", oneOrMore: true, until: "event.n > 2"}
                        """);
        EventConditions conditions = new EventConditions(compiled.patterns(), true);
        assertThat(conditions.whereSlot(0, 0)).isEqualTo(0);
        // Depends on a's events: evaluated by the pattern operator, never read from the event.
        assertThat(conditions.whereSlot(0, 1)).isEqualTo(-1);
        assertThat(conditions.whereSlot(0, 2)).isEqualTo(2);
        assertThat(conditions.untilSlot(0, 2)).isEqualTo(3);
        assertThat(conditions.untilSlot(0, 0)).isEqualTo(-1);

        EventConditions.Outcome c = conditions.evaluate(event("{\"type\":\"c\",\"n\":3}"));
        assertThat(c.relevant()).isTrue();
        assertThat(c.results()).containsExactly(0b1100L);
        EventConditions.Outcome other = conditions.evaluate(event("{\"type\":\"x\"}"));
        assertThat(other.relevant()).isFalse();
        assertThat(other.results()).containsExactly(0L);
        // b reads a's events: b's own type makes the event relevant, whatever a took.
        EventConditions.Outcome b = conditions.evaluate(event("{\"type\":\"b\",\"x\":1}"));
        assertThat(b.relevant()).isTrue();
        assertThat(b.results()).containsExactly(0L);
        assertThat(new EventConditions(compiled.patterns(), false).evaluate(event("{}")).relevant())
                .isTrue();
        assertThat(conditions.evaluate(event("{\"type\":\"c\",\"n\":\"yes\"}")).problem())
                .startsWith("spec.patterns[0].steps[2].until: ");
    }

    private static Map<String, Object> event(String json) throws Exception {
        return EventJson.parse(json);
    }
}
