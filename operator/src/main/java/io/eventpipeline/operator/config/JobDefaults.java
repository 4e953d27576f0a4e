package io.eventpipeline.operator.config;

import java.time.Duration;
import java.util.Optional;

/**
 * What every rendered FlinkDeployment gets unless its pipeline says otherwise.
 *
 * @param image the shared pattern-job image
 * @param jarUri where the job jar sits inside that image
 * @param flinkVersion the FlinkDeployment's flinkVersion (the image runs Flink 1.20)
 * @param serviceAccount the Kubernetes service account Flink's pods run as
 * @param parallelism job parallelism
 * @param maxParallelism pipeline.max-parallelism: the number of key groups keyed state is split
 *     into, fixed for the life of a pipeline's state
 * @param jobManagerCpu CPU of the JobManager pod
 * @param jobManagerMemory memory of the JobManager pod
 * @param taskManagerCpu CPU of each TaskManager pod
 * @param taskManagerMemory memory of each TaskManager pod
 * @param taskManagerJvmOptions env.java.opts.taskmanager of pipelines that run {@code image} and
 *     set no JVM options of their own: the collector for that image's Java
 * @param checkpointInterval checkpoint interval, as a duration
 * @param checkpointDir state.checkpoints.dir, when the operator provides one
 * @param savepointDir state.savepoints.dir, when the operator provides one
 * @param haStorageDir base of high-availability.storageDir, when it should not be derived from the
 *     checkpoint directory
 * @param savepoints periodic savepoints and how many the Flink operator keeps
 * @param credentialsSecret Secret (in each pipeline's namespace) whose keys become environment
 *     variables of the Flink pods: credentials of the state storage
 */
