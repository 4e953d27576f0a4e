package io.eventpipeline.job.testrun;

import io.eventpipeline.job.event.PipelineEvent;
import io.eventpipeline.job.event.PipelineEventTypeInfoFactory;
import io.eventpipeline.job.event.RecordParser;
import io.eventpipeline.job.topology.CompiledPipeline;
import io.eventpipeline.job.topology.EventTimeWatermarks;
import io.eventpipeline.job.topology.IrrelevantEvents;
import io.eventpipeline.job.topology.PipelineStreams;
import io.eventpipeline.job.topology.PipelineTopology;
import io.eventpipeline.spec.Durations;
import io.eventpipeline.spec.SpecDefaults;
import io.eventpipeline.spec.model.TimestampSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;

/**
 * Runs a pipeline over events from a file on Flink (a local MiniCluster, or whatever cluster the
 * execution environment points at, e.g. a test's shared one) through the deployed job's own
 * topology, with a bounded source in place of Kafka. At the end of the input event time jumps to
 * the end of time: buffered matches complete, pending {@code within} windows expire.
 */
public final class TestRunner {
    private TestRunner() {}

    public static TestRunResult run(CompiledPipeline pipeline, List<String> lines)
            throws Exception {
        return run(pipeline, lines, null);
    }

    /**
     * Tests only: {@code dropIrrelevant} overrides whether events no step can match are dropped
     * before the pattern operators (null: as the deployed job decides).
     */
    public static TestRunResult run(
            CompiledPipeline pipeline, List<String> lines, Boolean dropIrrelevant)
            throws Exception {
        return run(pipeline, lines, dropIrrelevant, true);
    }

    /**
     * Tests only: as {@link #run(CompiledPipeline, List, Boolean)}; {@code simpleSequences} false
     * runs every pattern on Flink CEP.
     */
    public static TestRunResult run(
            CompiledPipeline pipeline,
            List<String> lines,
            Boolean dropIrrelevant,
            boolean simpleSequences)
            throws Exception {
        RecordParser parser =
                RecordParser.of(pipeline.spec().getInput(), pipeline.conditionFields());
        List<PipelineEvent> records = EventsFile.parse(lines, parser);

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        // One parallel instance: the order of the file decides ties and lateness, not scheduling.
        env.setParallelism(1);
        DataStream<PipelineEvent> events =
                env.fromData(records, PipelineEventTypeInfoFactory.TYPE)
                        .name("events file")
                        .assignTimestampsAndWatermarks(
                                EventTimeWatermarks.strategy(outOfOrderness(pipeline), null, true))
                        .name("timestamps");
        PipelineStreams streams =
                dropIrrelevant == null && simpleSequences
                        ? PipelineTopology.build(pipeline, events)
                        : PipelineTopology.build(
                                pipeline,
                                events,
                                dropIrrelevant == null
                                        ? IrrelevantEvents.whyNotDroppable(
                                                        pipeline.spec().getPatterns(),
                                                        pipeline.patterns())
                                                .isEmpty()
                                        : dropIrrelevant,
                                simpleSequences);
        DataStream<TestRunOutput> output =
                streams.matches()
                        .map(TestRunOutput::of)
                        .returns(TestRunOutput.class)
                        .union(
                                streams.deadLetters()
                                        .map(TestRunOutput::of)
                                        .returns(TestRunOutput.class));

        List<io.eventpipeline.job.match.MatchOutput> matches = new ArrayList<>();
        List<io.eventpipeline.job.topology.DeadLetter> deadLetters = new ArrayList<>();
        try (CloseableIterator<TestRunOutput> results =
                output.executeAndCollect("test " + pipeline.definition().name())) {
            results.forEachRemaining(
                    result -> {
                        if (result.match != null) {
                            matches.add(result.match);
                        } else {
                            deadLetters.add(result.deadLetter);
                        }
                    });
        }
        return new TestRunResult(matches, deadLetters);
    }

    private static Duration outOfOrderness(CompiledPipeline pipeline) {
        TimestampSpec timestamp = pipeline.spec().getInput().getTimestamp();
        return Durations.parse(
                timestamp == null || timestamp.getMaxOutOfOrderness() == null
                        ? SpecDefaults.MAX_OUT_OF_ORDERNESS
                        : timestamp.getMaxOutOfOrderness());
    }
}
