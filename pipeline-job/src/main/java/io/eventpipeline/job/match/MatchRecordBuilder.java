package io.eventpipeline.job.match;

import com.fasterxml.jackson.core.JsonGenerator;
import io.eventpipeline.job.event.PipelineEvent;
import io.eventpipeline.spec.cel.CompiledProjection;
import io.eventpipeline.spec.cel.ExpressionEvaluationException;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds match records: {@code {pipeline, pattern, matchId, key, timedOut, start, end, events:
 * {step: [...]}, fields: {...}}}. {@code start} and {@code end} are epoch milliseconds: the
 * earliest and latest event time of the match; for a timed-out partial match {@code end} is when it
 * expired (start + within). {@code events} lists the steps that took events, in pattern order, each
 * event as {@link MatchJson} writes it; {@code fields} are the pattern's {@code emit} values. An
 * emit value that fails to evaluate for a reason other than missing data leaves {@code fields} null
 * and adds {@code error}.
 *
 * <p>The record is written field by field rather than built as a map first, and an event is read
 * only as far as the emit expressions read it: one record per match is the pattern operator's main
 * cost outside Flink CEP itself.
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
        Map<String, List<PipelineEvent>> steps = new LinkedHashMap<>();
        for (String step : stepOrder) {
            List<PipelineEvent> stepEvents = match.get(step);
            if (stepEvents == null || stepEvents.isEmpty()) {
                continue;
            }
            for (PipelineEvent event : stepEvents) {
                key = event.key();
                start = Math.min(start, event.timestamp());
                last = Math.max(last, event.timestamp());
            }
            steps.put(step, stepEvents);
        }
        long end = timedOut && withinMillis != null ? start + withinMillis : last;
        String matchId = MatchId.of(pipelineId, pattern, key, timedOut, stepOrder, match);

        Map<String, Object> fields = null;
        String error = null;
        if (emit.isEmpty()) {
            fields = Map.of();
        } else {
            Map<String, List<Map<String, Object>>> bodies = new LinkedHashMap<>();
            steps.forEach((step, events) -> bodies.put(step, MatchJson.bodies(events)));
            try {
                fields = emit.evaluate(bodies);
            } catch (ExpressionEvaluationException e) {
                error = e.getMessage();
            }
        }
        byte[] record;
        try {
            JsonGenerator json = MatchJson.startRecord();
            write(json, matchId, key, timedOut, start, end, steps, fields, error);
            record = MatchJson.finishRecord(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new MatchOutput(end, pattern, matchId, key, record);
    }

    private void write(
            JsonGenerator json,
            String matchId,
            String key,
            boolean timedOut,
            long start,
            long end,
            Map<String, List<PipelineEvent>> steps,
            Map<String, Object> fields,
            String error)
            throws IOException {
        json.writeStartObject();
        json.writeStringField("pipeline", pipeline);
        json.writeStringField("pattern", pattern);
        json.writeStringField("matchId", matchId);
        json.writeStringField("key", key);
        json.writeBooleanField("timedOut", timedOut);
        json.writeNumberField("start", start);
        json.writeNumberField("end", end);
        // The same instants for people and log tools: ISO-8601 in UTC.
        json.writeStringField("startTime", Instant.ofEpochMilli(start).toString());
        json.writeStringField("endTime", Instant.ofEpochMilli(end).toString());
        json.writeObjectFieldStart("events");
        for (Map.Entry<String, List<PipelineEvent>> step : steps.entrySet()) {
            json.writeArrayFieldStart(step.getKey());
            for (PipelineEvent event : step.getValue()) {
                MatchJson.writeEvent(json, event);
            }
            json.writeEndArray();
        }
        json.writeEndObject();
        json.writeFieldName("fields");
        MatchJson.writeValue(json, fields);
        if (error != null) {
            json.writeStringField("error", error);
        }
        json.writeEndObject();
    }
}
