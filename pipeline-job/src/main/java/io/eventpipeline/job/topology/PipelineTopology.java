package io.eventpipeline.job.topology;

import io.eventpipeline.job.cep.CepPatternFactory;
import io.eventpipeline.job.cep.StepCondition;
import io.eventpipeline.job.event.PipelineEvent;
import io.eventpipeline.job.event.PipelineEventTypeInfoFactory;
import io.eventpipeline.job.match.MatchEmitter;
import io.eventpipeline.job.match.MatchOutput;
import io.eventpipeline.job.match.MatchRecordBuilder;
import io.eventpipeline.job.sequence.SequenceMatchFunction;
import io.eventpipeline.job.sequence.SequenceMatcher;
import io.eventpipeline.spec.Durations;
import io.eventpipeline.spec.model.AfterMatchStrategy;
import io.eventpipeline.spec.model.PatternSpec;
import io.eventpipeline.spec.model.StepSpec;
import io.eventpipeline.spec.state.Matcher;
import io.eventpipeline.spec.state.PatternState;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.cep.CEP;
import org.apache.flink.cep.pattern.Pattern;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamUtils;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The part of the job that is the same for Kafka and for the {@code test} command: events with
 * timestamps and watermarks -> router (dead letters) -> keyBy -> one pattern operator per pattern
 * (the sequence matcher for a simple sequence, Flink CEP for the rest) -> match records.
 */
public final class PipelineTopology {
    private static final Logger LOG = LoggerFactory.getLogger(PipelineTopology.class);

    private PipelineTopology() {}

    /**
     * @param events the parsed input records, with event-time timestamps and watermarks assigned
     *     ({@link EventTimeWatermarks})
     * @param options {@link TopologyOptions#deployed()} except in tests
     */
    public static PipelineStreams build(
            CompiledPipeline pipeline, DataStream<PipelineEvent> events, TopologyOptions options) {
        boolean dropIrrelevant =
                switch (options.irrelevantEvents()) {
                    case AS_DEPLOYED -> dropsIrrelevantEvents(pipeline);
                    case DROP -> true;
                    case KEEP -> false;
                };
        boolean simpleSequences = options.simpleSequences();
        EventConditions conditions = new EventConditions(pipeline.patterns(), dropIrrelevant);
        SingleOutputStreamOperator<PipelineEvent> routed =
                events.process(new EventRouter(conditions), PipelineEventTypeInfoFactory.TYPE)
                        .uid(OperatorUids.EVENT_ROUTER)
                        .name("route events");
        KeyedStream<PipelineEvent, String> keyed = routed.keyBy(new EventKey());

        List<DataStream<MatchOutput>> outputs = new ArrayList<>();
        List<PatternSpec> patterns = pipeline.spec().getPatterns();
        String keyPath = pipeline.spec().getInput().getKey();
        for (int i = 0; i < patterns.size(); i++) {
            PatternSpec spec = patterns.get(i);
            PatternState state = PatternState.of(spec, pipeline.patterns().get(i), keyPath);
            Matcher matcher = simpleSequences ? state.matcher() : Matcher.CEP;
            String uid =
                    matcher == state.matcher()
                            ? state.uid()
                            : PatternState.uid(spec, keyPath, matcher);
            LOG.info(
                    "Pattern {} runs on {}{}, state uid {}",
                    spec.getName(),
                    matcher.description(),
                    matcher == Matcher.CEP
                            ? ": " + state.whyCep().orElse("simple sequences are off")
                            : "",
                    uid);
            // Only the pattern's own condition outcomes reach its operator and its state.
            PatternConditions own = conditions.forPattern(i);
            KeyedStream<PipelineEvent, String> input =
                    DataStreamUtils.reinterpretAsKeyedStream(
                            keyed.map(new NarrowToPattern(own))
                                    .returns(PipelineEventTypeInfoFactory.TYPE)
                                    .uid(uid + "-conditions")
                                    .name("conditions of " + spec.getName()),
                            new EventKey());
            if (matcher == Matcher.SEQUENCE) {
                outputs.add(sequence(pipeline, i, input, own, uid));
            } else {
                outputs.addAll(cep(pipeline, i, input, own, uid));
            }
        }
        DataStream<MatchOutput> all = outputs.get(0);
        if (outputs.size() > 1) {
            all = all.union(outputs.subList(1, outputs.size()).toArray(DataStream[]::new));
        }
        return new PipelineStreams(all, routed.getSideOutput(EventRouter.DEAD_LETTERS));
    }

    private static boolean dropsIrrelevantEvents(CompiledPipeline pipeline) {
        Optional<String> keepAll =
                IrrelevantEvents.whyNotDroppable(
                        pipeline.spec().getPatterns(), pipeline.patterns());
        if (keepAll.isEmpty()) {
            LOG.info("Events no step can match are dropped before the pattern operators");
        } else {
            LOG.info("Every event reaches the pattern operators: {}", keepAll.get());
        }
        return keepAll.isEmpty();
    }

    private static DataStream<MatchOutput> sequence(
            CompiledPipeline pipeline,
            int patternIndex,
            KeyedStream<PipelineEvent, String> keyed,
            PatternConditions conditions,
            String uid) {
        PatternSpec spec = pipeline.spec().getPatterns().get(patternIndex);
        List<StepCondition> steps = new ArrayList<>();
        for (int s = 0; s < spec.getSteps().size(); s++) {
            steps.add(
                    new StepCondition(
                            pipeline.patterns().get(patternIndex).where(s),
                            CompiledPipeline.patternPath(patternIndex) + ".steps[" + s + "].where",
                            conditions.where(s),
                            conditions.layout()));
        }
        long within = spec.getWithin() == null ? 0 : Durations.parse(spec.getWithin()).toMillis();
        SequenceMatcher matcher =
                new SequenceMatcher(
                        steps,
                        within,
                        spec.getAfterMatch() == AfterMatchStrategy.SKIP_PAST_LAST_EVENT);
        return keyed.process(
                        new SequenceMatchFunction(
                                matcher, records(pipeline, patternIndex), stepNames(spec)))
                .returns(MatchOutput.class)
                .uid(uid)
                .name("pattern " + spec.getName());
    }

    private static List<DataStream<MatchOutput>> cep(
            CompiledPipeline pipeline,
            int patternIndex,
            KeyedStream<PipelineEvent, String> keyed,
            PatternConditions conditions,
            String uid) {
        PatternSpec spec = pipeline.spec().getPatterns().get(patternIndex);
        Pattern<PipelineEvent, PipelineEvent> pattern =
                CepPatternFactory.create(
                        spec,
                        pipeline.patterns().get(patternIndex),
                        CompiledPipeline.patternPath(patternIndex),
                        conditions);
        boolean emitTimeouts = Boolean.TRUE.equals(spec.getEmitTimeouts());
        SingleOutputStreamOperator<MatchOutput> matches =
                CEP.pattern(keyed, pattern)
                        .process(
                                MatchEmitter.forPattern(
                                        records(pipeline, patternIndex), emitTimeouts))
                        .returns(MatchOutput.class)
                        .uid(uid)
                        .name("pattern " + spec.getName());
        return emitTimeouts
                ? List.of(matches, matches.getSideOutput(MatchEmitter.TIMED_OUT))
                : List.of(matches);
    }

    private static List<String> stepNames(PatternSpec spec) {
        return spec.getSteps().stream().map(StepSpec::getName).toList();
    }

    private static MatchRecordBuilder records(CompiledPipeline pipeline, int patternIndex) {
        PatternSpec spec = pipeline.spec().getPatterns().get(patternIndex);
        List<String> stepOrder = stepNames(spec);
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
