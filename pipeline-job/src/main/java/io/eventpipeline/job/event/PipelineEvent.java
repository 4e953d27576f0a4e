package io.eventpipeline.job.event;

import io.eventpipeline.spec.cel.EventJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import org.apache.flink.api.common.typeinfo.TypeInfo;

/**
 * One input record as the job carries it: either an accepted event (its JSON body as {@link
 * io.eventpipeline.spec.cel.EventJson} reads it, its key and event time) or a rejected one (the
 * reason it cannot be processed). It keeps the record's original bytes: a dead letter carries
 * exactly what was read, and between operators and in the pattern operators' state an event is its
 * bytes, not its parsed body, which is parsed again only when needed (for a match record or an
 * iterative condition). Once routed, it also carries the outcome of the conditions that depend on
 * the event alone ({@link #withConditionResults}), so that matching need not evaluate them again.
 * The outcome is stamped with the layout it is written in: the router's (every pattern's
 * conditions) between router and pattern operators, then one pattern's own, which is all a pattern
 * operator keeps in its state. A reader trusts only outcomes in its own layout and evaluates
 * otherwise, so a stored outcome is never read with another layout's meaning (after an upgrade,
 * say).
 *
 * <p>Immutable as far as anyone can observe (the body is parsed once, lazily); the body must not be
 * modified. Flink serializes it with {@link PipelineEventSerializer} (no Kryo on generic maps).
 */
@TypeInfo(PipelineEventTypeInfoFactory.class)
public final class PipelineEvent {
    /** The layout of outcomes that no reader trusts: none, or written before layouts existed. */
    public static final int NO_LAYOUT = 0;

    private static final int NO_RESULTS = -1;

    private final String key;
    private final long timestamp;
    // The origin's and the outcomes' parts are held here rather than in objects of their own: an
    // event in a pattern operator's state lives for seconds, and each young collection copies
    // every object it is made of (BENCHMARKS.md, what the live heap holds).
    private final String source;
    private final int partition;
    private final long offset;
    private final byte[] raw;
    private final String rejection;

    /** How many words of condition outcomes; {@link #NO_RESULTS} when none. */
    private final int conditionWords;

    /** The only word when there is one (up to 64 conditions, the usual case). */
    private final long conditionWord;

    /** Every word when there are more than one, else null. */
    private final long[] conditionWordArray;

    private final int conditionLayout;
    private final Map<String, Object> fieldsRead;
    private Map<String, Object> body;
    private FieldByFieldBody fieldByField;

    PipelineEvent(
            String key,
            long timestamp,
            EventOrigin origin,
            Map<String, Object> body,
            byte[] raw,
            String rejection,
            long[] conditionResults,
            int conditionLayout) {
        this(
                key,
                timestamp,
                Objects.requireNonNull(origin, "origin").source(),
                origin.partition(),
                origin.offset(),
                body,
                raw,
                rejection,
                conditionResults,
                conditionLayout,
                null);
    }

    /** From the origin's parts, as the serializer reads them. */
    PipelineEvent(
            String key,
            long timestamp,
            String source,
            int partition,
            long offset,
            Map<String, Object> body,
            byte[] raw,
            String rejection,
            long[] conditionResults,
            int conditionLayout,
            Map<String, Object> fieldsRead) {
        this.fieldsRead = fieldsRead;
        this.key = key;
        this.timestamp = timestamp;
        this.source = Objects.requireNonNull(source, "source");
        this.partition = partition;
        this.offset = offset;
        this.body = body;
        this.raw = raw;
        this.rejection = rejection;
        if (conditionResults == null) {
            this.conditionWords = NO_RESULTS;
            this.conditionWord = 0;
            this.conditionWordArray = null;
        } else {
            this.conditionWords = conditionResults.length;
            this.conditionWord = conditionResults.length == 1 ? conditionResults[0] : 0;
            this.conditionWordArray = conditionResults.length == 1 ? null : conditionResults;
        }
        this.conditionLayout = conditionLayout;
    }

    /**
     * An event that can be matched.
     *
     * @param raw the bytes {@code body} was parsed from, or null to carry the body itself
     */
    public static PipelineEvent accepted(
            String key, long timestamp, EventOrigin origin, Map<String, Object> body, byte[] raw) {
        return new PipelineEvent(
                Objects.requireNonNull(key, "key"),
                timestamp,
                origin,
                Objects.requireNonNull(body, "body"),
                raw,
                null,
                null,
                NO_LAYOUT);
    }

    /**
     * An event of which only some top-level fields were read: those the pipeline's conditions read,
     * and the key's and timestamp's. Its body is parsed from {@code raw} if asked for.
     */
    public static PipelineEvent acceptedWithFields(
            String key,
            long timestamp,
            EventOrigin origin,
            Map<String, Object> fieldsRead,
            byte[] raw) {
        return new PipelineEvent(
                Objects.requireNonNull(key, "key"),
                timestamp,
                Objects.requireNonNull(origin, "origin").source(),
                origin.partition(),
                origin.offset(),
                null,
                Objects.requireNonNull(raw, "raw"),
                null,
                null,
                NO_LAYOUT,
                Objects.requireNonNull(fieldsRead, "fieldsRead"));
    }

