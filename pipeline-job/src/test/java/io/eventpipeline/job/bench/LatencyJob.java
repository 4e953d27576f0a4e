package io.eventpipeline.job.bench;

import io.eventpipeline.spec.PipelineDefinition;

/**
 * Where the latency benchmark runs the deployed job: in a JVM of its own, as a TaskManager runs it,
 * or in the benchmark's JVM beside the broker and the producer. One job at a time.
 */
interface LatencyJob extends AutoCloseable {
    /**
     * Starts the deployed job on a local MiniCluster and returns once it runs.
     *
     * @return its timing settings as Flink resolved them
     */
    Settings start(PipelineDefinition pipeline) throws Exception;

    /**
     * Cancels the running job.
     *
     * @return the collections and the busy cores of the job's JVM since it started ({@link
     *     JvmActivity#since})
     */
    String cancel() throws Exception;

    /** Which JVM, for the report. */
    String where();

    @Override
    void close() throws Exception;

    /** The job's timing settings, in milliseconds. */
    record Settings(long watermarkInterval, long bufferTimeout, long checkpointInterval) {
        String encode() {
            return watermarkInterval + " " + bufferTimeout + " " + checkpointInterval;
        }

        static Settings decode(String encoded) {
            String[] parts = encoded.trim().split(" ");
            return new Settings(
                    Long.parseLong(parts[0]), Long.parseLong(parts[1]), Long.parseLong(parts[2]));
        }
    }
}
