package io.eventpipeline.job.match;

import io.eventpipeline.job.event.PipelineEvent;
import java.util.List;
import java.util.Map;
import org.apache.flink.cep.functions.TimedOutPartialMatchHandler;

/** A {@link MatchEmitter} that also emits partial matches that expired at {@code within}. */
final class TimeoutEmitter extends MatchEmitter
        implements TimedOutPartialMatchHandler<PipelineEvent> {
    private static final long serialVersionUID = 1L;

    TimeoutEmitter(MatchRecordBuilder records) {
        super(records);
    }

    @Override
    public void processTimedOutMatch(Map<String, List<PipelineEvent>> match, Context ctx) {
        ctx.output(TIMED_OUT, records.build(match, true));
    }
}
