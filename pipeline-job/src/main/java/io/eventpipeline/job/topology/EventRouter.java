package io.eventpipeline.job.topology;

import io.eventpipeline.job.event.PipelineEvent;
import java.time.Instant;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Decides, right after the source, whether a record goes to the pattern operators or to the dead
 * letters: rejected by the parser (not JSON, no key, no timestamp), late, or not evaluable (see
 * {@link EventConditions}). Accepted events continue with the outcome of the pipeline's conditions,
 * unless no step can match them and the patterns allow dropping such events ({@link
 * IrrelevantEvents}): those are counted and go no further.
 *
 * <p><b>Late</b> means event time at or behind the watermark: the CEP operator would drop it
 * silently. Downstream watermarks never run ahead of this operator's (they are the minimum over its
 * parallel instances), so an event that is on time here is on time for CEP too.
 */
public final class EventRouter extends ProcessFunction<PipelineEvent, PipelineEvent> {
    private static final long serialVersionUID = 1L;

    public static final OutputTag<DeadLetter> DEAD_LETTERS = new OutputTag<>("dead-letters") {};

    private final EventConditions conditions;

    private transient RouterMetrics metrics;

    public EventRouter(EventConditions conditions) {
        this.conditions = conditions;
    }

    @Override
    public void open(OpenContext openContext) {
        metrics = new RouterMetrics(getRuntimeContext().getMetricGroup());
    }

    @Override
    public void processElement(PipelineEvent event, Context ctx, Collector<PipelineEvent> out) {
        if (event.isRejected()) {
            deadLetter(
                    ctx,
                    DeadLetterReason.ofRejection(event.rejection()),
                    DeadLetter.of(event, event.rejection()));
            return;
        }
        long watermark = ctx.timerService().currentWatermark();
        if (event.timestamp() <= watermark) {
            deadLetter(
                    ctx,
                    DeadLetterReason.LATE,
                    DeadLetter.of(
                            event,
                            "late: event time "
                                    + event.timestamp()
                                    + " ("
                                    + Instant.ofEpochMilli(event.timestamp())
                                    + ") is not after the watermark "
                                    + watermark
                                    + " ("
                                    + Instant.ofEpochMilli(watermark)
                                    + ")"));
            return;
        }
        EventConditions.Outcome outcome = conditions.evaluate(event.conditionInput());
        if (outcome.problem() != null) {
            deadLetter(
                    ctx,
                    outcome.overBudget()
                            ? DeadLetterReason.OVER_BUDGET
                            : DeadLetterReason.NOT_EVALUABLE,
                    DeadLetter.of(event, "cannot evaluate: " + outcome.problem()));
            return;
        }
        metrics.accepted();
        if (!outcome.relevant()) {
            metrics.skipped();
            return;
        }
        out.collect(event.withConditionResults(outcome.results(), conditions.layout()));
    }

    private void deadLetter(Context ctx, DeadLetterReason reason, DeadLetter deadLetter) {
        metrics.deadLetter(reason);
        deadLetter.kind = reason.label();
        ctx.output(DEAD_LETTERS, deadLetter);
    }
}
