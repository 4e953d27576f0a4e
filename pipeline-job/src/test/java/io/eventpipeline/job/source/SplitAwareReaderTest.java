package io.eventpipeline.job.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.SourceOutput;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceSplit;
import org.apache.flink.core.io.InputStatus;
import org.junit.jupiter.api.Test;

/** When a reader marks itself idle: only when an assignment round left it without a split. */
class SplitAwareReaderTest {
    private final SplitAwareReader<String, SourceSplit> reader =
            new SplitAwareReader<>(new NothingToRead());
    private final IdleRecorder output = new IdleRecorder();

    @Test
    void readerLeftWithoutSplitsByARoundGoesIdleOnce() throws Exception {
        reader.handleSourceEvents(new AssignmentRoundEvent());
        // Woken up although the wrapped reader has nothing: the idle mark needs a poll.
        assertThat(reader.isAvailable()).isDone();
        reader.pollNext(output);
        reader.pollNext(output);
        assertThat(output.idleMarks).isEqualTo(1);
        assertThat(reader.isAvailable()).isNotDone();
    }

    @Test
    void readerWithASplitNeverGoesIdle() throws Exception {
        reader.addSplits(List.of(() -> "input-0"));
        reader.handleSourceEvents(new AssignmentRoundEvent());
        reader.pollNext(output);
        assertThat(output.idleMarks).isZero();
    }

    @Test
    void readerWaitingForItsFirstAssignmentIsNotIdle() throws Exception {
        reader.pollNext(output);
        assertThat(reader.isAvailable()).isNotDone();
        assertThat(output.idleMarks).isZero();
    }

    /** A reader whose input never has anything. */
    private static final class NothingToRead implements SourceReader<String, SourceSplit> {
        @Override
        public void start() {}

        @Override
        public InputStatus pollNext(ReaderOutput<String> output) {
            return InputStatus.NOTHING_AVAILABLE;
        }

        @Override
        public List<SourceSplit> snapshotState(long checkpointId) {
            return List.of();
        }

        @Override
        public CompletableFuture<Void> isAvailable() {
            return new CompletableFuture<>();
        }

        @Override
        public void addSplits(List<SourceSplit> splits) {}

        @Override
        public void notifyNoMoreSplits() {}

        @Override
        public void close() {}
    }

    /** Counts idle marks; nothing else is expected. */
    private static final class IdleRecorder implements ReaderOutput<String> {
        int idleMarks;

        @Override
        public void markIdle() {
            idleMarks++;
        }

        @Override
        public void collect(String record) {
            throw new AssertionError("no records");
        }

        @Override
        public void collect(String record, long timestamp) {
            throw new AssertionError("no records");
        }

        @Override
        public void emitWatermark(Watermark watermark) {
            throw new AssertionError("no watermarks");
        }

        @Override
        public void markActive() {}

        @Override
        public SourceOutput<String> createOutputForSplit(String splitId) {
            throw new AssertionError("no splits");
        }

        @Override
        public void releaseOutputForSplit(String splitId) {}
    }
}
