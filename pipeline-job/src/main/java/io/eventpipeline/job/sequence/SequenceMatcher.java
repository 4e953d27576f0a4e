package io.eventpipeline.job.sequence;

import io.eventpipeline.job.cep.EventTest;
import io.eventpipeline.job.event.PipelineEvent;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The matching logic of a simple sequence ({@link io.eventpipeline.spec.resolved.PatternShape}),
 * with Flink CEP's results. A partial match is the list of events its steps took, so its next step
 * is its size. Events come in event-time order, one at a time; for each:
 *
 * <ol>
 *   <li>partial matches that started {@code within} or longer before the event are dropped;
 *   <li>each partial match, oldest first, takes the event if its next step's condition holds
 *       (relaxed contiguity: it skips the event otherwise), and is complete after the last step;
 *   <li>the event starts a new partial match if the first step's condition holds;
 *   <li>with {@code skipPastLastEvent} only the oldest completed match counts, and every partial
 *       match (all started no later than the event) is dropped.
 * </ol>
 *
 * {@code noSkip} and {@code skipToNext} are the same on a simple sequence: skipToNext would discard
 * partial matches that started at or before a match's first event, and there are none (the argument
 * is in {@code PatternShape}).
 */
public final class SequenceMatcher implements Serializable {
    private static final long serialVersionUID = 1L;

    private final EventTest[] steps;
    private final long withinMillis;
    private final boolean skipPastLastEvent;

    /**
     * @param steps each step's condition, in order
     * @param withinMillis the pattern's time limit, or 0 for none
     */
    public SequenceMatcher(
            List<? extends EventTest> steps, long withinMillis, boolean skipPastLastEvent) {
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("a sequence has at least one step");
        }
        this.steps = steps.toArray(EventTest[]::new);
        this.withinMillis = withinMillis;
        this.skipPastLastEvent = skipPastLastEvent;
    }

    /**
     * Feeds one event, at {@code time}, to a key's partial matches.
     *
     * @param partials the key's partial matches, oldest first; updated in place
     * @return the matches the event completes, oldest first, as CEP emits them
     */
    public List<List<PipelineEvent>> advance(
            List<List<PipelineEvent>> partials, PipelineEvent event, long time) {
        expire(partials, time);
        List<List<PipelineEvent>> completed = null;
        for (Iterator<List<PipelineEvent>> it = partials.iterator(); it.hasNext(); ) {
            List<PipelineEvent> partial = it.next();
            if (steps[partial.size()].holds(event)) {
                partial.add(event);
                if (partial.size() == steps.length) {
                    it.remove();
                    completed = add(completed, partial);
                }
            }
        }
        if (steps[0].holds(event)) {
            List<PipelineEvent> started = new ArrayList<>(steps.length);
            started.add(event);
            if (steps.length == 1) {
                completed = add(completed, started);
            } else {
                partials.add(started);
            }
        }
        if (completed == null) {
            return List.of();
        }
        if (skipPastLastEvent) {
            partials.clear();
            return List.of(completed.get(0));
        }
        return completed;
    }

    /**
     * Drops the partial matches that can no longer complete at {@code time} or later.
     *
     * @param partials oldest first; updated in place
     */
    public void expire(List<List<PipelineEvent>> partials, long time) {
        if (withinMillis <= 0) {
            return;
        }
        int expired = 0;
        while (expired < partials.size() && time - startOf(partials.get(expired)) >= withinMillis) {
            expired++;
        }
        partials.subList(0, expired).clear();
    }

    /** When the oldest partial match expires, or {@link Long#MAX_VALUE} if none ever does. */
    public long nextExpiry(List<List<PipelineEvent>> partials) {
        return withinMillis <= 0 || partials.isEmpty()
                ? Long.MAX_VALUE
                : startOf(partials.get(0)) + withinMillis;
    }

    private static long startOf(List<PipelineEvent> partial) {
        return partial.get(0).timestamp();
    }

    private static List<List<PipelineEvent>> add(
            List<List<PipelineEvent>> completed, List<PipelineEvent> match) {
        List<List<PipelineEvent>> all = completed == null ? new ArrayList<>(2) : completed;
        all.add(match);
        return all;
    }
}
