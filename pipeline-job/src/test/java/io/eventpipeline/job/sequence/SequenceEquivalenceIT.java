package io.eventpipeline.job.sequence;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventpipeline.job.testrun.TestRunResult;
import io.eventpipeline.job.testrun.TestRunner;
import io.eventpipeline.job.topology.TopologyOptions;
import io.eventpipeline.spec.PipelineDefinition;
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
 * The sequence matcher finds exactly the matches Flink CEP finds: random simple sequences (one to
 * four steps, overlapping conditions, with and without within, some ending in a notFollowedBy, each
 * after-match strategy the matcher takes) run over random streams with ties, out-of-order and late
 * events, once on the sequence matcher and once on Flink CEP. The match records and dead letters
 * must be identical.
 *
 * <p>End to end through the test command's path (router, dead letters, sorted output); {@code
 * SequenceVersusCepPropertyTest} compares the two operators' output per key in emission order, over
 * many more patterns. {@code -Dsequence.property.seed=N} runs this one on another seed.
 */
class SequenceEquivalenceIT {
    @RegisterExtension static final MiniClusterExtension FLINK = SharedMiniCluster.create();

    @Test
    void sequenceMatcherFindsWhatFlinkCepFinds() throws Exception {
        long seed = Long.getLong("sequence.property.seed", 20261121L);
        Random random = new Random(seed);
        int patterns = 0;
        int matches = 0;
        for (int batch = 0; batch < 6; batch++) {
            PipelineDefinition pipeline = randomPipeline(random, batch % 2 == 0 ? "0s" : "2s");
            ResolvedPipeline compiled = ResolvedPipeline.resolve(pipeline);
            for (int p = 0; p < compiled.patterns().size(); p++) {
                assertThat(compiled.patterns().get(p).shape().matcher())
                        .isEqualTo(Matcher.SEQUENCE);
            }
            patterns += compiled.patterns().size();
            List<String> events = randomEvents(random);

            TestRunResult sequences =
                    TestRunner.run(
                            compiled, events, TopologyOptions.deployed().keepingIrrelevantEvents());
            TestRunResult cep =
                    TestRunner.run(
                            compiled,
                            events,
                            TopologyOptions.deployed().keepingIrrelevantEvents().cepOnly());

            assertThat(sequences.matchLines()).as("seed %d", seed).isEqualTo(cep.matchLines());
            assertThat(sequences.deadLetters()).isEqualTo(cep.deadLetters());
            matches += cep.matches().size();
        }
        // The comparison means something only if the patterns matched plenty.
        assertThat(patterns).isGreaterThan(60);
        assertThat(matches).isGreaterThan(1000);
    }

    private static PipelineDefinition randomPipeline(Random random, String outOfOrderness)
            throws Exception {
        StringBuilder patterns = new StringBuilder();
        int count = 0;
        while (count < 16) {
            String pattern = RandomSequences.pattern("p" + count, random, 3);
            PipelineDefinition candidate = document(pattern, outOfOrderness);
            if (new PipelineValidator().validate(candidate).isEmpty()) {
                patterns.append(pattern);
                count++;
            }
        }
        return document(patterns.toString(), outOfOrderness);
    }

    /** Mostly in time order with ties; some events a few seconds early, some far too late. */
    private static List<String> randomEvents(Random random) {
        List<String> lines = new ArrayList<>();
        long second = 10;
        for (int i = 0; i < 300; i++) {
            second += random.nextInt(3);
            long time = second;
            int roll = random.nextInt(20);
            if (roll == 0) {
                time = second - 1 - random.nextInt(3);
            } else if (roll == 1) {
                time = second - 8;
            }
            lines.add(
                    "{\"k\":\"k"
                            + random.nextInt(3)
                            + "\",\"type\":\""
                            + RandomSequences.TYPES[random.nextInt(RandomSequences.TYPES.length)]
                            + "\",\"t\":"
                            + time * 1000
                            + ",\"v\":"
                            + random.nextInt(6)
                            + "}");
        }
        return lines;
    }

    private static PipelineDefinition document(String patterns, String outOfOrderness)
            throws Exception {
        return PipelineDefinition.parse(
                """
                apiVersion: eventpipeline.io/v1alpha1
                kind: EventPipeline
                metadata: {name: sequences, namespace: test}
                spec:
                  input: {topic: in, key: k, timestamp: {field: t, maxOutOfOrderness: %s}}
                  output: {topic: out}
                  patterns:
                """
                                .formatted(outOfOrderness)
                        + patterns.indent(4));
    }
}
