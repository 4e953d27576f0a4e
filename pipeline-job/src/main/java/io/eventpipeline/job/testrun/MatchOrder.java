package io.eventpipeline.job.testrun;

import io.eventpipeline.job.match.MatchOutput;
import java.util.PriorityQueue;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Puts the {@code test} command's matches in output order ({@link TestRunResult#MATCH_ORDER}) while
 * the run goes on, holding only the matches event time has not yet passed. Dead letters pass
 * straight through, in line order (one router instance reads the file in order).
 *
 * <p>Why a watermark is enough: a pattern operator emits a match (or a timeout) only once the
 * watermark has reached its end, and forwards that watermark after it. So when watermark W arrives
 * here, every match ending at or before W has arrived, and any later one ends after W: the matches
 * held up to W can go out, sorted.
 */
final class MatchOrder extends AbstractStreamOperator<TestRunOutput>
        implements OneInputStreamOperator<TestRunOutput, TestRunOutput>, BoundedOneInput {
    private static final long serialVersionUID = 1L;

    private transient PriorityQueue<MatchOutput> held;
    private transient long released;

    @Override
    public void open() throws Exception {
        super.open();
        held = new PriorityQueue<>(TestRunResult.MATCH_ORDER);
        released = Long.MIN_VALUE;
    }

    @Override
    public void processElement(StreamRecord<TestRunOutput> element) {
        TestRunOutput value = element.getValue();
        if (value.match == null) {
            output.collect(new StreamRecord<>(value));
        } else if (value.match.end <= released) {
            // Not expected (see above); out of order rather than lost.
            output.collect(new StreamRecord<>(value));
        } else {
            held.add(value.match);
        }
    }

    @Override
    public void processWatermark(Watermark mark) throws Exception {
        release(mark.getTimestamp());
        super.processWatermark(mark);
    }

    @Override
    public void endInput() {
        release(Long.MAX_VALUE);
    }

    private void release(long upTo) {
        while (!held.isEmpty() && held.peek().end <= upTo) {
            output.collect(new StreamRecord<>(TestRunOutput.of(held.poll())));
        }
        released = Math.max(released, upTo);
    }
}
