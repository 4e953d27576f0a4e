package io.eventpipeline.job.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventpipeline.job.TestPipelines;
import io.eventpipeline.job.event.PipelineEvent;
import io.eventpipeline.job.match.MatchOutput;
import io.eventpipeline.job.sequence.RandomSequences;
import io.eventpipeline.spec.PipelineDefinition;
import io.eventpipeline.spec.resolved.Matcher;
import io.eventpipeline.spec.resolved.PatternShape;
import io.eventpipeline.spec.resolved.ResolvedPipeline;
import io.eventpipeline.spec.validation.PipelineValidator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Property: for any pattern {@link PatternShape} gives the sequence matcher, and any stream of
 * events and watermarks, the sequence matcher's operator emits for each key exactly what Flink
 * CEP's emits, in the same order. Both are the deployed topology's own operators, run in operator
 * test harnesses over the same input: random patterns (one to four steps, overlapping conditions,
 * with and without within, some ending in a notFollowedBy, some with conditions on earlier steps'
 * events, every after-match strategy the matcher takes) and random streams (ties, events out of
 * order and late, watermarks advancing at random points, sometimes by a lot).
 *
 * <p>The seed is logged; {@code -Dsequence.property.seed=N} replays a run, and {@code
 * -Dsequence.property.runs=N} runs more patterns than the default suite does.
 */
class SequenceVersusCepPropertyTest {
    private static final Logger LOG = LoggerFactory.getLogger(SequenceVersusCepPropertyTest.class);

    @Test
    void sequenceMatcherEmitsPerKeyWhatFlinkCepEmitsInTheSameOrder() throws Exception {
        long seed = Long.getLong("sequence.property.seed", System.nanoTime());
        int runs = Integer.getInteger("sequence.property.runs", 40);
        LOG.info("Seed {} ({} runs): replay with -Dsequence.property.seed={}", seed, runs, seed);
        Random random = new Random(seed);
        int matches = 0;
        int absenceMatches = 0;
        int onEarlierMatches = 0;
        // At least the runs asked for, and more until the floors below are met: a seed whose
        // patterns happen to match little must not pass by comparing nothing, nor fail for it.
        int run = 0;
        for (;
                run < runs
                        || (run < runs * 4
                                && !enough(runs, matches, absenceMatches, onEarlierMatches));
                run++) {
            String pattern = RandomSequences.pattern("p", random, 2);
            PipelineDefinition definition = TestPipelines.withPatterns("property", pattern);
            if (!new PipelineValidator().validate(definition).isEmpty()) {
                run--;
                continue;
            }
            ResolvedPipeline pipeline = ResolvedPipeline.resolve(definition);
            assertThat(pipeline.patterns().get(0).shape().matcher())
                    .as("the generator stays within the sequence matcher's patterns: %s", pattern)
                    .isEqualTo(Matcher.SEQUENCE);
            List<Input> stream = randomStream(random);

            Map<String, List<String>> sequence = run(pipeline, Matcher.SEQUENCE, stream);
            Map<String, List<String>> cep = run(pipeline, Matcher.CEP, stream);

            assertThat(sequence)
                    .as(
                            "seed %d, run %d, pattern:%n%s%ninput (events and watermarks):%n%s",
                            seed, run, pattern, stream)
                    .isEqualTo(cep);
            int found = cep.values().stream().mapToInt(List::size).sum();
            matches += found;
            if (pattern.contains("notFollowedBy")) {
                absenceMatches += found;
            }
            if (pattern.contains("[0]")) {
                onEarlierMatches += found;
            }
        }
        LOG.info(
                "{} runs, {} matches, {} of trailing absences, {} with conditions on earlier"
                        + " events",
                run,
                matches,
                absenceMatches,
                onEarlierMatches);
        // The comparison means something only if the patterns matched plenty, trailing absences
        // and conditions on earlier steps' events included.
        assertThat(enough(runs, matches, absenceMatches, onEarlierMatches))
                .as(
                        "seed %d: %d matches, %d of trailing absences, %d on earlier events",
                        seed, matches, absenceMatches, onEarlierMatches)
                .isTrue();
    }

    private static boolean enough(int runs, int matches, int absence, int onEarlier) {
        return matches > runs * 10 && absence > runs / 8 && onEarlier > runs / 8;
    }

    /** Per key, the match records the operator emitted, in the order it emitted them. */
    private static Map<String, List<String>> run(
            ResolvedPipeline pipeline, Matcher matcher, List<Input> stream) throws Exception {
        PatternOperators operators = new PatternOperators(pipeline);
        try (KeyedOneInputStreamOperatorTestHarness<String, PipelineEvent, MatchOutput> harness =
                operators.harness(0, matcher)) {
            for (int i = 0; i < stream.size(); i++) {
                Input input = stream.get(i);
                if (input.line() == null) {
                    harness.processWatermark(input.watermark());
                } else {
                    PipelineEvent event = operators.event(input.line(), i + 1, 0);
                    harness.processElement(new StreamRecord<>(event, event.timestamp()));
                }
            }
            harness.processWatermark(Long.MAX_VALUE);
            Map<String, List<String>> byKey = new LinkedHashMap<>();
            for (MatchOutput match : harness.extractOutputValues()) {
                byKey.computeIfAbsent(match.key, k -> new ArrayList<>()).add(match.json());
            }
            return byKey;
        }
    }

    /**
     * An event line, or a watermark (line null). Events mostly in time order with ties, some a few
     * seconds early; watermarks trail the latest event by a random lag, so some events are late.
     */
    private record Input(String line, long watermark) {
        @Override
        public String toString() {
            return line == null ? "watermark " + watermark : line;
        }
    }

    private static List<Input> randomStream(Random random) {
        List<Input> stream = new ArrayList<>();
        long second = 10;
        long watermark = Long.MIN_VALUE;
        int events = 50 + random.nextInt(250);
        for (int i = 0; i < events; i++) {
            second += random.nextInt(3);
            long time = random.nextInt(10) == 0 ? second - 1 - random.nextInt(4) : second;
            stream.add(
                    new Input(
                            "{\"k\":\"k"
                                    + random.nextInt(3)
                                    + "\",\"type\":\""
                                    + RandomSequences.TYPES[
                                            random.nextInt(RandomSequences.TYPES.length)]
                                    + "\",\"t\":"
                                    + time * 1000
                                    + ",\"v\":"
                                    + random.nextInt(6)
                                    + "}",
                            0));
            int roll = random.nextInt(10);
            if (roll < 3) {
                long next = (second - random.nextInt(roll == 0 ? 20 : 3)) * 1000 - 1;
                if (next > watermark) {
                    watermark = next;
                    stream.add(new Input(null, watermark));
                }
            }
        }
        return stream;
    }
}
