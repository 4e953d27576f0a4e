package io.eventpipeline.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eventpipeline.testsupport.flink.FlinkStatusWriter;
import io.eventpipeline.testsupport.flink.StandInFlinkOperator;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.kubernetes.operator.api.FlinkDeployment;
import org.apache.flink.kubernetes.operator.api.spec.FlinkDeploymentSpec;
import org.apache.flink.kubernetes.operator.api.spec.JobState;
import org.apache.flink.kubernetes.operator.api.spec.UpgradeMode;
import org.apache.flink.kubernetes.operator.api.status.ReconciliationState;
import org.apache.flink.util.ExceptionUtils;

/**
 * The local stand-in for the Flink Kubernetes Operator: the shared {@link StandInFlinkOperator}
 * with a behaviour that runs each FlinkDeployment's job on a shared MiniCluster. A new deployment
 * is submitted; a spec change stops the job with a savepoint and resubmits from it
 * (allowNonRestoredState as the spec says; {@code stateless} upgrades cancel instead); {@code
 * job.state: suspended} stops with a savepoint, and running again resumes from it; a deleted
 * deployment's job is cancelled. Status is written back as the Flink operator writes it.
 *
 * <p>All work happens on the stand-in's one thread, in order, like a controller's work queue.
 */
public final class LocalFlinkOperator implements StandInFlinkOperator.Behaviour, AutoCloseable {
    private static final Duration OBSERVE_INTERVAL = Duration.ofMillis(500);

    private final KubernetesClient client;
    private final LocalFlinkCluster flink;
    private final String defaultSavepointDir;
    private final Consumer<String> notices;
    private final FlinkStatusWriter statusWriter;
    private final Map<String, DeploymentState> deployments = new HashMap<>();
    private StandInFlinkOperator standIn;

    /**
     * @param defaultSavepointDir used when a deployment sets no {@code state.savepoints.dir}
     * @param notices one line per thing done (submitted, upgraded, suspended, ...)
     */
    public LocalFlinkOperator(
            KubernetesClient client,
            LocalFlinkCluster flink,
            String defaultSavepointDir,
            Consumer<String> notices) {
        this.client = client;
        this.flink = flink;
        this.defaultSavepointDir = defaultSavepointDir;
        this.notices = notices;
        this.statusWriter = new FlinkStatusWriter(client);
    }

    public LocalFlinkOperator start() {
        standIn =
                StandInFlinkOperator.start(
                        client, "local-flink-operator", OBSERVE_INTERVAL, this, notices);
        return this;
    }

    @Override
    public void reconcile(String namespace, String name, FlinkDeployment deployment)
            throws Exception {
        String key = namespace + "/" + name;
        DeploymentState state = deployments.get(key);
        if (deployment == null) {
            if (state != null && state.jobId != null) {
                flink.cancel(state.jobId);
                notices.accept(
                        key + ": FlinkDeployment deleted, job " + state.jobId + " cancelled");
            }
            deployments.remove(key);
            return;
        }
        if (state == null) {
            state = new DeploymentState(namespace, name);
            deployments.put(key, state);
        }
        FlinkDeploymentSpec spec = deployment.getSpec();
        String upgradeKey = upgradeKey(spec);
        boolean suspend = spec.getJob().getState() == JobState.SUSPENDED;
        try {
            if (suspend) {
                if (state.reconciledSpec != null
                        && state.jobId == null
                        && upgradeKey.equals(state.upgradeKey)) {
                    return;
                }
                if (state.jobId != null) {
                    state.savepoint = stop(state, spec);
                    state.jobId = null;
                    state.jobState = JobStatus.FINISHED;
                    notices.accept(key + ": job suspended, savepoint " + state.savepoint);
                }
                reconciled(state, spec, upgradeKey);
                state.stable = true;
            } else if (state.jobId == null) {
                submit(state, spec, upgradeKey, state.savepoint);
            } else if (!upgradeKey.equals(state.upgradeKey)) {
                state.reconciliation = ReconciliationState.UPGRADING;
                write(state);
                String savepoint = null;
                if (spec.getJob().getUpgradeMode() == UpgradeMode.STATELESS) {
                    flink.cancel(state.jobId);
                } else {
                    savepoint = stop(state, spec);
                    state.savepoint = savepoint;
                }
                state.jobId = null;
                notices.accept(
                        key
                                + ": spec changed, upgrading"
                                + (savepoint == null ? " (stateless)" : " from " + savepoint));
                submit(state, spec, upgradeKey, savepoint);
            } else {
                return;
            }
            state.error = null;
        } catch (Exception e) {
            state.error = rootCause(e).toString();
            if (state.jobId == null) {
                state.jobState = JobStatus.FAILED;
            }
            notices.accept(key + ": " + rootCause(e));
        }
        write(state);
    }

