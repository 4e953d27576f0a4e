package io.eventpipeline.job.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventpipeline.job.TestPipelines;
import io.eventpipeline.job.testrun.TestRunResult;
import io.eventpipeline.job.testrun.TestRunner;
import io.eventpipeline.spec.PipelineDefinition;
import io.eventpipeline.spec.cel.EventJson;
import io.eventpipeline.spec.resolved.Matcher;
import io.eventpipeline.spec.resolved.ResolvedPipeline;
import io.eventpipeline.spec.validation.PipelineValidator;
import io.eventpipeline.testsupport.flink.SharedMiniCluster;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Dropping events no step can match, before the keyBy, changes no match: random patterns of the
 * kinds {@link IrrelevantEvents} allows (followedBy / followedByAny, every quantifier, optional,
 * allowCombinations, until, with and without within, every after-match strategy; and simple
 * sequences ending in a notFollowedBy) run over random streams, mostly of events no step matches,
 * once with dropping and once without. The match records must be identical. Patterns with
 * conditions on earlier steps' events (with an event-only part, without one, and with one whose
 * rest can fail) are compared on both engines.
 *
 * <p>This test is how the exclusions in {@link IrrelevantEvents} were found: with greedy steps, or
 * with emitTimeouts, Flink CEP's results depend on events that match no step; so do they with a
 * trailing notFollowedBy after quantified or followedByAny steps, or with skipToFirst.
 */
class EventFilterEquivalenceIT {
    @RegisterExtension static final MiniClusterExtension FLINK = SharedMiniCluster.create();

    private static final String[] AFTER = {"followedBy", "followedByAny"};
    private static final String[] QUANTIFIER = {
        "",
        "",
        "times: {min: 2, max: 2}, ",
        "times: {min: 1, max: 3}, ",
        "times: {min: 2}, ",
        "oneOrMore: true, "
    };
    private static final String[] WHERE = {
        "event.type == 'a'",
        "event.type == 'b' && event.v > 2",
        "event.type == 'c' || (event.type == 'a' && event.v == 5)"
    };
    private static final String[] AFTER_MATCH = {
        "",
        "afterMatch: skipToNext",
        "afterMatch: skipPastLastEvent",
        "afterMatch: skipToFirst\n      afterMatchStep: s1",
        "afterMatch: skipToLast\n      afterMatchStep: s1"
    };

    /** Types no step looks for; b with v <= 2 matches no step either. */
    private static final String[] IRRELEVANT = {"x", "y", "z"};

    @Test
    void droppingIrrelevantEventsChangesNoMatch() throws Exception {
        Random random = new Random(20261121);
        int patterns = 0;
        int matches = 0;
        for (int batch = 0; batch < 6; batch++) {
            PipelineDefinition pipeline = randomPipeline(random);
            patterns += pipeline.spec().getPatterns().size();
            ResolvedPipeline compiled = ResolvedPipeline.resolve(pipeline);
            assertThat(IrrelevantEvents.whyNotDroppable(compiled.patterns())).isEmpty();
            List<String> events = randomEvents(random);
            matches += sameWithAndWithoutDropping(compiled, events, TopologyOptions.deployed());
        }
        // The comparison means something only if the patterns matched plenty.
        assertThat(patterns).isGreaterThan(60);
        assertThat(matches).isGreaterThan(500);
    }

    /**
     * The same before patterns with conditions on earlier steps' events ({@link
     * RandomOnEarlierPatterns}), on both engines: the deployed topology runs the simple sequences
     * on the sequence matcher, and the CEP-only one runs everything on Flink CEP. Every other
     * pipeline draws only conditions with an event-only part, so that events are dropped at all.
     */
    @Test
    void droppingBeforeConditionsOnEarlierStepsEventsChangesNoMatchOnEitherEngine()
            throws Exception {
        Random random = new Random(20261205);
        int onSequenceMatcher = 0;
        int dropped = 0;
        int matches = 0;
        for (int batch = 0; batch < 6; batch++) {
            PipelineDefinition pipeline = randomOnEarlierPipeline(random, batch % 2 == 1);
            ResolvedPipeline compiled = ResolvedPipeline.resolve(pipeline);
            assertThat(IrrelevantEvents.whyNotDroppable(compiled.patterns())).isEmpty();
            onSequenceMatcher +=
                    (int)
                            compiled.patterns().stream()
                                    .filter(p -> p.shape().matcher() == Matcher.SEQUENCE)
                                    .count();
            List<String> events = randomEvents(random);
            EventConditions conditions = new EventConditions(compiled.patterns(), true);
            for (String event : events) {
                dropped += conditions.evaluate(EventJson.parse(event)).relevant() ? 0 : 1;
            }
            for (TopologyOptions engines :
                    List.of(TopologyOptions.deployed(), TopologyOptions.deployed().cepOnly())) {
                matches += sameWithAndWithoutDropping(compiled, events, engines);
            }
        }
        // Meaningful only if both engines ran such patterns, events were dropped, and they matched.
        assertThat(onSequenceMatcher).isGreaterThan(10);
        assertThat(dropped).isGreaterThan(200);
        assertThat(matches).isGreaterThan(500);
    }

