package io.eventpipeline.job.match;

import io.eventpipeline.job.event.PipelineEvent;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.cep.functions.TimedOutPartialMatchHandler;
import org.apache.flink.metrics.Counter;

/** A {@link MatchEmitter} that also emits partial matches that expired at {@code within}. */
final class TimeoutEmitter extends MatchEmitter
        implements TimedOutPartialMatchHandler<PipelineEvent> {
    private static final long serialVersionUID = 1L;

    private transient Counter timeouts;

    TimeoutEmitter(MatchRecordBuilder records) {
        super(records);
    }

    @Override
    public void open(OpenContext openContext) throws Exception {
        super.open(openContext);
        // Only here: CEP reports timeouts only to functions that ask for them.
        timeouts = patternMetrics().counter(TIMEOUTS);
    }

    @Override
    public void processTimedOutMatch(Map<String, List<PipelineEvent>> match, Context ctx) {
        timeouts.inc();
        ctx.output(TIMED_OUT, records.build(match, true));
    }
}
