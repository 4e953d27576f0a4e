package io.eventpipeline.job.event;

import io.eventpipeline.spec.cel.EventJson;
import io.eventpipeline.spec.resolved.ResolvedInput;
import java.io.IOException;
import java.io.Serializable;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Turns one input record's bytes into a {@link PipelineEvent}: JSON object, key, event time. A
 * record that fails any of them becomes a rejected event with the reason, never an exception: the
 * deployed job's Kafka deserializer and the {@code test} command both use it.
 */
public final class RecordParser implements Serializable {
    private static final long serialVersionUID = 1L;

    private final KeyExtractor key;
    private final TimestampExtractor timestamp;
    private final Set<String> fields;
    private final EventTimeRange timeRange;

    /**
     * A parser that builds the whole event.
     *
     * @param timestamp null: event time is the record's own time (Kafka record time)
     */
    public RecordParser(KeyExtractor key, TimestampExtractor timestamp) {
        this(key, timestamp, Optional.empty());
    }

    /**
     * @param timestamp null: event time is the record's own time (Kafka record time)
     * @param conditionFields the top-level fields the pipeline's conditions read; when present,
     *     only those and the key's and timestamp's are built at parse time ({@link
     *     PipelineEvent#conditionInput}), and the whole body only if something asks for it
     */
    public RecordParser(
            KeyExtractor key, TimestampExtractor timestamp, Optional<Set<String>> conditionFields) {
        this(key, timestamp, conditionFields, EventTimeRange.ofSystemClock());
    }

    /**
     * @param timeRange the event times accepted (the deployed job's comes from Flink's
     *     configuration)
     */
    public RecordParser(
            KeyExtractor key,
            TimestampExtractor timestamp,
            Optional<Set<String>> conditionFields,
            EventTimeRange timeRange) {
        this.timeRange = timeRange;
        this.key = key;
        this.timestamp = timestamp;
        this.fields =
                conditionFields
                        .map(
                                read -> {
                                    Set<String> all = new TreeSet<>(read);
                                    all.add(key.root());
                                    if (timestamp != null) {
                                        all.add(timestamp.root());
                                    }
                                    return Set.copyOf(all);
                                })
                        .orElse(null);
    }

    /** A parser that builds the whole event. */
    public static RecordParser of(ResolvedInput input) {
        return of(input, Optional.empty());
    }

    /**
     * @param conditionFields see {@link #RecordParser(KeyExtractor, TimestampExtractor, Optional)}
     */
    public static RecordParser of(ResolvedInput input, Optional<Set<String>> conditionFields) {
        return of(input, conditionFields, EventTimeRange.ofSystemClock());
    }

    /**
     * @param conditionFields see {@link #RecordParser(KeyExtractor, TimestampExtractor, Optional)}
     * @param timeRange the event times accepted
     */
    public static RecordParser of(
            ResolvedInput input, Optional<Set<String>> conditionFields, EventTimeRange timeRange) {
        return new RecordParser(
                new KeyExtractor(input.keyPath()),
                input.timestamp()
                        .map(time -> new TimestampExtractor(time.field().toString()))
                        .orElse(null),
                conditionFields,
                timeRange);
    }

    /** True when event time comes from the record (Kafka record time, or the line number). */
    public boolean usesRecordTime() {
        return timestamp == null;
    }

    /**
     * Checks, in this order, each a dead letter's reason when it fails: size ({@link
     * EventSizeLimit}), UTF-8 ({@link Utf8}), one JSON object, the key, the timestamp and its range
     * ({@link EventTimeRange}, which bounds Kafka record time too).
     *
     * @param raw the record's bytes
     * @param origin where it was read
     * @param recordTime the record's own time: Kafka record time, or a line number in tests
     */
    public PipelineEvent parse(byte[] raw, EventOrigin origin, long recordTime) {
        if (raw == null) {
            return PipelineEvent.rejected(recordTime, origin, new byte[0], "empty record (null)");
        }
        if (EventSizeLimit.tooLarge(raw.length)) {
            return tooLarge(raw, raw.length, origin, recordTime);
        }
        int malformed = Utf8.firstMalformed(raw);
        if (malformed >= 0) {
            return PipelineEvent.rejected(recordTime, origin, raw, Utf8.rejection(raw, malformed));
        }
        try {
            return parseJson(raw, origin, recordTime);
        } catch (RuntimeException e) {
            // A bug on some input must cost one dead letter, not a job that fails on it forever.
            return PipelineEvent.rejected(
                    recordTime, origin, raw, "not JSON: unreadable (" + e + ")");
        }
    }

    /**
     * A record over {@link EventSizeLimit#MAX_EVENT_BYTES}, of which only the first bytes were kept
     * (the {@code test} command never reads a longer line whole).
     *
     * @param start at least the record's first {@link EventSizeLimit#DEAD_LETTER_PREFIX_BYTES}
     *     bytes, or all of them
     * @param size the record's whole size in bytes
     */
    public PipelineEvent tooLarge(byte[] start, long size, EventOrigin origin, long recordTime) {
        byte[] kept =
                Arrays.copyOf(
                        start, Math.min(start.length, EventSizeLimit.DEAD_LETTER_PREFIX_BYTES));
        return PipelineEvent.rejected(recordTime, origin, kept, EventSizeLimit.rejection(size));
    }

    private PipelineEvent parseJson(byte[] raw, EventOrigin origin, long recordTime) {
        Map<String, Object> body;
        try {
            body = fields == null ? EventJson.parse(raw) : EventJson.parseFields(raw, fields);
        } catch (IOException e) {
            return PipelineEvent.rejected(recordTime, origin, raw, "not JSON: " + firstLine(e));
        }
        try {
            String keyText = key.keyOf(body, raw);
            long time = timestamp == null ? recordTime : timestamp.timestampOf(body);
            String outOfRange = timeRange.problem(time);
            if (outOfRange != null) {
                return PipelineEvent.rejected(recordTime, origin, raw, outOfRange);
            }
            return fields == null
                    ? PipelineEvent.accepted(keyText, time, origin, body, raw)
                    : PipelineEvent.acceptedWithFields(keyText, time, origin, body, raw);
        } catch (InvalidEventException e) {
            return PipelineEvent.rejected(recordTime, origin, raw, e.getMessage());
        }
    }

    private static String firstLine(IOException e) {
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }
}