    /**
     * Runs the pipeline over the events with and without dropping irrelevant events, on the given
     * engines, and requires the same match records and dead letters; returns how many matches.
     */
    private static int sameWithAndWithoutDropping(
            ResolvedPipeline compiled, List<String> events, TopologyOptions engines)
            throws Exception {
        TestRunResult dropped =
                TestRunner.run(compiled, events, engines.droppingIrrelevantEvents());
        TestRunResult kept = TestRunner.run(compiled, events, engines.keepingIrrelevantEvents());
        assertThat(difference(dropped.matchLines(), kept.matchLines()))
                .as("%s: matches only with dropping (-) or only without (+)", engines)
                .isEmpty();
        assertThat(dropped.matchLines()).isEqualTo(kept.matchLines());
        assertThat(dropped.deadLetters()).isEqualTo(kept.deadLetters());
        return dropped.matches().size();
    }

    private static PipelineDefinition randomOnEarlierPipeline(Random random, boolean everyKind)
            throws Exception {
        StringBuilder patterns = new StringBuilder();
        int count = 0;
        while (count < 8) {
            String pattern = RandomOnEarlierPatterns.pattern("p" + count, random, everyKind);
            if (new PipelineValidator().validate(document(pattern)).isEmpty()) {
                patterns.append(pattern);
                count++;
            }
        }
        return document(patterns.toString());
    }

    /** Lines in one list and not the other, counting duplicates; marked - and +. */
    private static List<String> difference(List<String> dropped, List<String> kept) {
        List<String> onlyDropped = new ArrayList<>(dropped);
        List<String> onlyKept = new ArrayList<>(kept);
        for (String line : dropped) {
            if (onlyKept.remove(line)) {
                onlyDropped.remove(line);
            }
        }
        List<String> difference = new ArrayList<>();
        onlyDropped.forEach(line -> difference.add("- " + line));
        onlyKept.forEach(line -> difference.add("+ " + line));
        return difference;
    }

    private static PipelineDefinition randomPipeline(Random random) throws Exception {
        StringBuilder patterns = new StringBuilder();
        int count = 0;
        while (count < 32) {
            String pattern = randomPattern("p" + count, random);
            PipelineDefinition candidate = document(pattern);
            if (new PipelineValidator().validate(candidate).isEmpty()) {
                patterns.append(pattern);
                count++;
            }
        }
        return document(patterns.toString());
    }

    private static String randomPattern(String name, Random random) {
        if (random.nextInt(5) == 0) {
            return absencePattern(name, random);
        }
        int steps = 2 + random.nextInt(2);
        // Without a time limit, followedByAny and allowCombinations make partial matches without
        // bound; only patterns with within get them.
        boolean within = random.nextInt(6) > 0;
        StringBuilder yaml = new StringBuilder("- name: " + name + "\n  steps:\n");
        for (int s = 0; s < steps; s++) {
            StringBuilder step = new StringBuilder("{name: s" + s + ", ");
            if (s > 0) {
                step.append("after: ")
                        .append(within ? AFTER[random.nextInt(AFTER.length)] : "followedBy")
                        .append(", ");
            }
            String quantifier = QUANTIFIER[random.nextInt(QUANTIFIER.length)];
            step.append(quantifier);
            boolean repeats = !quantifier.isEmpty();
            if (random.nextInt(4) == 0) {
                step.append("optional: true, ");
            }
            if (repeats && within && random.nextInt(3) == 0) {
                step.append("allowCombinations: true, ");
            }
            if (repeats && !quantifier.contains("max") && random.nextInt(3) == 0) {
                step.append("until: \"event.type == 'u'\", ");
            }
            step.append("where: \"").append(WHERE[random.nextInt(WHERE.length)]).append("\"}");
            yaml.append("    - ").append(step).append('\n');
        }
        if (within) {
            yaml.append("  within: ").append(5 + random.nextInt(20)).append("s\n");
        }
        String afterMatch = AFTER_MATCH[random.nextInt(AFTER_MATCH.length)];
        if (!afterMatch.isEmpty()) {
            yaml.append("  ").append(afterMatch.replace("\n      ", "\n  ")).append('\n');
        }
        return yaml.toString();
    }

    /**
     * One to three followedBy steps and a trailing notFollowedBy, within, noSkip or skipToNext: the
     * only patterns with a negation whose irrelevant events may be dropped.
     */
    private static String absencePattern(String name, Random random) {
        int steps = 1 + random.nextInt(3);
        StringBuilder yaml = new StringBuilder("- name: " + name + "\n  steps:\n");
        for (int s = 0; s <= steps; s++) {
            yaml.append("    - {name: s")
                    .append(s)
                    .append(s == steps ? ", after: notFollowedBy" : "")
                    .append(", where: \"")
                    .append(WHERE[random.nextInt(WHERE.length)])
                    .append("\"}\n");
        }
        yaml.append("  within: ").append(5 + random.nextInt(20)).append("s\n");
        if (random.nextBoolean()) {
            yaml.append("  afterMatch: skipToNext\n");
        }
        return yaml.toString();
    }

    private static List<String> randomEvents(Random random) {
        List<String> lines = new ArrayList<>();
        long second = 0;
        for (int i = 0; i < 240; i++) {
            second += random.nextInt(3); // ties too
            String type;
            int roll = random.nextInt(10);
            if (roll < 6) {
                type = IRRELEVANT[random.nextInt(IRRELEVANT.length)];
            } else if (roll == 6) {
                type = "u";
            } else {
                type = String.valueOf((char) ('a' + random.nextInt(3)));
            }
            lines.add(
                    "{\"k\":\"k"
                            + random.nextInt(2)
                            + "\",\"type\":\""
                            + type
                            + "\",\"t\":"
                            + second * 1000
                            + ",\"v\":"
                            + random.nextInt(6)
                            + "}");
        }
        return lines;
    }

    private static PipelineDefinition document(String patterns) throws Exception {
        return TestPipelines.withPatterns("equivalence", patterns);
    }
}
