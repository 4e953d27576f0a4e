package io.eventpipeline.job.source;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.SourceEvent;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceSplit;
import org.apache.flink.core.io.InputStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wraps a reader: splits that are not current (restored from a savepoint of a job that read other
 * topics) are dropped instead of read. Their offsets are then in no later checkpoint either. Flink
 * opens a watermark output for every restored split before the reader sees it; a dropped split
 * would hold event time back forever through it, so its output is released at the first poll.
 */
final class CurrentTopicsReader<T, S extends SourceSplit> implements SourceReader<T, S> {
    private static final Logger LOG = LoggerFactory.getLogger(CurrentTopicsReader.class);

    private final SourceReader<T, S> delegate;
    private final Predicate<S> current;
    private final List<String> toRelease = new ArrayList<>();

    CurrentTopicsReader(SourceReader<T, S> delegate, Predicate<S> current) {
        this.delegate = delegate;
        this.current = current;
    }

    @Override
    public void addSplits(List<S> splits) {
        List<S> kept = splits.stream().filter(current).toList();
        List<S> dropped = splits.stream().filter(current.negate()).toList();
        if (!dropped.isEmpty()) {
            LOG.info("Dropping restored splits of topics the job no longer reads: {}", dropped);
            dropped.forEach(split -> toRelease.add(split.splitId()));
        }
        delegate.addSplits(kept);
    }

    @Override
    public void start() {
        delegate.start();
    }

    @Override
    public InputStatus pollNext(ReaderOutput<T> output) throws Exception {
        if (!toRelease.isEmpty()) {
            toRelease.forEach(output::releaseOutputForSplit);
            toRelease.clear();
        }
        return delegate.pollNext(output);
    }

    @Override
    public CompletableFuture<Void> isAvailable() {
        return delegate.isAvailable();
    }

    @Override
    public List<S> snapshotState(long checkpointId) {
        return delegate.snapshotState(checkpointId);
    }

    @Override
    public void notifyNoMoreSplits() {
        delegate.notifyNoMoreSplits();
    }

    @Override
    public void handleSourceEvents(SourceEvent sourceEvent) {
        delegate.handleSourceEvents(sourceEvent);
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) throws Exception {
        delegate.notifyCheckpointComplete(checkpointId);
    }

    @Override
    public void notifyCheckpointAborted(long checkpointId) throws Exception {
        delegate.notifyCheckpointAborted(checkpointId);
    }

    @Override
    public void pauseOrResumeSplits(
            Collection<String> splitsToPause, Collection<String> splitsToResume) {
        delegate.pauseOrResumeSplits(splitsToPause, splitsToResume);
    }

    @Override
    public void close() throws Exception {
        delegate.close();
    }
}
