package io.eventpipeline.operator.flink;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Keys of {@code spec.flink.flinkConfiguration} the operator sets itself or derives from a spec
 * field or a chart value. Never allowed, not even by the chart's {@code
 * job.allowedFlinkConfiguration}, and rendered after the pipeline's own keys, so that a pipeline
 * cannot override them.
 */
final class OwnedFlinkKeys {
    /** A key the operator owns; {@code instead} says what controls it. */
    record Owned(FlinkKeyPattern pattern, String instead) {}

    private static final String RESTORE =
            "restores are the Flink Kubernetes Operator's, from this pipeline's own savepoints"
                    + " and checkpoints; a path here could restore another pipeline's state";

    static final List<Owned> ALL =
            List.of(
                    owned(
                            FlinkConfiguration.CHECKPOINT_INTERVAL,
                            "it comes from spec.flink.checkpointInterval (the chart's"
                                    + " job.checkpointInterval when absent), which is checked"
                                    + " against the delivery mode: set that field instead, e.g."
                                    + " checkpointInterval: 30s"),
                    owned(
                            "high-availability.*",
                            "Kubernetes HA is on wherever a checkpoint directory is known, its"
                                    + " files under the chart's job.haStorageDir (or <checkpoint"
                                    + " dir>/ha) per namespace; a pipeline chooses only"
                                    + " state.checkpoints.dir"),
                    owned(
                            "high-availability",
                            "Kubernetes HA is on wherever a checkpoint directory is known"),
                    owned(
                            FlinkConfiguration.PERIODIC_SAVEPOINT_INTERVAL,
                            "it comes from the chart's job.savepoints.periodicInterval"),
                    owned(
                            FlinkConfiguration.SAVEPOINT_HISTORY_MAX_COUNT,
                            "it comes from the chart's job.savepoints.historyMaxCount"),
                    owned(
                            FlinkConfiguration.SAVEPOINT_HISTORY_MAX_AGE,
                            "it comes from the chart's job.savepoints.historyMaxAge"),
                    owned(
                            "metrics.reporter.prom.*",
                            "the job's metrics are served on port 9249 of every Flink pod, where"
                                    + " the platform's Prometheus scrapes them"),
                    owned(
                            "kubernetes.service-account",
                            "the Flink pods run as the chart's job.serviceAccount"),
                    owned(
                            "kubernetes.jobmanager.service-account",
                            "the Flink pods run as the chart's job.serviceAccount"),
                    owned(
                            "kubernetes.taskmanager.service-account",
                            "the Flink pods run as the chart's job.serviceAccount"),
                    owned(
                            "kubernetes.pod-template-file",
                            "the operator renders the pod template (non-root, no privilege"
                                    + " escalation, all capabilities dropped)"),
                    owned(
                            "kubernetes.pod-template-file.*",
                            "the operator renders the pod template (non-root, no privilege"
                                    + " escalation, all capabilities dropped)"),
                    owned(
                            "kubernetes.container.image",
                            "set spec.flink.image, from a repository the chart's"
                                    + " job.allowedImages allows"),
                    owned(
                            "kubernetes.container.image.*",
                            "set spec.flink.image, from a repository the chart's"
                                    + " job.allowedImages allows"),
                    owned("parallelism.default", "set spec.flink.parallelism"),
                    owned(
                            FlinkConfiguration.AUTOSCALER_ENABLED,
                            "set spec.flink.autoscaler (enabled: false to switch it off)"),
                    owned(
                            FlinkConfiguration.AUTOSCALER_MIN_PARALLELISM,
                            "set spec.flink.autoscaler.minParallelism"),
                    owned(
                            FlinkConfiguration.AUTOSCALER_MAX_PARALLELISM,
                            "set spec.flink.autoscaler.maxParallelism"),
                    owned(
                            FlinkConfiguration.AUTOSCALER_TARGET_UTILIZATION,
                            "set spec.flink.autoscaler.targetUtilization"),
                    owned(
                            FlinkConfiguration.AUTOSCALER_METRICS_WINDOW,
                            "set spec.flink.autoscaler.metricsWindow"),
                    owned(
                            FlinkConfiguration.AUTOSCALER_STABILIZATION_INTERVAL,
                            "set spec.flink.autoscaler.stabilizationInterval"),
                    owned(
                            "jobmanager.memory.process.size",
                            "set spec.flink.jobManager.resources.memory"),
                    owned(
                            "taskmanager.memory.process.size",
                            "set spec.flink.taskManager.resources.memory"),
                    owned("kubernetes.jobmanager.cpu", "set spec.flink.jobManager.resources.cpu"),
                    owned("kubernetes.jobmanager.cpu.*", "set spec.flink.jobManager.resources.cpu"),
                    owned("kubernetes.taskmanager.cpu", "set spec.flink.taskManager.resources.cpu"),
                    owned(
                            "kubernetes.taskmanager.cpu.*",
                            "set spec.flink.taskManager.resources.cpu"),
                    owned(
                            "kubernetes.jobmanager.replicas",
                            "one JobManager runs, restarted by Kubernetes HA"),
                    owned("execution.savepoint.*", RESTORE),
                    owned("execution.savepoint-restore-mode", RESTORE),
                    owned("execution.state-recovery.*", RESTORE),
                    owned(
                            "execution.checkpointing.dir",
                            "set state.checkpoints.dir instead: the Flink Kubernetes Operator"
                                    + " 1.10 reads only that name, so it would check and clean up"
                                    + " another directory than the job uses"),
                    owned(
                            "execution.checkpointing.savepoint-dir",
                            "set state.savepoints.dir instead: the Flink Kubernetes Operator"
                                    + " 1.10 reads only that name, so it would check and clean up"
                                    + " another directory than the job uses"));

    private OwnedFlinkKeys() {}

    static Optional<Owned> owned(String key) {
        return ALL.stream()
                .filter(o -> o.pattern().matches(key))
                .max(Comparator.comparingInt(o -> o.pattern().specificity()));
    }

    private static Owned owned(String pattern, String instead) {
        return new Owned(new FlinkKeyPattern(pattern), instead);
    }
}
