package io.eventpipeline.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.kubernetes.operator.api.FlinkDeployment;
import org.apache.flink.kubernetes.operator.api.spec.FlinkDeploymentSpec;
import org.apache.flink.kubernetes.operator.api.spec.JobState;
import org.apache.flink.kubernetes.operator.api.spec.UpgradeMode;
import org.apache.flink.kubernetes.operator.api.status.ReconciliationState;
import org.apache.flink.util.ExceptionUtils;

/**
 * The local stand-in for the Flink Kubernetes Operator: watches FlinkDeployments and runs each
 * one's job on a shared MiniCluster. A new deployment is submitted; a spec change stops the job
 * with a savepoint and resubmits from it (allowNonRestoredState as the spec says; {@code stateless}
 * upgrades cancel instead); {@code job.state: suspended} stops with a savepoint, and running again
 * resumes from it; a deleted deployment's job is cancelled. Status is written back as the Flink
 * operator writes it.
 *
 * <p>All work happens on one thread, in order, like a controller's work queue.
 */
public final class LocalFlinkOperator implements AutoCloseable {
    private static final long OBSERVE_INTERVAL_MS = 500;

    private final KubernetesClient client;
    private final LocalFlinkCluster flink;
    private final String defaultSavepointDir;
    private final Consumer<String> notices;
    private final FlinkStatusWriter statusWriter;
    private final ScheduledExecutorService loop =
            Executors.newSingleThreadScheduledExecutor(
                    r -> {
                        Thread thread = new Thread(r, "local-flink-operator");
                        thread.setDaemon(true);
                        return thread;
                    });
    private final Map<String, DeploymentState> deployments = new HashMap<>();
    private SharedIndexInformer<FlinkDeployment> informer;

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
        informer =
                client.resources(FlinkDeployment.class)
                        .inAnyNamespace()
                        .inform(
                                new ResourceEventHandler<>() {
                                    @Override
                                    public void onAdd(FlinkDeployment deployment) {
                                        enqueue(deployment);
                                    }

                                    @Override
                                    public void onUpdate(FlinkDeployment old, FlinkDeployment now) {
                                        enqueue(now);
                                    }

                                    @Override
                                    public void onDelete(FlinkDeployment deployment, boolean gone) {
                                        enqueue(deployment);
                                    }
                                });
        loop.scheduleWithFixedDelay(
                this::observeJobs, OBSERVE_INTERVAL_MS, OBSERVE_INTERVAL_MS, TimeUnit.MILLISECONDS);
        return this;
    }

    private void enqueue(FlinkDeployment deployment) {
        String namespace = deployment.getMetadata().getNamespace();
        String name = deployment.getMetadata().getName();
        loop.execute(() -> guarded(() -> reconcile(namespace, name)));
    }

    private void reconcile(String namespace, String name) throws Exception {
        String key = namespace + "/" + name;
        FlinkDeployment deployment = informer.getStore().getByKey(key);
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
                statusWriter.write(state);
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
        statusWriter.write(state);
    }

    private void submit(
            DeploymentState state, FlinkDeploymentSpec spec, String upgradeKey, String savepoint)
            throws Exception {
        state.jobId = flink.submit(DeploymentJobs.graph(spec, savepoint));
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
    private void observeJobs() {
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
                        statusWriter.write(state);
                    });
        }
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
        if (informer != null) {
            informer.close();
        }
        loop.shutdownNow();
        loop.awaitTermination(10, TimeUnit.SECONDS);
    }
}