public record JobDefaults(
        String image,
        String jarUri,
        String flinkVersion,
        String serviceAccount,
        int parallelism,
        int maxParallelism,
        double jobManagerCpu,
        String jobManagerMemory,
        double taskManagerCpu,
        String taskManagerMemory,
        String taskManagerJvmOptions,
        String checkpointInterval,
        Optional<String> checkpointDir,
        Optional<String> savepointDir,
        Optional<String> haStorageDir,
        SavepointPolicy savepoints,
        Optional<String> credentialsSecret) {

    /**
     * Savepoints the Flink Kubernetes Operator takes on its own and how many it keeps, so that a
     * recent rollback point always exists. Rendered only where a savepoint directory is known.
     *
     * @param periodicInterval kubernetes.operator.periodic.savepoint.interval; empty: none
     * @param historyMaxCount kubernetes.operator.savepoint.history.max.count
     * @param historyMaxAge kubernetes.operator.savepoint.history.max.age
     */
    public record SavepointPolicy(
            Optional<Duration> periodicInterval, int historyMaxCount, Duration historyMaxAge) {}

    /** The image tag follows the operator's own version, so the two are released together. */
    public static final String DEFAULT_IMAGE = "ghcr.io/eventpipeline/pipeline-job:0.1.0";

    /**
     * The default job image runs Java 21, whose generational ZGC collects beside the job: a
     * TaskManager's pauses stay under a millisecond while its state lives on the heap, where G1's
     * young collections copy that state and stop the job for about 100 ms each (BENCHMARKS.md of
     * the job). ZGenerational is not a Java 17 option: a JVM of 17 refuses to start with it.
     */
    public static final String DEFAULT_TASK_MANAGER_JVM_OPTIONS = "-XX:+UseZGC -XX:+ZGenerational";

    public static final String DEFAULT_JAR_URI = "local:///opt/flink/usrlib/pipeline-job.jar";

    /**
     * 128 is what Flink itself picks for any parallelism up to 85, so jobs started before it was
     * pinned restore from their savepoints unchanged; it leaves room to rescale up to 128.
     */
    public static final int DEFAULT_MAX_PARALLELISM = 128;

    /** Flink's largest max parallelism (KeyGroupRangeAssignment.UPPER_BOUND_MAX_PARALLELISM). */
    public static final int MAX_PARALLELISM_LIMIT = 1 << 15;

    /**
     * Every 6 h a savepoint, at most 10 kept for at most 3 days: a rollback point at most 6 h old,
     * the previous days' behind it, and few FlinkStateSnapshot resources per pipeline.
     */
    public static final SavepointPolicy DEFAULT_SAVEPOINTS =
            new SavepointPolicy(Optional.of(Duration.ofHours(6)), 10, Duration.ofDays(3));

    static JobDefaults fromEnvironment(OperatorConfig.EnvReader read) {
        int parallelism = read.integer("EP_JOB_PARALLELISM", 1);
        int maxParallelism = read.integer("EP_JOB_MAX_PARALLELISM", DEFAULT_MAX_PARALLELISM);
        if (maxParallelism < 1 || maxParallelism > MAX_PARALLELISM_LIMIT) {
            throw new IllegalArgumentException(
                    "EP_JOB_MAX_PARALLELISM: must be between 1 and "
                            + MAX_PARALLELISM_LIMIT
                            + ", got "
                            + maxParallelism);
        }
        if (parallelism < 1 || parallelism > maxParallelism) {
            throw new IllegalArgumentException(
                    "EP_JOB_PARALLELISM: must be between 1 and EP_JOB_MAX_PARALLELISM ("
                            + maxParallelism
                            + "), got "
                            + parallelism);
        }
        String checkpointInterval = read.string("EP_CHECKPOINT_INTERVAL", "30s");
        read.duration("EP_CHECKPOINT_INTERVAL", null); // fails at start, naming the variable
        return new JobDefaults(
                read.string("EP_JOB_IMAGE", DEFAULT_IMAGE),
                read.string("EP_JOB_JAR_URI", DEFAULT_JAR_URI),
                read.string("EP_FLINK_VERSION", "v1_20"),
                read.string("EP_FLINK_SERVICE_ACCOUNT", "flink"),
                parallelism,
                maxParallelism,
                read.decimal("EP_JOBMANAGER_CPU", 0.5),
                read.string("EP_JOBMANAGER_MEMORY", "1Gi"),
                read.decimal("EP_TASKMANAGER_CPU", 1.0),
                read.string("EP_TASKMANAGER_MEMORY", "2Gi"),
                jvmOptions(
                        read.string(
                                "EP_TASKMANAGER_JVM_OPTIONS", DEFAULT_TASK_MANAGER_JVM_OPTIONS)),
                checkpointInterval,
                read.optional("EP_CHECKPOINT_DIR"),
                read.optional("EP_SAVEPOINT_DIR"),
                read.optional("EP_HA_STORAGE_DIR"),
                savepointPolicy(read),
                read.optional("EP_FLINK_CREDENTIALS_SECRET"));
    }

    /**
     * Options separated by spaces, each starting with a dash, on one line: Flink passes the value
     * to the TaskManager's java command as it is, where anything else would be read as the main
     * class or break the start script.
     */
    private static String jvmOptions(String value) {
        String trimmed = value.trim();
        for (String option : trimmed.split(" +")) {
            if (!option.startsWith("-") || !option.chars().allMatch(c -> c > ' ' && c != 0x7f)) {
                throw new IllegalArgumentException(
                        "EP_TASKMANAGER_JVM_OPTIONS: '"
                                + option.replaceAll("\\p{Cntrl}", "?")
                                + "' is not a JVM option: give options separated by spaces, each"
                                + " starting with -");
            }
        }
        return trimmed;
    }

    private static SavepointPolicy savepointPolicy(OperatorConfig.EnvReader read) {
        Optional<Duration> interval =
                read.string("EP_PERIODIC_SAVEPOINT_INTERVAL", "").equalsIgnoreCase("off")
                        ? Optional.empty()
                        : Optional.of(
                                read.duration(
                                        "EP_PERIODIC_SAVEPOINT_INTERVAL",
                                        DEFAULT_SAVEPOINTS.periodicInterval().orElseThrow()));
        if (interval.isPresent() && interval.get().isZero()) {
            throw new IllegalArgumentException(
                    "EP_PERIODIC_SAVEPOINT_INTERVAL: must be more than 0, or off");
        }
        int maxCount =
                read.integer(
                        "EP_SAVEPOINT_HISTORY_MAX_COUNT", DEFAULT_SAVEPOINTS.historyMaxCount());
        if (maxCount < 1) {
            throw new IllegalArgumentException(
                    "EP_SAVEPOINT_HISTORY_MAX_COUNT: must be at least 1, got " + maxCount);
        }
        Duration maxAge =
                read.duration("EP_SAVEPOINT_HISTORY_MAX_AGE", DEFAULT_SAVEPOINTS.historyMaxAge());
        if (maxAge.isZero()) {
            throw new IllegalArgumentException("EP_SAVEPOINT_HISTORY_MAX_AGE: must be more than 0");
        }
        return new SavepointPolicy(interval, maxCount, maxAge);
    }
}
