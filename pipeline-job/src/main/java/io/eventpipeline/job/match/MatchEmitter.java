package io.eventpipeline.job.match;

import io.eventpipeline.job.event.PipelineEvent;
import java.util.List;
import java.util.Map;
import org.apache.flink.cep.functions.PatternProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Turns each CEP match into a match record. {@link #forPattern} adds timed-out partial matches (on
 * the {@link #TIMED_OUT} side output) only for patterns with {@code emitTimeouts}: CEP tracks
 * timeouts only when the function asks for them.
 */
public class MatchEmitter extends PatternProcessFunction<PipelineEvent, MatchOutput> {
    private static final long serialVersionUID = 1L;

    /** Where timed-out partial matches go. */
    public static final OutputTag<MatchOutput> TIMED_OUT = new OutputTag<>("timed-out-matches") {};

    protected final MatchRecordBuilder records;

    MatchEmitter(MatchRecordBuilder records) {
        this.records = records;
    }

    public static MatchEmitter forPattern(MatchRecordBuilder records, boolean emitTimeouts) {
        return emitTimeouts ? new TimeoutEmitter(records) : new MatchEmitter(records);
    }

    @Override
    public void processMatch(
            Map<String, List<PipelineEvent>> match, Context ctx, Collector<MatchOutput> out) {
        out.collect(records.build(match, false));
    }
}
