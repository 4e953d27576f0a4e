package io.eventpipeline.job.sequence;

import io.eventpipeline.job.event.PipelineEvent;
import io.eventpipeline.job.event.PipelineEventTypeInfoFactory;
import io.eventpipeline.job.match.MatchEmitter;
import io.eventpipeline.job.match.MatchOutput;
import io.eventpipeline.job.match.MatchRecordBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.typeutils.ListTypeInfo;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The pattern operator of a simple sequence ({@link SimpleSequences}): Flink CEP's results in event
 * time, as {@link SequenceMatcher} computes them, without CEP's NFA and shared buffer. Like CEP, it
 * holds each event until the watermark passes its time, then feeds the key's events in time order
 * (ties in arrival order); an event no later than the watermark on arrival is late and dropped. A
 * timer at the oldest partial match's expiry drops partial matches that can no longer complete.
 *
 * <p>State per key: the waiting events by time, and the partial matches (each the events it took).
 */
public final class SequenceMatchFunction
        extends KeyedProcessFunction<String, PipelineEvent, MatchOutput> {
    private static final long serialVersionUID = 1L;
    private static final TypeInformation<List<PipelineEvent>> EVENTS =
            new ListTypeInfo<>(PipelineEventTypeInfoFactory.TYPE);

    private final SequenceMatcher matcher;
    private final MatchRecordBuilder records;
    private final List<String> stepNames;

    private transient MapState<Long, List<PipelineEvent>> waiting;
    private transient ValueState<List<List<PipelineEvent>>> partials;
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
        waiting =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>("waiting-events", Types.LONG, EVENTS));
        partials =
                getRuntimeContext()
                        .getState(
                                new ValueStateDescriptor<>(
                                        "partial-matches", new ListTypeInfo<>(EVENTS)));
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
        List<PipelineEvent> atTime = waiting.get(time);
        if (atTime == null) {
            atTime = new ArrayList<>(2);
            ctx.timerService().registerEventTimeTimer(time);
        }
        atTime.add(event);
        waiting.put(time, atTime);
    }

    /** Timers come in time order: the key's waiting events at {@code time}, or an expiry. */
    @Override
    public void onTimer(long time, OnTimerContext ctx, Collector<MatchOutput> out)
            throws Exception {
        List<List<PipelineEvent>> current = partials.value();
        if (current == null) {
            current = new ArrayList<>();
        }
        List<PipelineEvent> events = waiting.get(time);
        if (events != null) {
            waiting.remove(time);
            for (PipelineEvent event : events) {
                for (List<PipelineEvent> match : matcher.advance(current, event, time)) {
                    matches.inc();
                    out.collect(records.build(byStep(match), false));
                }
            }
        } else {
            matcher.expire(current, time);
        }
        if (current.isEmpty()) {
            partials.clear();
            return;
        }
        partials.update(current);
        // Later than now by construction (what expires by now is gone): a timer at or before now
        // would fire again at once.
        long expiry = matcher.nextExpiry(current);
        if (expiry > time && expiry != Long.MAX_VALUE) {
            ctx.timerService().registerEventTimeTimer(expiry);
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
