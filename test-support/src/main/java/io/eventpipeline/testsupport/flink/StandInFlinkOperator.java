package io.eventpipeline.testsupport.flink;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.kubernetes.operator.api.FlinkDeployment;

/**
 * Plays the Flink Kubernetes Operator where there is none: watches FlinkDeployments in every
 * namespace and hands each change to a {@link Behaviour}, which writes their status. All work
 * happens on one thread, in order, like a controller's work queue.
 *
 * <p>{@link #reportingRunning} is the cheap one (a job RUNNING for every deployment); the sandbox's
 * runs each deployment's job on a Flink MiniCluster.
 */
public final class StandInFlinkOperator implements AutoCloseable {
    /** What the stand-in does. Every call comes on its one thread. */
    public interface Behaviour {
        /**
         * A deployment was added, changed or deleted.
         *
         * @param deployment as the watch has it now (the cache's object: change only a copy); null
         *     once it is deleted
         */
        void reconcile(String namespace, String name, FlinkDeployment deployment) throws Exception;

        /** Called at the interval given to {@link #start}: to follow the jobs' states, say. */
        default void observe() throws Exception {}
    }

    private static final Duration NEVER = Duration.ZERO;

    private final String threadName;
    private final Behaviour behaviour;
    private final Consumer<String> notices;
    private final ScheduledExecutorService loop;
    private SharedIndexInformer<FlinkDeployment> informer;

    private StandInFlinkOperator(String threadName, Behaviour behaviour, Consumer<String> notices) {
        this.threadName = threadName;
        this.behaviour = behaviour;
        this.notices = notices;
        this.loop =
                Executors.newSingleThreadScheduledExecutor(
                        r -> {
                            Thread thread = new Thread(r, threadName);
                            thread.setDaemon(true);
                            return thread;
                        });
    }

    /**
     * @param threadName the name of its one thread (a benchmark tells its CPU time by it)
     * @param observeEvery how often to call {@link Behaviour#observe}; zero for never
     * @param notices a line for every failure (and whatever the behaviour says)
     */
    public static StandInFlinkOperator start(
            KubernetesClient client,
            String threadName,
            Duration observeEvery,
            Behaviour behaviour,
            Consumer<String> notices) {
        StandInFlinkOperator standIn = new StandInFlinkOperator(threadName, behaviour, notices);
        standIn.watch(client);
        if (!observeEvery.isZero()) {
            long ms = observeEvery.toMillis();
            standIn.loop.scheduleWithFixedDelay(
                    () -> standIn.guarded(behaviour::observe), ms, ms, TimeUnit.MILLISECONDS);
        }
        return standIn;
    }

    /**
     * Reports every FlinkDeployment's job RUNNING, once, with the least work it can: it writes onto
     * a copy of the object its watch delivered and reads the deployment again only after a
     * conflict. Where the real Flink operator would run elsewhere, its stand-in should cost the
     * shared cores (and the API server) as little as it can.
     */
    public static StandInFlinkOperator reportingRunning(
            KubernetesClient client, String threadName, Consumer<String> notices) {
        FlinkStatusWriter writer = new FlinkStatusWriter(client);
        Set<String> reported = new HashSet<>();
        Behaviour reportOnce =
                (namespace, name, deployment) -> {
                    if (deployment != null && reported.add(namespace + '/' + name)) {
                        writer.write(
                                client.getKubernetesSerialization().clone(deployment),
                                d -> FlinkStatusWriter.jobReported(d, JobStatus.RUNNING));
                    }
                };
        return start(client, threadName, NEVER, reportOnce, notices);
    }

    private void watch(KubernetesClient client) {
        informer = client.resources(FlinkDeployment.class).inAnyNamespace().runnableInformer(0);
        informer.addEventHandler(
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
                    public void onDelete(FlinkDeployment deployment, boolean unknown) {
                        enqueue(deployment);
                    }
                });
        informer.run();
    }

    private void enqueue(FlinkDeployment deployment) {
        String namespace = deployment.getMetadata().getNamespace();
        String name = deployment.getMetadata().getName();
        loop.execute(
                () ->
                        guarded(
                                () ->
                                        behaviour.reconcile(
                                                namespace,
                                                name,
                                                informer.getStore()
                                                        .getByKey(namespace + "/" + name))));
    }

    private void guarded(ThrowingRunnable work) {
        try {
            work.run();
        } catch (Exception | LinkageError e) {
            notices.accept(threadName + ": " + rootCause(e));
        }
    }

    /** The innermost cause: what went wrong, not where it was passed on. */
    private static Throwable rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }

    @FunctionalInterface
    private interface ThrowingRunnable {
        void run() throws Exception;
    }

    @Override
    public void close() throws InterruptedException {
        informer.close();
        loop.shutdownNow();
        loop.awaitTermination(10, TimeUnit.SECONDS);
    }
}
