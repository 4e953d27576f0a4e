package io.eventpipeline.job.bench;

import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

/**
 * What the three benchmark jobs share: the source (the generated records, in memory) and the sink
 * (counts records in an accumulator and discards them). The local MiniCluster runs in this JVM, so
 * the functions reach the records and the start clock through statics.
 */
final class BenchRun {
    private static volatile BenchEvents events;
    private static final AtomicLong firstRecordNanos = new AtomicLong();
    private static final AtomicLong firstRecordCpuNanos = new AtomicLong();

    private BenchRun() {}

    /** Makes {@code next} the records every source reads. */
    static void prepare(BenchEvents next) {
        events = next;
    }

    /** Before each job: the next record read starts its clock. */
    static void resetClock() {
        firstRecordNanos.set(0);
        firstRecordCpuNanos.set(0);
    }

    /**
     * CPU time of the whole process (every thread, GC included), in nanoseconds. Unlike the rate,
     * it hardly moves when the machine is busy with something else, so it tells small changes apart
     * that the rate's noise hides.
     */
    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean)
                        java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** The process CPU time when the first record left a source; 0 before that. */
    static long firstRecordCpuNanos() {
        return firstRecordCpuNanos.get();
    }

    /** When the first record left a source, by {@link System#nanoTime()}; 0 before that. */
    static long firstRecordNanos() {
        return firstRecordNanos.get();
    }

    /** All generated records, read in parallel, each reader through event time in order. */
    static DataStream<byte[]> source(StreamExecutionEnvironment env) {
        return env.fromSequence(0, events.size() - 1)
                .name("sequence")
                .map(new RecordAt())
                .returns(PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO)
                .name("records");
    }

    /** Counts the stream's records into the accumulator {@code name} and discards them. */
    static <T> void countingSink(DataStream<T> stream, String name) {
        stream.map(new Count<T>(name))
                .returns(stream.getType())
                .name("count " + name)
                .sinkTo(new DiscardingSink<>())
                .name("discard " + name);
    }

    private static final class RecordAt extends RichMapFunction<Long, byte[]> {
        private static final long serialVersionUID = 1L;
        private transient boolean started;

        @Override
        public byte[] map(Long sequence) {
            if (!started) {
                started = true;
                if (firstRecordNanos.compareAndSet(0, System.nanoTime())) {
                    firstRecordCpuNanos.set(processCpuNanos());
                }
            }
            return events.recordForSequence(sequence);
        }
    }

    private static final class Count<T> extends RichMapFunction<T, T> {
        private static final long serialVersionUID = 1L;
        private final String name;
        private transient LongCounter counter;

        Count(String name) {
            this.name = name;
        }

        @Override
        public void open(OpenContext openContext) {
            counter = new LongCounter();
            getRuntimeContext().addAccumulator(name, counter);
        }

        @Override
        public T map(T value) {
            counter.add(1);
            return value;
        }
    }
}
