package io.eventpipeline.job.source;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SourceSplit;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * A source whose readers without splits mark themselves idle, so that event time advances when the
 * job runs with more parallel readers than the topic has partitions. Without this, a reader with no
 * partition emits no watermark and never goes idle: event time stops and no match is ever emitted,
 * unless the pipeline sets an idleTimeout.
 *
 * <p>Sound, unlike a default idle timeout: a reader is idle only when the enumerator has finished
 * an assignment round that gave it nothing ({@link AssignmentNotifyingEnumerator}), never merely
 * because its partitions are quiet or its assignment is slow to arrive. Readers holding a
 * partition, even an empty one, keep holding event time back as before. The one trade-off is the
 * same as for any partition Flink discovers while running: when a partition is added later (the
 * operator raises partitions) and assigned to an idle reader, its records behind the current
 * watermark are late (dead letters), as they would be on any reader.
 *
 * <p>Splits, enumerator state and their serializers are the wrapped source's, so savepoints of the
 * wrapped source restore unchanged.
 */
public final class IdleWithoutSplitsSource<T, S extends SourceSplit, E>
        implements Source<T, S, E>, ResultTypeQueryable<T> {
    private static final long serialVersionUID = 1L;

    private final Source<T, S, E> delegate;
    private final TypeInformation<T> type;

    public IdleWithoutSplitsSource(Source<T, S, E> delegate, TypeInformation<T> type) {
        this.delegate = delegate;
        this.type = type;
    }

    @Override
    public Boundedness getBoundedness() {
        return delegate.getBoundedness();
    }

    @Override
    public SplitEnumerator<S, E> createEnumerator(SplitEnumeratorContext<S> context)
            throws Exception {
        return AssignmentNotifyingEnumerator.create(context, false, delegate::createEnumerator);
    }

    @Override
    public SplitEnumerator<S, E> restoreEnumerator(SplitEnumeratorContext<S> context, E checkpoint)
            throws Exception {
        // Restored state knows the assignment already: no first round to wait for.
        return AssignmentNotifyingEnumerator.create(
                context, true, observing -> delegate.restoreEnumerator(observing, checkpoint));
    }

    @Override
    public SimpleVersionedSerializer<S> getSplitSerializer() {
        return delegate.getSplitSerializer();
    }

    @Override
    public SimpleVersionedSerializer<E> getEnumeratorCheckpointSerializer() {
        return delegate.getEnumeratorCheckpointSerializer();
    }

    @Override
    public SourceReader<T, S> createReader(SourceReaderContext context) throws Exception {
        return new SplitAwareReader<>(delegate.createReader(context));
    }

    @Override
    public TypeInformation<T> getProducedType() {
        return type;
    }
}