    /**
     * A record that cannot be matched.
     *
     * @param timestamp the record's own time (Kafka record time or line number), for ordering only
     */
    public static PipelineEvent rejected(
            long timestamp, EventOrigin origin, byte[] raw, String reason) {
        return new PipelineEvent(
                null,
                timestamp,
                origin,
                null,
                raw,
                Objects.requireNonNull(reason, "reason"),
                null,
                NO_LAYOUT);
    }

    /**
     * The same accepted event with the outcome of event-only conditions: bit {@code i} of the array
     * is condition slot {@code i} of {@code layout} (see {@code EventConditions}).
     *
     * @param layout identifies the slot numbering; {@link #NO_LAYOUT} is never trusted
     */
    public PipelineEvent withConditionResults(long[] results, int layout) {
        return new PipelineEvent(
                key,
                timestamp,
                source,
                partition,
                offset,
                body,
                raw,
                rejection,
                Objects.requireNonNull(results),
                layout,
                // Not kept: matching reads the outcomes, and pattern state holds the event.
                null);
    }

    public boolean isRejected() {
        return rejection != null;
    }

    /** The key's text; null when rejected. */
    public String key() {
        return key;
    }

    /** Event time in epoch milliseconds. */
    public long timestamp() {
        return timestamp;
    }

    /** Where the event was read; a new object each time (the event keeps only its parts). */
    public EventOrigin origin() {
        return new EventOrigin(source, partition, offset);
    }

    /** The event's JSON object; null when rejected. */
    public Map<String, Object> body() {
        Map<String, Object> parsed = body;
        if (parsed == null && rejection == null) {
            try {
                parsed = EventJson.parse(raw);
            } catch (IOException e) {
                // It was parsed from these very bytes when it was accepted.
                throw new UncheckedIOException("an accepted event no longer parses", e);
            }
            body = parsed;
        }
        return parsed;
    }

    /**
     * The body, as a map that reads the original bytes one field at a time as fields are asked for
     * (see {@link FieldByFieldBody}); the body itself when it is already parsed or there are no
     * bytes. Null when rejected.
     */
    public Map<String, Object> bodyFieldByField() {
        if (rejection != null) {
            return null;
        }
        if (body != null || raw == null) {
            return body();
        }
        if (fieldByField == null) {
            fieldByField = new FieldByFieldBody(this);
        }
        return fieldByField;
    }

    /**
     * The event as the pipeline's conditions see it: the fields read at parse time when the parser
     * read only those the conditions use, else the body. Null when rejected.
     */
    public Map<String, Object> conditionInput() {
        return fieldsRead != null ? fieldsRead : body();
    }

    /** Whether the body is held parsed (otherwise {@link #body()} parses the original bytes). */
    boolean isBodyParsed() {
        return body != null;
    }

    /** The original bytes; null only for an event built from a body alone. */
    public byte[] raw() {
        return raw;
    }

    /** Why the record was rejected, or null. */
    public String rejection() {
        return rejection;
    }

    /** Whether the event carries condition outcomes (in whatever layout). */
    public boolean hasConditionResults() {
        return conditionWords != NO_RESULTS;
    }

    /**
     * Whether {@link #conditionHolds} can answer for {@code slot} of {@code layout}: the event
     * carries outcomes in that very layout, and the slot is within them.
     */
    public boolean hasConditionResult(int layout, int slot) {
        return conditionWords != NO_RESULTS
                && layout != NO_LAYOUT
                && conditionLayout == layout
                && slot >= 0
                && slot >>> 6 < conditionWords;
    }

    /**
     * The outcome of the event-only condition in {@code slot} of the event's layout; ask {@link
     * #hasConditionResult} first.
     */
    public boolean conditionHolds(int slot) {
        return (conditionWord(slot >>> 6) & (1L << slot)) != 0;
    }

    /** The layout the condition outcomes are written in; {@link #NO_LAYOUT} when none. */
    public int conditionLayout() {
        return conditionLayout;
    }

    String originSource() {
        return source;
    }

    int originPartition() {
        return partition;
    }

    long originOffset() {
        return offset;
    }

    /** How many words of outcomes the event carries, or -1 when none. */
    int conditionWordCount() {
        return conditionWords;
    }

    /** Word {@code index} of the outcomes: bits {@code 64 * index} to {@code 64 * index + 63}. */
    long conditionWord(int index) {
        return conditionWordArray == null ? conditionWord : conditionWordArray[index];
    }

    private long[] conditionResults() {
        if (conditionWords == NO_RESULTS) {
            return null;
        }
        long[] words = new long[conditionWords];
        for (int i = 0; i < words.length; i++) {
            words[i] = conditionWord(i);
        }
        return words;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PipelineEvent that
                && timestamp == that.timestamp
                && Objects.equals(key, that.key)
                && partition == that.partition
                && offset == that.offset
                && source.equals(that.source)
                && Objects.equals(body(), that.body())
                && Arrays.equals(raw, that.raw)
                && Objects.equals(rejection, that.rejection)
                && Arrays.equals(conditionResults(), that.conditionResults())
                && conditionLayout == that.conditionLayout;
    }

    @Override
    public int hashCode() {
        return Objects.hash(key, timestamp, source, partition, offset, rejection);
    }

    @Override
    public String toString() {
        return isRejected()
                ? "Rejected[" + origin() + ": " + rejection + "]"
                : "Event[" + key + " @" + timestamp + " " + origin() + " " + body() + "]";
    }
}
