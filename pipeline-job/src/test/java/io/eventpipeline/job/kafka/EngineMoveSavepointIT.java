package io.eventpipeline.job.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventpipeline.kafka.embedded.EmbeddedKafkaBroker;
import io.eventpipeline.spec.PipelineDefinition;
import io.eventpipeline.spec.resolved.Matcher;
import io.eventpipeline.spec.resolved.MatcherRules;
import io.eventpipeline.spec.resolved.ResolvedPattern;
import io.eventpipeline.spec.resolved.ResolvedPipeline;
import io.eventpipeline.spec.state.JobState;
import io.eventpipeline.spec.state.PatternVerdict;
import io.eventpipeline.spec.state.UpgradePlan;
import io.eventpipeline.testsupport.flink.SharedMiniCluster;
import io.eventpipeline.testsupport.kafka.KafkaTopics;
import io.eventpipeline.testsupport.kafka.SharedKafka;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * An upgrade that moves patterns from Flink CEP to the sequence matcher, restored from a real
 * savepoint of the job version before the move ({@link EngineMoveSavepoint}). The upgrade review
 * reads that job with its own rules ({@link MatcherRules#SIMPLE_SEQUENCES}) and promises that the
 * two moved patterns start fresh and the unmoved one keeps its partial match. This checks that
 * Flink does exactly that: the moved patterns' old state is left behind (not misread by the other
 * engine), they match fresh events, the unmoved one completes its saved partial match, and the
 * source goes on from the saved offsets.
 */
class EngineMoveSavepointIT {
    @RegisterExtension static final MiniClusterExtension FLINK = SharedMiniCluster.create();

    private final EmbeddedKafkaBroker broker = SharedKafka.broker();
    private final KafkaTopics topics = SharedKafka.topics();

    @Test
    void movedPatternsStartFreshAndTheOtherKeepsItsPartialMatch(@TempDir Path dir)
            throws Exception {
        String savepoint = RestoredMatches.resourceSavepoint(dir, "engine-move");
        PipelineDefinition pipeline =
                PipelineDefinition.parse(EngineMoveSavepoint.pipeline(broker.bootstrapServers()));
        ResolvedPipeline resolved = ResolvedPipeline.resolve(pipeline);
        assertThat(resolved.patterns())
                .extracting(p -> p.name() + " " + engines(p))
                .containsExactly(
                        "abandon CEP->SEQUENCE", "bigger CEP->SEQUENCE", "pair SEQUENCE->SEQUENCE");
        UpgradePlan plan =
                UpgradePlan.of(
                        JobState.of(pipeline, MatcherRules.SIMPLE_SEQUENCES),
                        JobState.of(pipeline),
                        false);
        assertThat(plan.patterns())
                .extracting(PatternVerdict::outcome)
                .containsExactly(
                        PatternVerdict.Outcome.STARTS_FRESH,
                        PatternVerdict.Outcome.STARTS_FRESH,
                        PatternVerdict.Outcome.KEPT);

        // The same records at the same offsets as when the savepoint was written, then key x's
        // next steps, fresh matches on key y, and a clock past every window.
        topics.create(
                EngineMoveSavepoint.INPUT,
                EngineMoveSavepoint.OUTPUT,
                EngineMoveSavepoint.DEAD_LETTER);
        topics.produce(EngineMoveSavepoint.INPUT, EngineMoveSavepoint.phaseOne());
        topics.produce(
                EngineMoveSavepoint.INPUT,
                List.of(
                        EngineMoveSavepoint.event("x", "bid", 30, 9),
                        EngineMoveSavepoint.event("x", "q2", 30, 0),
                        EngineMoveSavepoint.event("y", "view", 40, 0),
                        EngineMoveSavepoint.event("y", "add", 41, 0),
                        EngineMoveSavepoint.event("y", "bid", 40, 5),
                        EngineMoveSavepoint.event("y", "bid", 41, 7),
                        EngineMoveSavepoint.event("y", "q1", 40, 0),
                        EngineMoveSavepoint.event("y", "q2", 41, 0),
                        "probe-2",
                        EngineMoveSavepoint.event("clock", "tick", 7200, 0)));

        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.getExecutionEnvironment(
                        RestoredMatches.restoreFrom(savepoint));
        env.setParallelism(1);
        KafkaPipelineJob.build(
                env,
                resolved,
                new KafkaJobSettings(
                        broker.bootstrapServers(), Map.of(), Duration.ofMinutes(5), false));
        JobClient job = env.executeAsync("engine move restored");
        try {
            List<String> matches = RestoredMatches.read(topics, EngineMoveSavepoint.OUTPUT, 4);
            // Had the moved patterns kept x's state, "abandon x 10-11" and "bigger x 10-30"
            // would be here; pair keeps it and completes x.
            assertThat(matches)
                    .containsExactlyInAnyOrder(
                            "abandon y 40-41", "bigger y 40-41", "pair x 10-30", "pair y 40-41");
            assertThat(topics.read(EngineMoveSavepoint.DEAD_LETTER, 2, Duration.ofSeconds(2)))
                    .extracting(KafkaTopics::value)
                    .containsExactly("probe-2");
        } finally {
            job.cancel().get();
        }
    }

    private static String engines(ResolvedPattern pattern) {
        Matcher before = pattern.shape().matcher(MatcherRules.SIMPLE_SEQUENCES);
        return before + "->" + pattern.matcher();
    }
}
