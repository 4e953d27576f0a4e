package io.eventpipeline.job.source;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.SourceEvent;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceSplit;
import org.apache.flink.core.io.InputStatus;

/**
 * Wraps a reader: when an assignment round is over ({@link AssignmentRoundEvent}) and the reader
 * has no split, it marks its output idle. Flink turns the reader's output idle only if its split
 * outputs are idle too, and active again with the first watermark of a split assigned later.
 */
final class SplitAwareReader<T, S extends SourceSplit> extends ForwardingSourceReader<T, S> {
    private boolean hasSplits;
    private boolean idlePending;

    /** Completed to get {@link #pollNext} called, which has the output to mark idle. */
    private final CompletableFuture<Void> wakeUp = new CompletableFuture<>();

    SplitAwareReader(SourceReader<T, S> delegate) {
        super(delegate);
    }

    @Override
    public void handleSourceEvents(SourceEvent sourceEvent) {
        if (sourceEvent instanceof AssignmentRoundEvent) {
            if (!hasSplits) {
                idlePending = true;
                wakeUp.complete(null);
            }
            return;
        }
        delegate.handleSourceEvents(sourceEvent);
    }

    @Override
    public InputStatus pollNext(ReaderOutput<T> output) throws Exception {
        if (idlePending) {
            idlePending = false;
            if (!hasSplits) {
                output.markIdle();
            }
        }
        return delegate.pollNext(output);
    }

    @Override
    public CompletableFuture<Void> isAvailable() {
        CompletableFuture<Void> available = delegate.isAvailable();
        if (hasSplits || wakeUp.isDone() && !idlePending) {
            return available;
        }
        return CompletableFuture.anyOf(available, wakeUp).thenApply(ignored -> null);
    }

    @Override
    public void addSplits(List<S> splits) {
        if (!splits.isEmpty()) {
            hasSplits = true;
        }
        delegate.addSplits(splits);
    }
}
