package io.eventpipeline.job.testrun;

import io.eventpipeline.job.event.PipelineEvent;
import io.eventpipeline.job.event.PipelineEventTypeInfoFactory;
import io.eventpipeline.job.event.RecordParser;
import io.eventpipeline.job.match.MatchOutput;
import io.eventpipeline.job.topology.DeadLetter;
import io.eventpipeline.job.topology.EventTimeWatermarks;
import io.eventpipeline.job.topology.PipelineStreams;
import io.eventpipeline.job.topology.PipelineTopology;
import io.eventpipeline.job.topology.TopologyOptions;
import io.eventpipeline.spec.resolved.ResolvedPipeline;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;

/**
 * Runs a pipeline over an events file on Flink (a local MiniCluster, or whatever cluster the
 * execution environment points at, e.g. a test's shared one) through the deployed job's own
 * topology, with the file in place of Kafka. At the end of the input event time jumps to the end of
 * time: buffered matches complete, pending {@code within} windows expire.
 *
 * <p>Streaming end to end: the file is read as the job consumes it ({@link ReadEventsFile}), and
 * results reach the caller as they are found, matches already in output order ({@link MatchOrder}).
 * Memory grows with the pattern state (keys with partial matches), not the file.
 */
public final class TestRunner {
    private TestRunner() {}

    /**
     * Runs over {@code eventsFile}, handing each result to {@code results} as it comes: dead
     * letters in line order, matches in {@link TestRunResult#MATCH_ORDER}.
     */
    public static void run(
            ResolvedPipeline pipeline, Path eventsFile, Consumer<TestRunOutput> results)
            throws Exception {
        run(pipeline, eventsFile, TopologyOptions.deployed(), results);
    }

    private static void run(
            ResolvedPipeline pipeline,
            Path eventsFile,
            TopologyOptions options,
            Consumer<TestRunOutput> results)
            throws Exception {
        RecordParser parser = RecordParser.of(pipeline.input(), pipeline.conditionFields());

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        // One parallel instance: the order of the file decides ties and lateness, not scheduling.
        env.setParallelism(1);
        DataStream<PipelineEvent> events =
                env.fromData(eventsFile.toAbsolutePath().toString())
                        .name("events file")
                        .flatMap(new ReadEventsFile(parser), PipelineEventTypeInfoFactory.TYPE)
                        .name("read events")
                        .assignTimestampsAndWatermarks(
                                EventTimeWatermarks.strategy(outOfOrderness(pipeline), null, true))
                        .name("timestamps");
        PipelineStreams streams = PipelineTopology.build(pipeline, events, options);
        DataStream<TestRunOutput> output =
                streams.matches()
                        .map(TestRunOutput::of)
                        .returns(TestRunOutput.class)
                        .union(
                                streams.deadLetters()
                                        .map(TestRunOutput::of)
                                        .returns(TestRunOutput.class))
                        .transform(
                                "match order",
                                TypeInformation.of(TestRunOutput.class),
                                new MatchOrder());

        try (CloseableIterator<TestRunOutput> found =
                output.executeAndCollect("test " + pipeline.definition().name())) {
            found.forEachRemaining(results);
        }
    }

    /** Tests only: runs over {@code lines} (line 1 first) and collects every result. */
    public static TestRunResult run(ResolvedPipeline pipeline, List<String> lines)
            throws Exception {
        return run(pipeline, lines, TopologyOptions.deployed());
    }

    /** Tests only: as {@link #run(ResolvedPipeline, List)}, with the topology built as told. */
    public static TestRunResult run(
            ResolvedPipeline pipeline, List<String> lines, TopologyOptions options)
            throws Exception {
        Path file = Files.createTempFile("events", ".jsonl");
        try {
            Files.write(file, lines, StandardCharsets.UTF_8);
            List<MatchOutput> matches = new ArrayList<>();
            List<DeadLetter> deadLetters = new ArrayList<>();
            run(
                    pipeline,
                    file,
                    options,
                    result -> {
                        if (result.match != null) {
                            matches.add(result.match);
                        } else {
                            deadLetters.add(result.deadLetter);
                        }
                    });
            return new TestRunResult(matches, deadLetters);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static Duration outOfOrderness(ResolvedPipeline pipeline) {
        return pipeline.input().maxOutOfOrderness();
    }
}
