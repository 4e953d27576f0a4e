package io.eventpipeline.job.cep;

import io.eventpipeline.job.event.PipelineEvent;
import io.eventpipeline.spec.cel.CompiledCondition;
import io.eventpipeline.spec.cel.ExpressionEvaluationException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.cep.pattern.conditions.IterativeCondition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A step's CEL {@code where} or {@code until} as a Flink CEP condition. The condition sees the
 * current event and, through {@link StepEventsView}, the events earlier steps took in this partial
 * match ({@code ctx.getEventsForPattern}).
 *
 * <p>A condition that depends on the event alone was evaluated once when the event was routed; it
 * reads that outcome from the event (its slot) instead of evaluating again for each partial match,
 * but only when the event's outcomes are in the pattern's own layout. An event restored from a
 * savepoint written with another layout (or none) is evaluated from its fields.
 *
 * <p>A missing field makes the condition false (see {@link CompiledCondition}). Other evaluation
 * errors are caught before matching by the router's pre-check, which dead-letters the event; one
 * that still happens here (it depends on earlier events) makes the condition false and is logged,
 * because throwing would fail the job on every restart.
 */
public final class StepCondition extends IterativeCondition<PipelineEvent> implements EventTest {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(StepCondition.class);

    private final CompiledCondition condition;
    private final String fieldPath;
    private final int slot;
    private final int layout;
    private final List<String> stepNames;
    private transient Set<String> steps;
    private transient long errors;

    /**
     * @param fieldPath where the condition is written, for log messages
     * @param slot where routed events carry this condition's outcome, or -1 to always evaluate
     * @param layout the layout {@code slot} is numbered in
     */
    public StepCondition(CompiledCondition condition, String fieldPath, int slot, int layout) {
        this(condition, fieldPath, slot, layout, List.of());
    }

    /**
     * As above, for the sequence matcher, which hands a partial match's events by step index.
     *
     * @param stepNames the pattern's step names, in order
     */
    public StepCondition(
            CompiledCondition condition,
            String fieldPath,
            int slot,
            int layout,
            List<String> stepNames) {
        this.condition = condition;
        this.fieldPath = fieldPath;
        this.slot = slot;
        this.layout = layout;
        this.stepNames = List.copyOf(stepNames);
    }

    /**
     * For a condition on the event alone ({@link #usesStepEvents} false): whether it holds, with no
     * partial match to ask about earlier steps.
     */
    @Override
    public boolean holds(PipelineEvent event) {
        if (usesStepEvents()) {
            throw new IllegalStateException(fieldPath + " reads earlier steps' events");
        }
        return filter(event, null);
    }

    /** Whether the condition reads earlier steps' events, so needs a partial match's context. */
    public boolean usesStepEvents() {
        return condition.usesStepEvents();
    }

    /**
     * For the sequence matcher: earlier steps' events are read from the partial match itself, their
     * bodies parsed once per event (a body reads each field once) however many partial matches and
     * conditions read them.
     */
    @Override
    public boolean holds(PipelineEvent event, List<PipelineEvent> taken) {
        if (!usesStepEvents()) {
            return filter(event, null);
        }
        return evaluate(event, new TakenEvents(scope(), stepNames, taken));
    }

    @Override
    public boolean filter(PipelineEvent event, Context<PipelineEvent> context) {
        if (slot >= 0 && event.hasConditionResult(layout, slot)) {
            return event.conditionHolds(slot);
        }
        Set<String> scope = scope();
        return evaluate(event, scope.isEmpty() ? Map.of() : new StepEventsView(context, scope));
    }

    private Set<String> scope() {
        if (steps == null) {
            steps = Set.copyOf(condition.scope().steps());
        }
        return steps;
    }

    private boolean evaluate(PipelineEvent event, Map<String, ?> earlier) {
        try {
            @SuppressWarnings("unchecked")
            Map<String, List<?>> stepEvents = (Map<String, List<?>>) earlier;
            return condition.test(event.bodyFieldByField(), stepEvents);
        } catch (ExpressionEvaluationException e) {
            // Logged with back-off (1st, 2nd, 4th, ...) so a bad condition cannot flood the log.
            errors++;
            if (Long.bitCount(errors) == 1) {
                LOG.warn(
                        "{}: evaluation failed {} time(s), treated as false; last at {}: {}",
                        fieldPath,
                        errors,
                        event.origin(),
                        e.getMessage());
            }
            return false;
        }
    }

    @Override
    public String toString() {
        return fieldPath + ": " + condition.expression();
    }
}
