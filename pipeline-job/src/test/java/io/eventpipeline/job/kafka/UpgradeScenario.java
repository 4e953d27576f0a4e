package io.eventpipeline.job.kafka;

import io.eventpipeline.spec.state.PatternVerdict.Outcome;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One row of the upgrade matrix: a pipeline before and after an upgrade, and what the upgrade
 * promises to keep. Patterns are two-step sequences on event types {@code <name>1} then {@code
 * <name>2} (three steps where a step is added), written in YAML by the helpers below.
 *
 * @param name the row's name
 * @param before the pipeline that runs first
 * @param after the pipeline restored from its savepoint
 * @param promised per pattern of either version: what the upgrade does to its partial matches
 * @param offsetsKept whether the source goes on from the saved offsets
 */
record UpgradeScenario(
        String name,
        Version before,
        Version after,
        Map<String, Outcome> promised,
        boolean offsetsKept) {

    /**
     * @param topic the input topic
     * @param key the key field
     * @param parallelism the job's parallelism
     * @param patterns each pattern's YAML list item
     */
    record Version(String topic, String key, int parallelism, List<String> patterns) {
        Version with(String... replacedPatterns) {
            return new Version(topic, key, parallelism, List.of(replacedPatterns));
        }
    }

    @Override
    public String toString() {
        return name;
    }

    /** A simple sequence: runs on the sequence matcher. */
    static String sequence(String name) {
        return pattern(name, "followedBy", "1h", "who", 2);
    }

    /** The same shape with followedByAny: runs on Flink CEP. */
    static String cep(String name) {
        return pattern(name, "followedByAny", "1h", "who", 2);
    }

    static String pattern(String name, String after, String within, String emitField, int steps) {
        StringBuilder yaml = new StringBuilder();
        yaml.append("- name: ").append(name).append('\n');
        yaml.append("  within: ").append(within).append('\n');
        yaml.append("  emit: {").append(emitField).append(": \"s1[0].id\"}\n");
        yaml.append("  steps:\n");
        for (int s = 1; s <= steps; s++) {
            yaml.append("    - {name: s").append(s);
            if (s > 1) {
                yaml.append(", after: ").append(after);
            }
            yaml.append(", where: \"event.type == '").append(name).append(s).append("'\"}\n");
        }
        return yaml.toString();
    }

    private static Map<String, Outcome> promise(Object... patternAndOutcome) {
        Map<String, Outcome> promised = new LinkedHashMap<>();
        for (int i = 0; i < patternAndOutcome.length; i += 2) {
            promised.put((String) patternAndOutcome[i], (Outcome) patternAndOutcome[i + 1]);
        }
        return promised;
    }

    /** The matrix: the upgrades issue 14 lists, one per row. */
    static List<UpgradeScenario> all() {
        Version ab = new Version("in", "id", 1, List.of(sequence("a"), cep("b")));
        Version abc = ab.with(sequence("a"), cep("b"), sequence("c"));
        Outcome kept = Outcome.KEPT;
        Outcome fresh = Outcome.STARTS_FRESH;
        List<UpgradeScenario> rows = new ArrayList<>();
        rows.add(
                new UpgradeScenario(
                        "add a pattern before the others",
                        ab,
                        ab.with(sequence("n"), sequence("a"), cep("b")),
                        promise("n", Outcome.NEW, "a", kept, "b", kept),
                        true));
        rows.add(
                new UpgradeScenario(
                        "add a pattern after the others",
                        ab,
                        ab.with(sequence("a"), cep("b"), cep("n")),
                        promise("a", kept, "b", kept, "n", Outcome.NEW),
                        true));
        rows.add(
                new UpgradeScenario(
                        "remove a pattern",
                        abc,
                        ab.with(sequence("a"), sequence("c")),
                        promise("a", kept, "c", kept, "b", Outcome.REMOVED),
                        true));
        rows.add(
                new UpgradeScenario(
                        "reorder patterns",
                        abc,
                        ab.with(sequence("c"), cep("b"), sequence("a")),
                        promise("c", kept, "b", kept, "a", kept),
                        true));
        rows.add(
                new UpgradeScenario(
                        "add a step to another pattern",
                        abc,
                        ab.with(
                                pattern("a", "followedBy", "1h", "who", 3),
                                cep("b"),
                                sequence("c")),
                        promise("a", fresh, "b", kept, "c", kept),
                        true));
        rows.add(
                new UpgradeScenario(
                        "change one pattern's within only",
                        ab,
                        ab.with(pattern("a", "followedBy", "2h", "who", 2), cep("b")),
                        promise("a", fresh, "b", kept),
                        true));
        rows.add(
                new UpgradeScenario(
                        "change emit only",
                        ab,
                        ab.with(
                                pattern("a", "followedBy", "1h", "user", 2),
                                pattern("b", "followedByAny", "1h", "user", 2)),
                        promise("a", kept, "b", kept),
                        true));
        rows.add(
                new UpgradeScenario(
                        "change key",
                        ab,
                        new Version("in", "id2", 1, ab.patterns()),
                        promise("a", fresh, "b", fresh),
                        true));
        rows.add(
                new UpgradeScenario(
                        "change the input topic",
                        ab,
                        new Version("in2", "id", 1, ab.patterns()),
                        promise("a", kept, "b", kept),
                        false));
        rows.add(
                new UpgradeScenario(
                        "change parallelism",
                        ab,
                        new Version("in", "id", 2, ab.patterns()),
                        promise("a", kept, "b", kept),
                        true));
        // What the autoscaler does when load drops: the same savepoint path, fewer tasks.
        rows.add(
                new UpgradeScenario(
                        "lower parallelism",
                        new Version("in", "id", 3, ab.patterns()),
                        ab,
                        promise("a", kept, "b", kept),
                        true));
        rows.add(
                new UpgradeScenario(
                        "switch a pattern between the sequence matcher and Flink CEP",
                        abc,
                        ab.with(cep("a"), sequence("b"), sequence("c")),
                        promise("a", fresh, "b", fresh, "c", kept),
                        true));
        return rows;
    }
}
