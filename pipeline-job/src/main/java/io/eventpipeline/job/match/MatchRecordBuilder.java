package io.eventpipeline.job.match;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.eventpipeline.job.event.PipelineEvent;
import io.eventpipeline.spec.cel.CompiledProjection;
import io.eventpipeline.spec.cel.EventJson;
import io.eventpipeline.spec.cel.ExpressionEvaluationException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds match records: {@code {pipeline, pattern, matchId, key, timedOut, start, end, events:
 * {step: [...]}, fields: {...}}}. {@code start} and {@code end} are epoch milliseconds: the
 * earliest and latest event time of the match; for a timed-out partial match {@code end} is when it
 * expired (start + within). {@code events} lists the steps that took events, in pattern order;
 * {@code fields} are the pattern's {@code emit} values. An emit value that fails to evaluate for a
 * reason other than missing data leaves {@code fields} null and adds {@code error}.
 */
public final class MatchRecordBuilder implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String pipeline;
    private final String pipelineId;
    private final String pattern;
    private final ArrayList<String> stepOrder;
    private final CompiledProjection emit;
    private final Long withinMillis;

    /**
     * @param pipeline the pipeline's name, as written in records
     * @param pipelineId namespace/name, for match ids
     * @param stepOrder the pattern's step names, in order
     * @param withinMillis the pattern's time limit, or null
     */
    public MatchRecordBuilder(
            String pipeline,
            String pipelineId,
            String pattern,
            List<String> stepOrder,
            CompiledProjection emit,
            Long withinMillis) {
        this.pipeline = pipeline;
        this.pipelineId = pipelineId;
        this.pattern = pattern;
        this.stepOrder = new ArrayList<>(stepOrder);
        this.emit = emit;
        this.withinMillis = withinMillis;
    }

    /** The pattern's name. */
    public String pattern() {
        return pattern;
    }

    public MatchOutput build(Map<String, List<PipelineEvent>> match, boolean timedOut) {
        String key = null;
        long start = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        Map<String, List<Map<String, Object>>> events = new LinkedHashMap<>();
        for (String step : stepOrder) {
            List<PipelineEvent> stepEvents = match.get(step);
            if (stepEvents == null || stepEvents.isEmpty()) {
                continue;
            }
            List<Map<String, Object>> bodies = new ArrayList<>(stepEvents.size());
            for (PipelineEvent event : stepEvents) {
                key = event.key();
                start = Math.min(start, event.timestamp());
                last = Math.max(last, event.timestamp());
                bodies.add(event.body());
            }
            events.put(step, bodies);
        }
        long end = timedOut && withinMillis != null ? start + withinMillis : last;
        String matchId = MatchId.of(pipelineId, pattern, key, timedOut, stepOrder, match);

        Map<String, Object> record = new LinkedHashMap<>();
        record.put("pipeline", pipeline);
        record.put("pattern", pattern);
        record.put("matchId", matchId);
        record.put("key", key);
        record.put("timedOut", timedOut);
        record.put("start", start);
        record.put("end", end);
        record.put("events", events);
        try {
            record.put("fields", emit.evaluate(events));
        } catch (ExpressionEvaluationException e) {
            record.put("fields", null);
            record.put("error", e.getMessage());
        }
        return new MatchOutput(end, pattern, matchId, key, toJson(record));
    }

    private static String toJson(Map<String, Object> record) {
        try {
            return EventJson.mapper().writeValueAsString(record);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
