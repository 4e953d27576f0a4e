package io.eventpipeline.job.bench;

import io.eventpipeline.job.event.EventOrigin;
import io.eventpipeline.job.event.PipelineEvent;
import io.eventpipeline.job.event.PipelineEventTypeInfoFactory;
import io.eventpipeline.job.event.RecordParser;
import io.eventpipeline.job.kafka.RunCommand;
import io.eventpipeline.job.topology.EventTimeWatermarks;
import io.eventpipeline.job.topology.PipelineStreams;
import io.eventpipeline.job.topology.PipelineTopology;
import io.eventpipeline.job.topology.TopologyOptions;
import io.eventpipeline.spec.resolved.ResolvedPipeline;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Job 1 and job 3 of the benchmark. Job 1 is our job: the deployed job's parser, watermarks and
 * {@link PipelineTopology}, with the benchmark's source and sink in place of Kafka. Job 3, the
 * pass-through, parses and assigns watermarks the same way, then only keys the events by the
 * pipeline's key and counts them: the ceiling on this machine.
 */
final class EventPipelineBenchJob {
    static final String MATCHES = "matches";
    static final String DEAD_LETTERS = "deadLetters";
    static final String EVENTS = "events";

    private EventPipelineBenchJob() {}

    static void pipeline(StreamExecutionEnvironment env, ResolvedPipeline pipeline) {
        // The deployed job's watermark interval and buffer timeout, so what is measured is what
        // runs; the hand-written job keeps Flink's, as its author would.
        RunCommand.lowLatencyDefaults(env);
        PipelineStreams streams =
                PipelineTopology.build(pipeline, parsed(env, pipeline), TopologyOptions.deployed());
        BenchRun.countingSink(streams.matches(), MATCHES);
        BenchRun.countingSink(streams.deadLetters(), DEAD_LETTERS);
    }

    static void passThrough(StreamExecutionEnvironment env, ResolvedPipeline pipeline) {
        RunCommand.lowLatencyDefaults(env);
        DataStream<PipelineEvent> keyed = parsed(env, pipeline).keyBy(PipelineEvent::key);
        BenchRun.countingSink(keyed, EVENTS);
    }

    /** As the Kafka source's deserializer does it, one record at a time. */
    private static DataStream<PipelineEvent> parsed(
            StreamExecutionEnvironment env, ResolvedPipeline pipeline) {
        return BenchRun.source(env)
                .map(new ParseRecord(RecordParser.of(pipeline.input(), pipeline.conditionFields())))
                .returns(PipelineEventTypeInfoFactory.TYPE)
                .name("parse")
                .assignTimestampsAndWatermarks(EventTimeWatermarks.forInput(pipeline.input()))
                .name("timestamps");
    }

    private static final class ParseRecord extends RichMapFunction<byte[], PipelineEvent> {
        private static final long serialVersionUID = 1L;
        private final RecordParser parser;
        private transient int reader;
        private transient long offset;

        ParseRecord(RecordParser parser) {
            this.parser = parser;
        }

        @Override
        public void open(OpenContext openContext) {
            reader = getRuntimeContext().getTaskInfo().getIndexOfThisSubtask();
        }

        @Override
        public PipelineEvent map(byte[] record) {
            EventOrigin origin = new EventOrigin("bench", reader, offset++);
            return parser.parse(record, origin, 0L);
        }
    }
}
