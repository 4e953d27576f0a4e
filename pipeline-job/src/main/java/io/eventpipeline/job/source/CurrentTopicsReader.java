package io.eventpipeline.job.source;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.apache.flink.api.connector.source.ReaderOutput;
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
final class CurrentTopicsReader<T, S extends SourceSplit> extends ForwardingSourceReader<T, S> {
    private static final Logger LOG = LoggerFactory.getLogger(CurrentTopicsReader.class);

    private final Predicate<S> current;
    private final List<String> toRelease = new ArrayList<>();

    CurrentTopicsReader(SourceReader<T, S> delegate, Predicate<S> current) {
        super(delegate);
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
    public InputStatus pollNext(ReaderOutput<T> output) throws Exception {
        if (!toRelease.isEmpty()) {
            toRelease.forEach(output::releaseOutputForSplit);
            toRelease.clear();
        }
        return delegate.pollNext(output);
    }
}
