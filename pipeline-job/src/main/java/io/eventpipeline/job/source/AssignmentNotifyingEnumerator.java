package io.eventpipeline.job.source;

import java.io.IOException;
import java.util.List;
import org.apache.flink.api.connector.source.SourceEvent;
import org.apache.flink.api.connector.source.SourceSplit;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.util.function.FunctionWithException;

/**
 * Wraps an enumerator and tells readers when an assignment round is over ({@link
 * AssignmentRoundEvent}): after every assignment, to all registered readers; after a reader
 * registers, to that reader, once the first assignment (partition discovery) has happened. Events
 * to a reader are delivered in order, so a reader that owns splits has them before the event.
 */
final class AssignmentNotifyingEnumerator<S extends SourceSplit, E>
        implements SplitEnumerator<S, E> {
    private final SplitEnumeratorContext<S> context;
    private SplitEnumerator<S, E> delegate;
    private boolean assignedOnce;

    private AssignmentNotifyingEnumerator(SplitEnumeratorContext<S> context, boolean assignedOnce) {
        this.context = context;
        this.assignedOnce = assignedOnce;
    }

    /**
     * @param restored whether the enumerator comes from a checkpoint (its assignment is known)
     * @param factory creates the wrapped enumerator with the observing context it must use
     */
    static <S extends SourceSplit, E> AssignmentNotifyingEnumerator<S, E> create(
            SplitEnumeratorContext<S> context,
            boolean restored,
            FunctionWithException<SplitEnumeratorContext<S>, SplitEnumerator<S, E>, Exception>
                    factory)
            throws Exception {
        AssignmentNotifyingEnumerator<S, E> enumerator =
                new AssignmentNotifyingEnumerator<>(context, restored);
        enumerator.delegate =
                factory.apply(new AssignmentObservingContext<>(context, enumerator::afterAssign));
        return enumerator;
    }

    private void afterAssign() {
        assignedOnce = true;
        context.registeredReaders().keySet().forEach(this::notifyReader);
    }

    private void notifyReader(int subtask) {
        context.sendEventToSourceReader(subtask, new AssignmentRoundEvent());
    }

    @Override
    public void addReader(int subtaskId) {
        delegate.addReader(subtaskId);
        if (assignedOnce) {
            notifyReader(subtaskId);
        }
    }

    @Override
    public void start() {
        delegate.start();
    }

    @Override
    public void handleSplitRequest(int subtaskId, String requesterHostname) {
        delegate.handleSplitRequest(subtaskId, requesterHostname);
    }

    @Override
    public void addSplitsBack(List<S> splits, int subtaskId) {
        delegate.addSplitsBack(splits, subtaskId);
    }

    @Override
    public E snapshotState(long checkpointId) throws Exception {
        return delegate.snapshotState(checkpointId);
    }

    @Override
    public void close() throws IOException {
        delegate.close();
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
    public void handleSourceEvent(int subtaskId, SourceEvent sourceEvent) {
        delegate.handleSourceEvent(subtaskId, sourceEvent);
    }
}
