package io.eventpipeline.job.sequence;

import io.eventpipeline.job.event.PipelineEvent;
import io.eventpipeline.job.event.PipelineEventTypeInfoFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.typeutils.ListTypeInfo;

/**
 * One key's state in {@link SequenceMatchFunction}, kept as one value so that an event costs one
 * state read and one write on arrival and again when matched: the events waiting for the watermark,
 * in time order (ties in arrival order), and the partial matches, oldest first, each the events its
 * steps took.
 */
public final class SequenceState {
    private static final TypeInformation<List<PipelineEvent>> EVENTS =
            new ListTypeInfo<>(PipelineEventTypeInfoFactory.TYPE);

    /** How Flink serializes it: a POJO whose lists hold events in their own format. */
    public static final TypeInformation<SequenceState> TYPE =
            Types.POJO(
                    SequenceState.class,
                    Map.of("waiting", EVENTS, "partials", new ListTypeInfo<>(EVENTS)));

    public List<PipelineEvent> waiting = new ArrayList<>(2);
    public List<List<PipelineEvent>> partials = new ArrayList<>(2);

    public SequenceState() {}

    /** Adds an event to wait for the watermark; true if none waited for its time before. */
    boolean await(PipelineEvent event) {
        int at = waiting.size();
        while (at > 0 && waiting.get(at - 1).timestamp() > event.timestamp()) {
            at--;
        }
        boolean newTime = at == 0 || waiting.get(at - 1).timestamp() != event.timestamp();
        waiting.add(at, event);
        return newTime;
    }

    /** Removes and returns the waiting events of time {@code time} or earlier, in order. */
    List<PipelineEvent> takeUntil(long time) {
        int count = 0;
        while (count < waiting.size() && waiting.get(count).timestamp() <= time) {
            count++;
        }
        if (count == 0) {
            return List.of();
        }
        List<PipelineEvent> due = new ArrayList<>(waiting.subList(0, count));
        waiting.subList(0, count).clear();
        return due;
    }

    /** Whether an event waits for the watermark to reach {@code time}. */
    boolean waitsAt(long time) {
        for (PipelineEvent event : waiting) {
            if (event.timestamp() == time) {
                return true;
            }
        }
        return false;
    }

    boolean isEmpty() {
        return waiting.isEmpty() && partials.isEmpty();
    }
}
