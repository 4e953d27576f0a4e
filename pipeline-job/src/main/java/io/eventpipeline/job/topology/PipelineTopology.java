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
import io.eventpipeline.spec.model.AfterMatchStrategy;
import io.eventpipeline.spec.resolved.Matcher;
import io.eventpipeline.spec.resolved.ResolvedPattern;
import io.eventpipeline.spec.resolved.ResolvedPipeline;
import io.eventpipeline.spec.resolved.ResolvedStep;
import io.eventpipeline.spec.state.PatternState;
import java.time.Duration;
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
            ResolvedPipeline pipeline, DataStream<PipelineEvent> events, TopologyOptions options) {
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
        String keyPath = pipeline.input().keyPath();
        for (ResolvedPattern pattern : pipeline.patterns()) {
            PatternState state = PatternState.of(pattern, keyPath);
            Matcher matcher = simpleSequences ? state.matcher() : Matcher.CEP;
            String uid =
                    matcher == state.matcher()
                            ? state.uid()
                            : PatternState.uid(pattern, keyPath, matcher);
            LOG.info(
                    "Pattern {} runs on {}{}, state uid {}",
                    pattern.name(),
                    matcher.description(),
                    matcher == Matcher.CEP
                            ? ": " + state.whyCep().orElse("simple sequences are off")
                            : "",
                    uid);
            // Only the pattern's own condition outcomes reach its operator and its state.
            PatternConditions own = conditions.forPattern(pattern.index());
            KeyedStream<PipelineEvent, String> input =
                    DataStreamUtils.reinterpretAsKeyedStream(
                            keyed.map(new NarrowToPattern(own))
                                    .returns(PipelineEventTypeInfoFactory.TYPE)
                                    .uid(uid + "-conditions")
                                    .name("conditions of " + pattern.name()),
                            new EventKey());
            if (matcher == Matcher.SEQUENCE) {
                outputs.add(sequence(pipeline, pattern, input, own, uid));
            } else {
                outputs.addAll(cep(pipeline, pattern, input, own, uid));
            }
        }
        DataStream<MatchOutput> all = outputs.get(0);
        if (outputs.size() > 1) {
            all = all.union(outputs.subList(1, outputs.size()).toArray(DataStream[]::new));
        }
        return new PipelineStreams(all, routed.getSideOutput(EventRouter.DEAD_LETTERS));
    }

    private static boolean dropsIrrelevantEvents(ResolvedPipeline pipeline) {
        Optional<String> keepAll = IrrelevantEvents.whyNotDroppable(pipeline.patterns());
        if (keepAll.isEmpty()) {
            LOG.info("Events no step can match are dropped before the pattern operators");
        } else {
            LOG.info("Every event reaches the pattern operators: {}", keepAll.get());
        }
        return keepAll.isEmpty();
    }

    private static DataStream<MatchOutput> sequence(
            ResolvedPipeline pipeline,
            ResolvedPattern pattern,
            KeyedStream<PipelineEvent, String> keyed,
            PatternConditions conditions,
            String uid) {
        List<StepCondition> steps = new ArrayList<>();
        StepCondition absent = null;
        for (ResolvedStep step : pattern.steps()) {
            StepCondition condition =
                    new StepCondition(
                            pattern.compiled().where(step.index()),
                            step.path() + ".where",
                            conditions.where(step.index()),
                            conditions.layout(),
                            pattern.stepNames());
            // PatternShape lets a negation through only as the trailing notFollowedBy.
            if (step.isNegation()) {
                absent = condition;
            } else {
                steps.add(condition);
            }
        }
        SequenceMatcher matcher =
                new SequenceMatcher(
                        steps,
                        absent,
                        pattern.within().map(Duration::toMillis).orElse(0L),
                        pattern.afterMatch() == AfterMatchStrategy.SKIP_PAST_LAST_EVENT);
        return keyed.process(
                        new SequenceMatchFunction(
                                matcher, records(pipeline, pattern), pattern.stepNames()))
                .returns(MatchOutput.class)
                .uid(uid)
                .name("pattern " + pattern.name());
    }

    private static List<DataStream<MatchOutput>> cep(
            ResolvedPipeline pipeline,
            ResolvedPattern pattern,
            KeyedStream<PipelineEvent, String> keyed,
            PatternConditions conditions,
            String uid) {
        Pattern<PipelineEvent, PipelineEvent> cepPattern =
                CepPatternFactory.create(pattern, conditions);
        SingleOutputStreamOperator<MatchOutput> matches =
                CEP.pattern(keyed, cepPattern)
                        .process(
                                MatchEmitter.forPattern(
                                        records(pipeline, pattern), pattern.emitTimeouts()))
                        .returns(MatchOutput.class)
                        .uid(uid)
                        .name("pattern " + pattern.name());
        return pattern.emitTimeouts()
                ? List.of(matches, matches.getSideOutput(MatchEmitter.TIMED_OUT))
                : List.of(matches);
    }

    private static MatchRecordBuilder records(ResolvedPipeline pipeline, ResolvedPattern pattern) {
        return new MatchRecordBuilder(
                pipeline.name(),
                pipeline.id(),
                pattern.name(),
                pattern.stepNames(),
                pattern.compiled().emit(),
                pattern.within().map(Duration::toMillis).orElse(null));
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
