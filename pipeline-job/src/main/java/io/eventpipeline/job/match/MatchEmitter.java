package io.eventpipeline.job.match;

import io.eventpipeline.job.event.PipelineEvent;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.cep.functions.PatternProcessFunction;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
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

    /** Metric group under the operator's: {@code eventpipeline.pattern.<name>}. */
    public static final String METRIC_GROUP = "eventpipeline";

    public static final String PATTERN_LABEL = "pattern";
    public static final String MATCHES = "matches";
    public static final String TIMEOUTS = "timeouts";

    protected final MatchRecordBuilder records;

    private transient Counter matches;

    MatchEmitter(MatchRecordBuilder records) {
        this.records = records;
    }

    @Override
    public void open(OpenContext openContext) throws Exception {
        super.open(openContext);
        matches = patternMetrics().counter(MATCHES);
    }

    /** This pattern's metric group, so that counters are per pattern. */
    protected MetricGroup patternMetrics() {
        return getRuntimeContext()
                .getMetricGroup()
                .addGroup(METRIC_GROUP)
                .addGroup(PATTERN_LABEL, records.pattern());
    }

    public static MatchEmitter forPattern(MatchRecordBuilder records, boolean emitTimeouts) {
        return emitTimeouts ? new TimeoutEmitter(records) : new MatchEmitter(records);
    }

    @Override
    public void processMatch(
            Map<String, List<PipelineEvent>> match, Context ctx, Collector<MatchOutput> out) {
        matches.inc();
        out.collect(records.build(match, false));
    }
}
