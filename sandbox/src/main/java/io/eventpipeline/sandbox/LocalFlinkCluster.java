package io.eventpipeline.sandbox;

import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.JobManagerOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.jobgraph.JobGraph;
import org.apache.flink.runtime.jobmaster.JobResult;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.util.SerializedThrowable;

/**
 * One Flink MiniCluster shared by every FlinkDeployment, standing in for the per-deployment
 * JobManager and TaskManagers the Flink operator would create. Everything binds to 127.0.0.1.
 */
public final class LocalFlinkCluster implements AutoCloseable {
    private static final long TIMEOUT_SECONDS = 60;

    private final MiniCluster cluster;

    private LocalFlinkCluster(MiniCluster cluster) {
        this.cluster = cluster;
    }

    /**
     * @param slots task slots in total: a pipeline with parallelism p uses p of them
     */
    public static LocalFlinkCluster start(int slots) throws Exception {
        return start(slots, 0);
    }

    /**
     * @param restPort the REST API's port, 0 for any free port
     */
    public static LocalFlinkCluster start(int slots, int restPort) throws Exception {
        Configuration conf = new Configuration();
        conf.set(JobManagerOptions.ADDRESS, "127.0.0.1");
        conf.set(JobManagerOptions.BIND_HOST, "127.0.0.1");
        conf.set(TaskManagerOptions.HOST, "127.0.0.1");
        conf.set(TaskManagerOptions.BIND_HOST, "127.0.0.1");
        conf.set(RestOptions.ADDRESS, "127.0.0.1");
        conf.set(RestOptions.BIND_ADDRESS, "127.0.0.1");
        // The REST API (jobs, checkpoints, metrics); the sandbox does not ship the web UI's files.
        conf.set(RestOptions.BIND_PORT, Integer.toString(restPort));
        MiniCluster cluster =
                new MiniCluster(
                        new MiniClusterConfiguration.Builder()
                                .setConfiguration(conf)
                                .setNumTaskManagers(1)
                                .setNumSlotsPerTaskManager(slots)
                                .build());
        cluster.start();
        return new LocalFlinkCluster(cluster);
    }

    /** The REST API's address, e.g. {@code http://127.0.0.1:8082}. */
    public String restUrl() throws Exception {
        return await(cluster.getRestAddress()).toString();
    }

    public JobID submit(JobGraph graph) throws Exception {
        return await(cluster.submitJob(graph)).getJobID();
    }

    public JobStatus status(JobID job) throws Exception {
        return await(cluster.getJobStatus(job));
    }

    /** Takes a savepoint into {@code directory} and stops the job; returns the savepoint path. */
    public String stopWithSavepoint(JobID job, String directory) throws Exception {
        return await(
                cluster.stopWithSavepoint(job, directory, false, SavepointFormatType.CANONICAL));
    }

    public void cancel(JobID job) throws Exception {
        JobStatus status = status(job);
        if (!status.isGloballyTerminalState()) {
            await(cluster.cancelJob(job));
        }
    }

    /**
     * Why a job failed, when it has ended in failure: the job's failure and, when another, its root
     * cause (the top one alone often says only that no restart was left).
     */
    public Optional<String> failure(JobID job) throws Exception {
        if (status(job) != JobStatus.FAILED) {
            return Optional.empty();
        }
        JobResult result = await(cluster.requestJobResult(job));
        return result.getSerializedThrowable().map(LocalFlinkCluster::describe);
    }

    /** {@code Class: message}, and {@code , caused by Class: message} of the root cause. */
    static String describe(SerializedThrowable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == failure ? name(failure) : name(failure) + ", caused by " + name(root);
    }

    /** A serialized failure's message is already the original's {@code Class: message}. */
    private static String name(Throwable failure) {
        return failure instanceof SerializedThrowable ? failure.getMessage() : failure.toString();
    }

    /** Jobs the cluster has not finished with (for tests: nothing may keep running). */
    public long unfinishedJobs() throws Exception {
        return await(cluster.listJobs()).stream()
                .filter(j -> !j.getJobState().isGloballyTerminalState())
                .count();
    }

    private static <T> T await(java.util.concurrent.CompletableFuture<T> future)
            throws ExecutionException, InterruptedException, TimeoutException {
        return future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws Exception {
        cluster.close();
    }
}
