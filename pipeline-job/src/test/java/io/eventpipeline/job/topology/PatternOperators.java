package io.eventpipeline.job.topology;

import io.eventpipeline.job.event.EventOrigin;
import io.eventpipeline.job.event.PipelineEvent;
import io.eventpipeline.job.event.PipelineEventTypeInfoFactory;
import io.eventpipeline.job.event.RecordParser;
import io.eventpipeline.job.match.MatchOutput;
import io.eventpipeline.spec.resolved.Matcher;
import io.eventpipeline.spec.resolved.ResolvedPipeline;
import io.eventpipeline.spec.state.PatternState;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.dag.Transformation;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.operators.SimpleOperatorFactory;
import org.apache.flink.streaming.api.transformations.OneInputTransformation;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;

/**
 * The pattern operators of the deployed job's topology, taken out of it one at a time to run in an
 * operator test harness: the events fed in and the output read back are those of one operator, in
 * the order it emits them, with watermarks set by the test.
 */
public final class PatternOperators {
    private final ResolvedPipeline pipeline;
    private final RecordParser parser;
    private final EventConditions conditions;

    public PatternOperators(ResolvedPipeline pipeline) {
        this.pipeline = pipeline;
        this.parser = RecordParser.of(pipeline.input(), pipeline.conditionFields());
        // As the router computes them when every event is kept.
        this.conditions = new EventConditions(pipeline.patterns(), false);
    }

    /**
     * The operator of pattern {@code index} on {@code matcher}, in a harness that is set up and
     * opened.
     */
    public KeyedOneInputStreamOperatorTestHarness<String, PipelineEvent, MatchOutput> harness(
            int index, Matcher matcher) throws Exception {
        return harness(index, matcher, null);
    }

    /**
     * The same, its state (timers included) restored from {@code snapshot} when that is not null.
     */
    public KeyedOneInputStreamOperatorTestHarness<String, PipelineEvent, MatchOutput> harness(
            int index, Matcher matcher, OperatorSubtaskState snapshot) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        PipelineStreams streams =
                PipelineTopology.build(
                        pipeline,
                        env.fromData(PipelineEventTypeInfoFactory.TYPE, placeholder()),
                        matcher == Matcher.SEQUENCE
                                ? TopologyOptions.deployed().keepingIrrelevantEvents()
                                : TopologyOptions.deployed().keepingIrrelevantEvents().cepOnly());
        String uid =
                PatternState.uid(
                        pipeline.patterns().get(index), pipeline.input().keyPath(), matcher);
        @SuppressWarnings("unchecked")
        OneInputStreamOperator<PipelineEvent, MatchOutput> operator =
                (OneInputStreamOperator<PipelineEvent, MatchOutput>)
                        ((SimpleOperatorFactory<?>) find(streams, uid).getOperatorFactory())
                                .getOperator();
        KeyedOneInputStreamOperatorTestHarness<String, PipelineEvent, MatchOutput> harness =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        operator, PipelineEvent::key, Types.STRING);
        if (snapshot != null) {
            harness.initializeState(snapshot);
        }
        harness.open();
        return harness;
    }

    /** An event line as pattern {@code index}'s operator receives it, or null for a dead letter. */
    public PipelineEvent event(String line, long lineNumber, int index) {
        PipelineEvent parsed =
                parser.parse(
                        line.getBytes(StandardCharsets.UTF_8), EventOrigin.line(lineNumber), 0L);
        if (parsed.isRejected()) {
            return null;
        }
        EventConditions.Outcome outcome = conditions.evaluate(parsed.conditionInput());
        if (outcome.problem() != null) {
            return null;
        }
        return conditions
                .forPattern(index)
                .narrow(parsed.withConditionResults(outcome.results(), conditions.layout()));
    }

    private PipelineEvent placeholder() {
        return parser.parse("{}".getBytes(StandardCharsets.UTF_8), EventOrigin.line(1), 0L);
    }

    private static OneInputTransformation<?, ?> find(PipelineStreams streams, String uid) {
        Deque<Transformation<?>> todo = new ArrayDeque<>();
        Set<Transformation<?>> seen = new HashSet<>();
        todo.add(streams.matches().getTransformation());
        while (!todo.isEmpty()) {
            Transformation<?> t = todo.pop();
            if (!seen.add(t)) {
                continue;
            }
            if (uid.equals(t.getUid()) && t instanceof OneInputTransformation<?, ?> one) {
                return one;
            }
            todo.addAll(t.getInputs());
        }
        throw new IllegalStateException("no operator with uid " + uid + " in the topology");
    }
}
