package io.eventpipeline.job.sequence;

import io.eventpipeline.job.event.PipelineEvent;
import io.eventpipeline.job.match.MatchEmitter;
import io.eventpipeline.job.match.MatchOutput;
import io.eventpipeline.job.match.MatchRecordBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The pattern operator of a simple sequence ({@link io.eventpipeline.spec.resolved.PatternShape}):
 * Flink CEP's results in event time, as {@link SequenceMatcher} computes them, without CEP's NFA
 * and shared buffer. Like CEP, it holds each event until the watermark passes its time, then feeds
 * the key's events in time order (ties in arrival order); an event no later than the watermark on
 * arrival is late and dropped. A timer at the oldest partial match's expiry drops partial matches
 * that can no longer complete, and emits those that waited out a trailing absence: as in CEP, such
 * a match comes out when the watermark passes its start plus {@code within}.
 *
 * <p>State per key: {@link SequenceState}.
 */
public final class SequenceMatchFunction
        extends KeyedProcessFunction<String, PipelineEvent, MatchOutput> {
    private static final long serialVersionUID = 1L;

    private final SequenceMatcher matcher;
    private final MatchRecordBuilder records;
    private final List<String> stepNames;

    private transient ValueState<SequenceState> state;
    private transient Counter matches;
    private transient Counter late;

    /**
     * @param stepNames the pattern's step names, in order
     */
    public SequenceMatchFunction(
            SequenceMatcher matcher, MatchRecordBuilder records, List<String> stepNames) {
        this.matcher = matcher;
        this.records = records;
        this.stepNames = new ArrayList<>(stepNames);
    }

    @Override
    public void open(OpenContext openContext) {
        state =
                getRuntimeContext()
                        .getState(new ValueStateDescriptor<>("sequence", SequenceState.TYPE));
        matches =
                getRuntimeContext()
                        .getMetricGroup()
                        .addGroup(MatchEmitter.METRIC_GROUP)
                        .addGroup(MatchEmitter.PATTERN_LABEL, records.pattern())
                        .counter(MatchEmitter.MATCHES);
        // CEP's name for the same count.
        late = getRuntimeContext().getMetricGroup().counter("numLateRecordsDropped");
    }

    @Override
    public void processElement(PipelineEvent event, Context ctx, Collector<MatchOutput> out)
            throws Exception {
        long time = ctx.timestamp();
        if (time <= ctx.timerService().currentWatermark()) {
            late.inc();
            return;
        }
        SequenceState current = state.value();
        if (current == null) {
            current = new SequenceState();
        }
        if (current.await(event)) {
            ctx.timerService().registerEventTimeTimer(time);
        }
        state.update(current);
    }

    /**
     * Timers come in time order: the key's waiting events at {@code time}, or the expiry of its
     * oldest partial match.
     */
    @Override
    public void onTimer(long time, OnTimerContext ctx, Collector<MatchOutput> out)
            throws Exception {
        SequenceState current = state.value();
        if (current == null) {
            return;
        }
        long expiryBefore = matcher.nextExpiry(current.partials);
        List<PipelineEvent> due = current.takeUntil(time);
        for (PipelineEvent event : due) {
            emit(matcher.advance(current.partials, event, time), out);
        }
        if (due.isEmpty()) {
            emit(matcher.expire(current.partials, time), out);
        }
        long expiry = matcher.nextExpiry(current.partials);
        if (expiry != expiryBefore) {
            replaceExpiryTimer(ctx, current, time, expiryBefore, expiry);
        }
        if (current.isEmpty()) {
            state.clear();
        } else {
            state.update(current);
        }
    }

    /**
     * One timer for the oldest partial match: a new one when that changes, and the old one deleted
     * unless events wait for its time. Left in place, the old timers would pile up, one for every
     * partial match that was once the oldest, for as long as {@code within}: millions with minutes
     * of it at tens of thousands of events a second, on the heap, in every checkpoint, each firing
     * to find nothing to do.
     */
    private void replaceExpiryTimer(
            OnTimerContext ctx, SequenceState current, long time, long before, long expiry) {
        if (before > time && before != Long.MAX_VALUE && !current.waitsAt(before)) {
            ctx.timerService().deleteEventTimeTimer(before);
        }
        // Later than now by construction (what expires by now is gone): a timer at or before now
        // would fire again.
        if (expiry > time && expiry != Long.MAX_VALUE) {
            ctx.timerService().registerEventTimeTimer(expiry);
        }
    }

    private void emit(List<List<PipelineEvent>> completed, Collector<MatchOutput> out) {
        for (List<PipelineEvent> match : completed) {
            matches.inc();
            out.collect(records.build(byStep(match), false));
        }
    }

    private Map<String, List<PipelineEvent>> byStep(List<PipelineEvent> match) {
        Map<String, List<PipelineEvent>> steps = new LinkedHashMap<>();
        for (int i = 0; i < match.size(); i++) {
            steps.put(stepNames.get(i), List.of(match.get(i)));
        }
        return steps;
    }
}
