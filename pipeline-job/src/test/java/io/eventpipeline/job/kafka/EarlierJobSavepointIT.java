package io.eventpipeline.job.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventpipeline.kafka.embedded.EmbeddedKafkaBroker;
import io.eventpipeline.spec.PipelineDefinition;
import io.eventpipeline.spec.resolved.ResolvedPipeline;
import io.eventpipeline.spec.state.JobState;
import io.eventpipeline.spec.state.PatternVerdict;
import io.eventpipeline.spec.state.UpgradePlan;
import io.eventpipeline.testsupport.flink.SharedMiniCluster;
import io.eventpipeline.testsupport.kafka.KafkaTopics;
import io.eventpipeline.testsupport.kafka.SharedKafka;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A savepoint the job wrote before condition outcomes carried a layout and before pattern uids left
 * {@code emit} out (test resource {@code savepoints/earlier-job}, written by that version from
 * {@link EarlierSavepoint}'s pipeline and events). Restored by this version: waiting events whose
 * outcomes have no layout are evaluated again, the patterns without emit keep their state, the one
 * with emit starts fresh (as {@link UpgradePlan} predicts for a job an earlier operator rendered),
 * and the source goes on from the saved offsets.
 */
class EarlierJobSavepointIT {
    @RegisterExtension static final MiniClusterExtension FLINK = SharedMiniCluster.create();

    private final EmbeddedKafkaBroker broker = SharedKafka.broker();
    private final KafkaTopics topics = SharedKafka.topics();

    @Test
    void aSavepointOfTheEarlierJobRestoresAsPromised(@TempDir Path dir) throws Exception {
        String savepoint = RestoredMatches.resourceSavepoint(dir, "earlier-job");
        PipelineDefinition pipeline =
                PipelineDefinition.parse(EarlierSavepoint.pipeline(broker.bootstrapServers()));
        UpgradePlan plan =
                UpgradePlan.of(JobState.ofEarlierJob(pipeline), JobState.of(pipeline), false);
        assertThat(plan.patterns())
                .extracting(PatternVerdict::outcome)
                .containsExactly(
                        PatternVerdict.Outcome.KEPT,
                        PatternVerdict.Outcome.KEPT,
                        PatternVerdict.Outcome.STARTS_FRESH);

        // The same records at the same offsets as when the savepoint was written.
        topics.create("earlier-in", "earlier-out", "earlier-dlq");
        topics.produce("earlier-in", EarlierSavepoint.phaseOne());
        List<String> later = new ArrayList<>();
        for (String p : List.of("a", "b", "c")) {
            later.add(EarlierSavepoint.event("x", p + 2, 30));
            later.add(EarlierSavepoint.event("w", p + 2, 31));
        }
        later.add("probe-2");
        later.add(EarlierSavepoint.event("clock", "tick", 100));
        topics.produce("earlier-in", later);

        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.getExecutionEnvironment(
                        RestoredMatches.restoreFrom(savepoint));
        env.setParallelism(1);
        KafkaPipelineJob.build(
                env,
                ResolvedPipeline.resolve(pipeline),
                new KafkaJobSettings(
                        broker.bootstrapServers(), Map.of(), Duration.ofMinutes(5), false));
        JobClient job = env.executeAsync("earlier restored");
        try {
            List<String> matches = RestoredMatches.read(topics, "earlier-out", 4);
            // a and b keep the partial match (x) and the waiting event (w); c starts fresh.
            assertThat(matches)
                    .containsExactlyInAnyOrder("a x 10-30", "a w 25-31", "b x 10-30", "b w 25-31");
            // Read from the saved offsets: the first probe is not read again.
            assertThat(topics.read("earlier-dlq", 2, Duration.ofSeconds(2)))
                    .extracting(KafkaTopics::value)
                    .containsExactly("probe-2");
        } finally {
            job.cancel().get();
        }
    }
}