    private void submit(
            DeploymentState state, FlinkDeploymentSpec spec, String upgradeKey, String savepoint)
            throws Exception {
        // No Kafka credentials: the sandbox's broker is PLAINTEXT, and its pipelines name no
        // auth Secret.
        state.jobId = flink.submit(DeploymentJobs.graph(spec, savepoint, Map.of()));
        state.jobState = flink.status(state.jobId);
        reconciled(state, spec, upgradeKey);
        state.stable = false;
        notices.accept(
                state.key()
                        + ": job "
                        + state.jobId
                        + " submitted"
                        + (savepoint == null ? "" : " from savepoint " + savepoint));
    }

    private static void reconciled(
            DeploymentState state, FlinkDeploymentSpec spec, String upgradeKey) {
        state.reconciledSpec = spec;
        state.upgradeKey = upgradeKey;
        state.reconciliation = ReconciliationState.DEPLOYED;
    }

    private String stop(DeploymentState state, FlinkDeploymentSpec spec) throws Exception {
        String dir =
                spec.getFlinkConfiguration() == null
                        ? null
                        : spec.getFlinkConfiguration().get("state.savepoints.dir");
        return flink.stopWithSavepoint(state.jobId, dir == null ? defaultSavepointDir : dir);
    }

    /** Follows each job's state (RUNNING, RESTARTING, FAILED, ...) into the status. */
    @Override
    public void observe() {
        for (DeploymentState state : deployments.values()) {
            guarded(
                    () -> {
                        if (state.jobId == null) {
                            return;
                        }
                        JobStatus now = flink.status(state.jobId);
                        boolean becomesStable = now == JobStatus.RUNNING && !state.stable;
                        if (now == state.jobState && !becomesStable) {
                            return;
                        }
                        state.jobState = now;
                        state.stable |= becomesStable;
                        if (now == JobStatus.FAILED) {
                            state.error = flink.failure(state.jobId).orElse("the job failed");
                        }
                        notices.accept(state.key() + ": job " + state.jobId + " " + now);
                        write(state);
                    });
        }
    }

    private void write(DeploymentState state) {
        statusWriter.write(state.namespace, state.name, state::status);
    }

    private void guarded(ThrowingRunnable work) {
        try {
            work.run();
        } catch (Exception | LinkageError e) {
            notices.accept("local Flink operator: " + rootCause(e));
        }
    }

    private static Throwable rootCause(Throwable e) {
        Throwable cause = ExceptionUtils.stripCompletionException(e);
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }

    static String upgradeKey(FlinkDeploymentSpec spec) {
        ObjectNode tree = Serialization.jsonMapper().valueToTree(spec);
        if (tree.get("job") instanceof ObjectNode job) {
            job.remove("state");
        }
        return tree.toString();
    }

    @FunctionalInterface
    private interface ThrowingRunnable {
        void run() throws Exception;
    }

    @Override
    public void close() throws InterruptedException {
        if (standIn != null) {
            standIn.close();
        }
    }
}
