package io.eventpipeline.job.sequence;

import java.util.Random;

/**
 * Random patterns the sequence matcher accepts, over events of {@link #TYPES} with a field {@code
 * v}: what the matcher-versus-CEP comparisons draw from. The same seed draws the same patterns.
 */
public final class RandomSequences {
    public static final String[] TYPES = {"a", "b", "c", "x"};

    private static final String[] WHERE = {
        "event.type == 'a'",
        "event.type == 'b'",
        "event.type == 'b' && event.v > 2",
        "event.type == 'c' || (event.type == 'a' && event.v == 5)",
        "event.v >= 3",
        "event.type != 'x'"
    };

    /**
     * Conditions on an earlier step's event: %d is that step's index. With and without a top-level
     * conjunct on the event alone, and one whose part on the earlier event fails (divides by zero)
     * for some events.
     */
    private static final String[] ON_EARLIER = {
        "event.v > s%d[0].v",
        "event.type == 'b' && event.v <= s%d[0].v",
        "event.type != s%d[0].type",
        "event.v == s%d[0].v || event.type == 'c'",
        "event.type != 'x' && 6 / (event.v - s%d[0].v) > 1"
    };

    private static final String[] AFTER_MATCH = {
        "", "afterMatch: noSkip", "afterMatch: skipToNext", "afterMatch: skipPastLastEvent"
    };

    private RandomSequences() {}

    /**
     * One to four steps, each {@code followedBy} (written or by default); one time in three the
     * last of them a trailing {@code notFollowedBy}; a {@code within} of {@code
     * shortestWithinSeconds} to 14 s more, always with a trailing {@code notFollowedBy}, three
     * times in four otherwise; any after-match strategy, but {@code skipPastLastEvent} not with a
     * trailing {@code notFollowedBy}. With {@code noSkip} and no negation, half the time the steps
     * after the first have, each one time in two, a condition on an earlier step's event.
     */
    public static String pattern(String name, Random random, int shortestWithinSeconds) {
        int steps = 1 + random.nextInt(4);
        boolean absence = steps > 1 && random.nextInt(3) == 0;
        String afterMatch = AFTER_MATCH[random.nextInt(AFTER_MATCH.length - (absence ? 1 : 0))];
        boolean onEarlier =
                !absence
                        && (afterMatch.isEmpty() || afterMatch.endsWith("noSkip"))
                        && random.nextBoolean();
        StringBuilder yaml = new StringBuilder("- name: " + name + "\n  steps:\n");
        for (int s = 0; s < steps; s++) {
            String after =
                    absence && s == steps - 1
                            ? ", after: notFollowedBy"
                            : s > 0 && random.nextBoolean() ? ", after: followedBy" : "";
            String where =
                    onEarlier && s > 0 && random.nextBoolean()
                            ? ON_EARLIER[random.nextInt(ON_EARLIER.length)].formatted(
                                    random.nextInt(s))
                            : WHERE[random.nextInt(WHERE.length)];
            yaml.append("    - {name: s")
                    .append(s)
                    .append(after)
                    .append(", where: \"")
                    .append(where)
                    .append("\"}\n");
        }
        if (absence || random.nextInt(4) > 0) {
            yaml.append("  within: ")
                    .append(shortestWithinSeconds + random.nextInt(15))
                    .append("s\n");
        }
        if (!afterMatch.isEmpty()) {
            yaml.append("  ").append(afterMatch).append('\n');
        }
        return yaml.toString();
    }
}
