package io.eventpipeline.job.event;

import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import org.apache.flink.api.common.typeinfo.TypeInfo;

/**
 * One input record as the job carries it: either an accepted event (its JSON body as {@link
 * io.eventpipeline.spec.cel.EventJson} reads it, its key and event time) or a rejected one (the
 * reason it cannot be processed). Until the router has decided, it also holds the record's original
 * bytes, so that a dead letter carries exactly what was read.
 *
 * <p>Immutable; the body must not be modified. Flink serializes it with {@link
 * PipelineEventSerializer} (no Kryo on generic maps).
 */
@TypeInfo(PipelineEventTypeInfoFactory.class)
public final class PipelineEvent {
    private final String key;
    private final long timestamp;
    private final EventOrigin origin;
    private final Map<String, Object> body;
    private final byte[] raw;
    private final String rejection;

    PipelineEvent(
            String key,
            long timestamp,
            EventOrigin origin,
            Map<String, Object> body,
            byte[] raw,
            String rejection) {
        this.key = key;
        this.timestamp = timestamp;
        this.origin = Objects.requireNonNull(origin, "origin");
        this.body = body;
        this.raw = raw;
        this.rejection = rejection;
    }

    /** An event that can be matched. */
    public static PipelineEvent accepted(
            String key, long timestamp, EventOrigin origin, Map<String, Object> body, byte[] raw) {
        return new PipelineEvent(
                Objects.requireNonNull(key, "key"),
                timestamp,
                origin,
                Objects.requireNonNull(body, "body"),
                raw,
                null);
    }

    /**
     * A record that cannot be matched.
     *
     * @param timestamp the record's own time (Kafka record time or line number), for ordering only
     */
    public static PipelineEvent rejected(
            long timestamp, EventOrigin origin, byte[] raw, String reason) {
        return new PipelineEvent(
                null, timestamp, origin, null, raw, Objects.requireNonNull(reason, "reason"));
    }

    /** The same event without its original bytes: what the pattern operators keep in state. */
    public PipelineEvent withoutRaw() {
        return raw == null
                ? this
                : new PipelineEvent(key, timestamp, origin, body, null, rejection);
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

    public EventOrigin origin() {
        return origin;
    }

    /** The event's JSON object; null when rejected. */
    public Map<String, Object> body() {
        return body;
    }

    /** The original bytes, or null once dropped. */
    public byte[] raw() {
        return raw;
    }

    /** Why the record was rejected, or null. */
    public String rejection() {
        return rejection;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PipelineEvent that
                && timestamp == that.timestamp
                && Objects.equals(key, that.key)
                && origin.equals(that.origin)
                && Objects.equals(body, that.body)
                && Arrays.equals(raw, that.raw)
                && Objects.equals(rejection, that.rejection);
    }

    @Override
    public int hashCode() {
        return Objects.hash(key, timestamp, origin, rejection);
    }

    @Override
    public String toString() {
        return isRejected()
                ? "Rejected[" + origin + ": " + rejection + "]"
                : "Event[" + key + " @" + timestamp + " " + origin + " " + body + "]";
    }
}
