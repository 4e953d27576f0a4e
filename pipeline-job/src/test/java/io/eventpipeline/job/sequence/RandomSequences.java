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
    private static final String[] AFTER_MATCH = {
        "", "afterMatch: noSkip", "afterMatch: skipToNext", "afterMatch: skipPastLastEvent"
    };

    private RandomSequences() {}

    /**
     * One to four steps, each {@code followedBy} (written or by default); one time in three the
     * last of them a trailing {@code notFollowedBy}; a {@code within} of {@code
     * shortestWithinSeconds} to 14 s more, always with a trailing {@code notFollowedBy}, three
     * times in four otherwise; any after-match strategy, but {@code skipPastLastEvent} not with a
     * trailing {@code notFollowedBy}.
     */
    public static String pattern(String name, Random random, int shortestWithinSeconds) {
        int steps = 1 + random.nextInt(4);
        boolean absence = steps > 1 && random.nextInt(3) == 0;
        StringBuilder yaml = new StringBuilder("- name: " + name + "\n  steps:\n");
        for (int s = 0; s < steps; s++) {
            String after =
                    absence && s == steps - 1
                            ? ", after: notFollowedBy"
                            : s > 0 && random.nextBoolean() ? ", after: followedBy" : "";
            yaml.append("    - {name: s")
                    .append(s)
                    .append(after)
                    .append(", where: \"")
                    .append(WHERE[random.nextInt(WHERE.length)])
                    .append("\"}\n");
        }
        if (absence || random.nextInt(4) > 0) {
            yaml.append("  within: ")
                    .append(shortestWithinSeconds + random.nextInt(15))
                    .append("s\n");
        }
        String afterMatch = AFTER_MATCH[random.nextInt(AFTER_MATCH.length - (absence ? 1 : 0))];
        if (!afterMatch.isEmpty()) {
            yaml.append("  ").append(afterMatch).append('\n');
        }
        return yaml.toString();
    }
}
