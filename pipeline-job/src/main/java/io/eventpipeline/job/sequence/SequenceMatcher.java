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
 *   <li>partial matches that started {@code within} or longer before the event are dropped, except
 *       those waiting out a trailing absence, which are complete now ({@link #expire});
 *   <li>each partial match, oldest first, takes the event if its next step's condition holds
 *       (relaxed contiguity: it skips the event otherwise), and is complete after the last step; a
 *       partial match waiting out a trailing absence takes no event and is dropped by one the
 *       absent step's condition holds for;
 *   <li>the event starts a new partial match if the first step's condition holds;
 *   <li>with {@code skipPastLastEvent} only the oldest completed match counts, and every partial
 *       match (all started no later than the event) is dropped.
 * </ol>
 *
 * {@code noSkip} and {@code skipToNext} are the same on a simple sequence: skipToNext would discard
 * partial matches that started at or before a match's first event, and there are none (the argument
 * is in {@code PatternShape}).
 *
 * <p>A condition may read the events earlier steps took ({@link EventTest#holds(PipelineEvent,
 * List)} gets the partial match); then an older partial match may be behind a younger one, which
 * {@code noSkip}, the only strategy {@code PatternShape} allows with it, does not depend on.
 *
 * <p><b>A trailing absence</b> ({@code notFollowedBy} as the last step, {@code within} required) is
 * what Flink CEP's pending state does: a partial match that took every other step waits; any later
 * event the absent step's condition holds for ends it; when event time reaches its start plus
 * {@code within} (an event at exactly that time is too late to end it) it is a match of the events
 * it took, emitted before the events of that time are fed.
 */
public final class SequenceMatcher implements Serializable {
    private static final long serialVersionUID = 1L;

    private final EventTest[] steps;
    private final EventTest absent;
    private final long withinMillis;
    private final boolean skipPastLastEvent;

    /**
     * @param steps each step's condition, in order
     * @param withinMillis the pattern's time limit, or 0 for none
     */
    public SequenceMatcher(
            List<? extends EventTest> steps, long withinMillis, boolean skipPastLastEvent) {
        this(steps, null, withinMillis, skipPastLastEvent);
    }

    /**
     * @param steps the conditions of the steps that take an event, in order
     * @param absent the condition of a trailing {@code notFollowedBy} step, or null for none
     * @param withinMillis the pattern's time limit, or 0 for none; required with {@code absent}
     */
    public SequenceMatcher(
            List<? extends EventTest> steps,
            EventTest absent,
            long withinMillis,
            boolean skipPastLastEvent) {
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("a sequence has at least one step");
        }
        if (absent != null && (withinMillis <= 0 || skipPastLastEvent)) {
            // PatternShape sends neither here: CEP requires the first, the second is not proven.
            throw new IllegalArgumentException(
                    "a trailing absence needs within and does not skip past the last event");
        }
        this.steps = steps.toArray(EventTest[]::new);
        this.absent = absent;
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
        List<List<PipelineEvent>> completed = expire(partials, time);
        for (Iterator<List<PipelineEvent>> it = partials.iterator(); it.hasNext(); ) {
            List<PipelineEvent> partial = it.next();
            if (partial.size() == steps.length) {
                // Waiting out the trailing absence.
                if (absent.holds(event)) {
                    it.remove();
                }
            } else if (steps[partial.size()].holds(event, partial)) {
                partial.add(event);
                if (partial.size() == steps.length && absent == null) {
                    it.remove();
                    completed = add(completed, partial);
                }
            }
        }
        if (steps[0].holds(event)) {
            List<PipelineEvent> started = new ArrayList<>(steps.length);
            started.add(event);
            if (steps.length == 1 && absent == null) {
                completed = add(completed, started);
            } else {
                partials.add(started);
            }
        }
        if (completed.isEmpty()) {
            return List.of();
        }
        if (skipPastLastEvent) {
            partials.clear();
            return List.of(completed.get(0));
        }
        return completed;
    }

    /**
     * Removes the partial matches whose time is up at {@code time}: those waiting out a trailing
     * absence are complete, the others can no longer complete.
     *
     * @param partials oldest first; updated in place
     * @return the completed ones, oldest first; empty or a new list the caller may add to
     */
    public List<List<PipelineEvent>> expire(List<List<PipelineEvent>> partials, long time) {
        if (withinMillis <= 0) {
            return new ArrayList<>(0);
        }
        int expired = 0;
        while (expired < partials.size() && time - startOf(partials.get(expired)) >= withinMillis) {
            expired++;
        }
        List<List<PipelineEvent>> up = partials.subList(0, expired);
        List<List<PipelineEvent>> completed = new ArrayList<>(0);
        if (absent != null) {
            for (List<PipelineEvent> partial : up) {
                if (partial.size() == steps.length) {
                    completed.add(partial);
                }
            }
        }
        up.clear();
        return completed;
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
        completed.add(match);
        return completed;
    }
}
