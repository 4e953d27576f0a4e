package io.eventpipeline.job.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.function.BiConsumer;
import org.apache.flink.api.connector.source.ReaderInfo;
import org.apache.flink.api.connector.source.SourceEvent;
import org.apache.flink.api.connector.source.SourceSplit;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.connector.source.SplitsAssignment;
import org.apache.flink.metrics.groups.SplitEnumeratorMetricGroup;
import org.junit.jupiter.api.Test;

/**
 * When readers are told an assignment round is over: never before the first assignment (a reader
 * registered before partition discovery must not go idle), always after a reader's own splits.
 */
class AssignmentNotifyingEnumeratorTest {
    private final RecordingContext context = new RecordingContext();
    private SplitEnumeratorContext<SourceSplit> observing;

    private SplitEnumerator<SourceSplit, Void> enumerator(boolean restored) throws Exception {
        return AssignmentNotifyingEnumerator.create(
                context,
                restored,
                ctx -> {
                    observing = ctx;
                    return new NoOpEnumerator();
                });
    }

    @Test
    void roundEventsFollowEachAssignmentToEveryRegisteredReader() throws Exception {
        SplitEnumerator<SourceSplit, Void> enumerator = enumerator(false);
        context.register(0);
        enumerator.addReader(0);
        context.register(1);
        enumerator.addReader(1);
        assertThat(context.log).isEmpty();

        SourceSplit split = () -> "input-0";
        observing.assignSplits(new SplitsAssignment<>(split, 0));
        assertThat(context.log).containsExactly("splits to 0", "round to 0", "round to 1");

        context.register(2);
        enumerator.addReader(2);
        assertThat(context.log).endsWith("round to 2");
    }

    @Test
    void restoredEnumeratorTellsEachNewReaderAtOnce() throws Exception {
        SplitEnumerator<SourceSplit, Void> enumerator = enumerator(true);
        context.register(3);
        enumerator.addReader(3);
        assertThat(context.log).containsExactly("round to 3");
    }

    /** Records splits and events sent, in order. */
    private static final class RecordingContext implements SplitEnumeratorContext<SourceSplit> {
        final List<String> log = new ArrayList<>();
        final Map<Integer, ReaderInfo> readers = new TreeMap<>();

        void register(int subtask) {
            readers.put(subtask, new ReaderInfo(subtask, "localhost"));
        }

        @Override
        public void assignSplits(SplitsAssignment<SourceSplit> assignment) {
            assignment.assignment().keySet().forEach(s -> log.add("splits to " + s));
        }

        @Override
        public void sendEventToSourceReader(int subtaskId, SourceEvent event) {
            assertThat(event).isInstanceOf(AssignmentRoundEvent.class);
            log.add("round to " + subtaskId);
        }

        @Override
        public Map<Integer, ReaderInfo> registeredReaders() {
            return readers;
        }

        @Override
        public SplitEnumeratorMetricGroup metricGroup() {
            throw new UnsupportedOperationException();
        }

        @Override
        public int currentParallelism() {
            return 4;
        }

        @Override
        public void signalNoMoreSplits(int subtask) {}

        @Override
        public <T> void callAsync(Callable<T> callable, BiConsumer<T, Throwable> handler) {}

        @Override
        public <T> void callAsync(
                Callable<T> callable, BiConsumer<T, Throwable> handler, long delay, long period) {}

        @Override
        public void runInCoordinatorThread(Runnable runnable) {}
    }

    /** Stands for the wrapped enumerator: the test drives assignments through the context. */
    private static final class NoOpEnumerator implements SplitEnumerator<SourceSplit, Void> {
        @Override
        public void start() {}

        @Override
        public void handleSplitRequest(int subtaskId, String requesterHostname) {}

        @Override
        public void addSplitsBack(List<SourceSplit> splits, int subtaskId) {}

        @Override
        public void addReader(int subtaskId) {}

        @Override
        public Void snapshotState(long checkpointId) {
            return null;
        }

        @Override
        public void close() {}
    }
}
