package io.eventpipeline.job.kafka;

import io.eventpipeline.job.event.PipelineEvent;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;

/**
 * Test-only failure injection, placed between the source and the topology: fails the task once, on
 * the record right after an {@value #ARM} record (a non-JSON record, hence a dead letter) when no
 * checkpoint came between the two. So the dead letter was written inside the transaction that the
 * failure aborts, which proves the replay really produced output twice before de-duplication.
 *
 * <p>Counts are static: a restarted task gets a new instance, in the same JVM (MiniCluster).
 */
final class FailOnceMap implements MapFunction<PipelineEvent, PipelineEvent>, CheckpointedFunction {
    private static final long serialVersionUID = 1L;

    static final String ARM = "ARM";

    /** Records seen by every attempt, replays included. */
    static final AtomicInteger SEEN = new AtomicInteger();

    static final AtomicInteger FAILURES = new AtomicInteger();

    private transient boolean armed;

    static void reset() {
        SEEN.set(0);
        FAILURES.set(0);
    }

    @Override
    public PipelineEvent map(PipelineEvent event) throws Exception {
        SEEN.incrementAndGet();
        if (armed && FAILURES.get() == 0) {
            FAILURES.incrementAndGet();
            // Lets the producers send what they buffered, so the aborted transaction holds it.
            Thread.sleep(500);
            throw new IllegalStateException("injected failure at " + event.origin());
        }
        armed = isArm(event);
        return event;
    }

    private static boolean isArm(PipelineEvent event) {
        return event.isRejected()
                && event.raw() != null
                && new String(event.raw(), StandardCharsets.UTF_8).startsWith(ARM);
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) {
        // What was written before this barrier is committed with this checkpoint.
        armed = false;
    }

    @Override
    public void initializeState(FunctionInitializationContext context) {}
}
