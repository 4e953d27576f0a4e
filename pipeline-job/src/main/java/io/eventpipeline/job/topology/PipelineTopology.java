package io.eventpipeline.job.topology;

import io.eventpipeline.job.cep.CepPatternFactory;
import io.eventpipeline.job.event.PipelineEvent;
import io.eventpipeline.job.event.PipelineEventTypeInfoFactory;
import io.eventpipeline.job.match.MatchEmitter;
import io.eventpipeline.job.match.MatchOutput;
import io.eventpipeline.job.match.MatchRecordBuilder;
import io.eventpipeline.spec.Durations;
import io.eventpipeline.spec.model.PatternSpec;
import io.eventpipeline.spec.model.StepSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.cep.CEP;
import org.apache.flink.cep.pattern.Pattern;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The part of the job that is the same for Kafka and for the {@code test} command: events with
 * timestamps and watermarks -> router (dead letters) -> keyBy -> one CEP operator per pattern ->
 * match records.
 */
public final class PipelineTopology {
    private static final Logger LOG = LoggerFactory.getLogger(PipelineTopology.class);

    private PipelineTopology() {}

    /**
     * @param events the parsed input records, with event-time timestamps and watermarks assigned
     *     ({@link EventTimeWatermarks})
     */
    public static PipelineStreams build(
            CompiledPipeline pipeline, DataStream<PipelineEvent> events) {
        Optional<String> keepAll =
                IrrelevantEvents.whyNotDroppable(
                        pipeline.spec().getPatterns(), pipeline.patterns());
        if (keepAll.isEmpty()) {
            LOG.info("Events no step can match are dropped before the pattern operators");
        } else {
            LOG.info("Every event reaches the pattern operators: {}", keepAll.get());
        }
        return build(pipeline, events, keepAll.isEmpty());
    }

    /**
     * Tests only: {@code dropIrrelevant} false keeps events no step can match even when {@link
     * IrrelevantEvents} allows dropping them, to show that dropping changes no match.
     */
    public static PipelineStreams build(
            CompiledPipeline pipeline, DataStream<PipelineEvent> events, boolean dropIrrelevant) {
        EventConditions conditions = new EventConditions(pipeline.patterns(), dropIrrelevant);
        SingleOutputStreamOperator<PipelineEvent> routed =
                events.process(new EventRouter(conditions), PipelineEventTypeInfoFactory.TYPE)
                        .uid(OperatorUids.EVENT_ROUTER)
                        .name("route events");
        KeyedStream<PipelineEvent, String> keyed = routed.keyBy(new EventKey());

        List<DataStream<MatchOutput>> outputs = new ArrayList<>();
        List<PatternSpec> patterns = pipeline.spec().getPatterns();
        for (int i = 0; i < patterns.size(); i++) {
            PatternSpec spec = patterns.get(i);
            int patternIndex = i;
            Pattern<PipelineEvent, PipelineEvent> pattern =
                    CepPatternFactory.create(
                            spec,
                            pipeline.patterns().get(i),
                            CompiledPipeline.patternPath(i),
                            new CepPatternFactory.ConditionSlots() {
                                @Override
                                public int where(int step) {
                                    return conditions.whereSlot(patternIndex, step);
                                }

                                @Override
                                public int until(int step) {
                                    return conditions.untilSlot(patternIndex, step);
                                }
                            });
            boolean emitTimeouts = Boolean.TRUE.equals(spec.getEmitTimeouts());
            SingleOutputStreamOperator<MatchOutput> matches =
                    CEP.pattern(keyed, pattern)
                            .process(MatchEmitter.forPattern(records(pipeline, i), emitTimeouts))
                            .returns(MatchOutput.class)
                            .uid(OperatorUids.pattern(spec, pipeline.spec().getInput().getKey()))
                            .name("pattern " + spec.getName());
            outputs.add(matches);
            if (emitTimeouts) {
                outputs.add(matches.getSideOutput(MatchEmitter.TIMED_OUT));
            }
        }
        DataStream<MatchOutput> all = outputs.get(0);
        if (outputs.size() > 1) {
            all = all.union(outputs.subList(1, outputs.size()).toArray(DataStream[]::new));
        }
        return new PipelineStreams(all, routed.getSideOutput(EventRouter.DEAD_LETTERS));
    }

    private static MatchRecordBuilder records(CompiledPipeline pipeline, int patternIndex) {
        PatternSpec spec = pipeline.spec().getPatterns().get(patternIndex);
        List<String> stepOrder = spec.getSteps().stream().map(StepSpec::getName).toList();
        Long within =
                spec.getWithin() == null ? null : Durations.parse(spec.getWithin()).toMillis();
        return new MatchRecordBuilder(
                pipeline.definition().name(),
                pipeline.id(),
                spec.getName(),
                stepOrder,
                pipeline.patterns().get(patternIndex).emit(),
                within);
    }

    /** keyBy the key text the parser extracted. */
    private static final class EventKey implements KeySelector<PipelineEvent, String> {
        private static final long serialVersionUID = 1L;

        @Override
        public String getKey(PipelineEvent event) {
            return event.key();
        }
    }
}
