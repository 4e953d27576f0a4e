package io.eventpipeline.job.topology;

import java.util.Random;

/**
 * Random patterns whose steps after the first have conditions on earlier steps' events, over events
 * with a {@code type} and a field {@code v}, for comparing runs with and without early dropping.
 * Three kinds of such condition: with a top-level conjunct on the event alone (which rules events
 * out), with one where the rest can fail (divide by zero, convert a string that is no number), and
 * with none (every event may be relevant to the step).
 */
final class RandomOnEarlierPatterns {
    /** %1$d: an earlier step's index. */
    private static final String[] WITH_EVENT_ONLY_PART = {
        "event.type == 'b' && event.v > s%1$d[0].v",
        "event.v >= 2 && event.type in ['a', 'c'] && s%1$d[0].type != event.type",
        "(event.type == 'a' || event.type == 'c') && event.v != s%1$d[0].v",
        "event.v > 1 && s%1$d.exists(e, e.type != event.type)"
    };

    private static final String[] REST_CAN_FAIL = {
        "event.type < 'd' && 10 / (event.v - s%1$d[0].v) > 2",
        "int(s%1$d[0].type == 'a' ? '1' : 'one') > 0 && event.type == 'b'"
    };

    private static final String[] WITHOUT_EVENT_ONLY_PART = {
        "event.v > s%1$d[0].v", "event.type == 'c' || event.v < s%1$d[0].v"
    };

    /** For a repeating step: %2$s is its own name. */
    private static final String RISING =
            "event.type == 'a' && (size(%2$s) == 0 || event.v >= %2$s[size(%2$s) - 1].v)";

    private static final String[] WHERE = {"event.type == 'a'", "event.type == 'b' && event.v > 2"};
    private static final String[] QUANTIFIER = {
        "", "times: {min: 2, max: 2}, ", "times: {min: 1, max: 3}, ", "oneOrMore: true, "
    };
    private static final String[] AFTER_MATCH = {
        "", "afterMatch: skipToNext", "afterMatch: skipPastLastEvent", "afterMatch: skipToLast"
    };

    private RandomOnEarlierPatterns() {}

    /**
     * Half simple sequences (followedBy, one event a step, noSkip: the sequence matcher's), half
     * with followedByAny, quantifiers, optional steps and other after-match strategies (Flink
     * CEP's). Step 1 always has a condition on an earlier step's event, later steps half the time.
     *
     * @param everyKind whether conditions without an event-only part are drawn too; when one is in
     *     a pipeline, no event is irrelevant to it
     */
    static String pattern(String name, Random random, boolean everyKind) {
        boolean sequence = random.nextBoolean();
        int steps = 2 + random.nextInt(2);
        boolean within = random.nextInt(5) > 0;
        StringBuilder yaml = new StringBuilder("- name: " + name + "\n  steps:\n");
        for (int s = 0; s < steps; s++) {
            String self = "s" + s;
            StringBuilder step = new StringBuilder("{name: " + self + ", ");
            if (s > 0 && !sequence && within && random.nextBoolean()) {
                step.append("after: followedByAny, ");
            }
            String quantifier = sequence ? "" : QUANTIFIER[random.nextInt(QUANTIFIER.length)];
            step.append(quantifier);
            if (!sequence && random.nextInt(4) == 0) {
                step.append("optional: true, ");
            }
            String where;
            if (!quantifier.isEmpty() && random.nextInt(3) == 0) {
                where = RISING;
            } else if (s > 0 && (s == 1 || random.nextBoolean())) {
                where = onEarlier(random, everyKind);
            } else {
                where = WHERE[random.nextInt(WHERE.length)];
            }
            step.append("where: \"")
                    .append(where.formatted(s == 0 ? 0 : random.nextInt(s), self))
                    .append("\"}");
            yaml.append("    - ").append(step).append('\n');
        }
        if (within) {
            yaml.append("  within: ").append(5 + random.nextInt(20)).append("s\n");
        }
        if (!sequence) {
            String afterMatch = AFTER_MATCH[random.nextInt(AFTER_MATCH.length)];
            if (afterMatch.endsWith("skipToLast")) {
                afterMatch += "\n  afterMatchStep: s0";
            }
            if (!afterMatch.isEmpty()) {
                yaml.append("  ").append(afterMatch).append('\n');
            }
        }
        return yaml.toString();
    }

    private static String onEarlier(Random random, boolean everyKind) {
        int roll =
                random.nextInt(
                        WITH_EVENT_ONLY_PART.length
                                + REST_CAN_FAIL.length
                                + (everyKind ? WITHOUT_EVENT_ONLY_PART.length : 0));
        if (roll < WITH_EVENT_ONLY_PART.length) {
            return WITH_EVENT_ONLY_PART[roll];
        }
        roll -= WITH_EVENT_ONLY_PART.length;
        if (roll < REST_CAN_FAIL.length) {
            return REST_CAN_FAIL[roll];
        }
        return WITHOUT_EVENT_ONLY_PART[roll - REST_CAN_FAIL.length];
    }
}
