package io.eventpipeline.job.event;

import java.io.IOException;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

/**
 * Flink serializer of {@link PipelineEvent}: the pattern operators keep events in state with it, so
 * its format is part of savepoints. Change it only with a new snapshot version, or, as here, by
 * flags that old records do not set. An event with its original bytes is written as those bytes
 * (its body is parsed again when needed): a copy of bytes, where a parsed body costs a string per
 * field each way.
 */
public final class PipelineEventSerializer extends TypeSerializerSingleton<PipelineEvent> {
    private static final long serialVersionUID = 1L;

    public static final PipelineEventSerializer INSTANCE = new PipelineEventSerializer();

    private static final byte HAS_RAW = 1;
    private static final byte IS_REJECTED = 2;

    /** The body is not written: it is the original bytes, parsed again when needed. */
    private static final byte BODY_IN_RAW = 4;

    private static final byte HAS_CONDITION_RESULTS = 8;

    /** The layout of the condition results follows them; older records have none (not trusted). */
    private static final byte HAS_CONDITION_LAYOUT = 16;

    // A job reads a handful of topics, and a pattern operator on the heap state backend keeps
    // every buffered event as the object read here: one shared name per source instead of a copy
    // in each event (about 50 bytes of heap per event held). Bounded, in case of odd input.
    private static final int SHARED_SOURCES = 256;
    private static final ConcurrentHashMap<String, String> SOURCES = new ConcurrentHashMap<>();

    @Override
    public boolean isImmutableType() {
        // Events are never modified, so copies can be shared.
        return true;
    }

    @Override
    public PipelineEvent createInstance() {
        return null;
    }

    @Override
    public PipelineEvent copy(PipelineEvent from) {
        return from;
    }

    @Override
    public PipelineEvent copy(PipelineEvent from, PipelineEvent reuse) {
        return from;
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(PipelineEvent event, DataOutputView out) throws IOException {
        byte flags = 0;
        if (event.raw() != null) {
            flags |= HAS_RAW;
        }
        if (event.isRejected()) {
            flags |= IS_REJECTED;
        } else if (event.raw() != null) {
            flags |= BODY_IN_RAW;
        }
        int words = event.conditionWordCount();
        if (words >= 0) {
            flags |= HAS_CONDITION_RESULTS | HAS_CONDITION_LAYOUT;
        }
        out.writeByte(flags);
        out.writeLong(event.timestamp());
        StringValue.writeString(event.originSource(), out);
        out.writeInt(event.originPartition());
        out.writeLong(event.originOffset());
        if (event.isRejected()) {
            StringValue.writeString(event.rejection(), out);
        } else {
            StringValue.writeString(event.key(), out);
            if (event.raw() == null) {
                EventValueCodec.writeObject(event.body(), out);
            }
        }
        if (words >= 0) {
            out.writeShort(words);
            for (int i = 0; i < words; i++) {
                out.writeLong(event.conditionWord(i));
            }
            out.writeInt(event.conditionLayout());
        }
        if (event.raw() != null) {
            out.writeInt(event.raw().length);
            out.write(event.raw());
        }
    }

    @Override
    public PipelineEvent deserialize(DataInputView in) throws IOException {
        byte flags = in.readByte();
        long timestamp = in.readLong();
        String source = shared(StringValue.readString(in));
        int partition = in.readInt();
        long offset = in.readLong();
        String rejection = null;
        String key = null;
        java.util.Map<String, Object> body = null;
        if ((flags & IS_REJECTED) != 0) {
            rejection = StringValue.readString(in);
        } else {
            key = StringValue.readString(in);
            if ((flags & BODY_IN_RAW) == 0) {
                body = EventValueCodec.readObject(in);
            }
        }
        long[] results = null;
        int layout = PipelineEvent.NO_LAYOUT;
        if ((flags & HAS_CONDITION_RESULTS) != 0) {
            results = new long[in.readUnsignedShort()];
            for (int i = 0; i < results.length; i++) {
                results[i] = in.readLong();
            }
            if ((flags & HAS_CONDITION_LAYOUT) != 0) {
                layout = in.readInt();
            }
        }
        byte[] raw = null;
        if ((flags & HAS_RAW) != 0) {
            raw = new byte[in.readInt()];
            in.readFully(raw);
        }
        return new PipelineEvent(
                key, timestamp, source, partition, offset, body, raw, rejection, results, layout,
                null);
    }

    private static String shared(String source) {
        String known = SOURCES.get(source);
        if (known != null) {
            return known;
        }
        if (SOURCES.size() < SHARED_SOURCES) {
            known = SOURCES.putIfAbsent(source, source);
        }
        return known != null ? known : source;
    }

    @Override
    public PipelineEvent deserialize(PipelineEvent reuse, DataInputView in) throws IOException {
        return deserialize(in);
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
        serialize(deserialize(source), target);
    }

    @Override
    public TypeSerializerSnapshot<PipelineEvent> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Restores this serializer from savepoints. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<PipelineEvent> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
