package io.eventpipeline.operator.config;

import java.util.Optional;

/**
 * What every rendered FlinkDeployment gets unless its pipeline says otherwise.
 *
 * @param image the shared pattern-job image
 * @param jarUri where the job jar sits inside that image
 * @param flinkVersion the FlinkDeployment's flinkVersion (the image runs Flink 1.20)
 * @param serviceAccount the Kubernetes service account Flink's pods run as
 * @param parallelism job parallelism
 * @param jobManagerCpu CPU of the JobManager pod
 * @param jobManagerMemory memory of the JobManager pod
 * @param taskManagerCpu CPU of each TaskManager pod
 * @param taskManagerMemory memory of each TaskManager pod
 * @param checkpointInterval checkpoint interval, as a duration
 * @param checkpointDir state.checkpoints.dir, when the operator provides one
 * @param savepointDir state.savepoints.dir, when the operator provides one
 */
public record JobDefaults(
        String image,
        String jarUri,
        String flinkVersion,
        String serviceAccount,
        int parallelism,
        double jobManagerCpu,
        String jobManagerMemory,
        double taskManagerCpu,
        String taskManagerMemory,
        String checkpointInterval,
        Optional<String> checkpointDir,
        Optional<String> savepointDir) {

    /** The image tag follows the operator's own version, so the two are released together. */
    public static final String DEFAULT_IMAGE = "ghcr.io/eventpipeline/pipeline-job:0.1.0";

    public static final String DEFAULT_JAR_URI = "local:///opt/flink/usrlib/pipeline-job.jar";

    static JobDefaults fromEnvironment(OperatorConfig.EnvReader read) {
        return new JobDefaults(
                read.string("EP_JOB_IMAGE", DEFAULT_IMAGE),
                read.string("EP_JOB_JAR_URI", DEFAULT_JAR_URI),
                read.string("EP_FLINK_VERSION", "v1_20"),
                read.string("EP_FLINK_SERVICE_ACCOUNT", "flink"),
                read.integer("EP_JOB_PARALLELISM", 1),
                read.decimal("EP_JOBMANAGER_CPU", 0.5),
                read.string("EP_JOBMANAGER_MEMORY", "1Gi"),
                read.decimal("EP_TASKMANAGER_CPU", 1.0),
                read.string("EP_TASKMANAGER_MEMORY", "2Gi"),
                read.string("EP_CHECKPOINT_INTERVAL", "30s"),
                read.optional("EP_CHECKPOINT_DIR"),
                read.optional("EP_SAVEPOINT_DIR"));
    }
}
