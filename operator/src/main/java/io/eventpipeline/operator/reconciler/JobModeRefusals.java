package io.eventpipeline.operator.reconciler;

import io.eventpipeline.operator.api.EventPipeline;
import io.eventpipeline.operator.flink.FlinkDeploymentState;
import io.eventpipeline.operator.flink.FlinkSessionJobRenderer;
import io.eventpipeline.operator.flink.FlinkSessionJobState;
import io.eventpipeline.spec.resolved.ResolvedPipeline;
import java.util.Optional;
import org.apache.flink.kubernetes.operator.api.FlinkSessionJob;

/**
 * Whether a pipeline may run in the mode its spec asks for: as a FlinkSessionJob on the session
 * cluster {@code spec.flink.sessionCluster} names, or in a FlinkDeployment of its own. Each refusal
 * names the field and what to do; the pipeline's JobReady condition carries it.
 */
final class JobModeRefusals {
    private static final String FIELD = "spec.flink.sessionCluster";

    static final String NOT_FOUND = "SessionClusterNotFound";
    static final String NOT_A_SESSION_CLUSTER = "NotASessionCluster";
    static final String MODE_SWITCH = "ModeSwitchRefused";

    private JobModeRefusals() {}

    /** Why a pipeline cannot run now, for its JobReady condition. */
    record Refusal(String reason, String message) {}

    /**
     * Whether the pipeline may run in the mode its spec asks for, decided before anything is
     * created for it: its session cluster must exist in its namespace and be a session cluster, and
     * a job that runs in one mode is never moved to the other (its state would be left behind).
     * Empty when it may, or when the informers cannot tell (the operator is stopping).
     *
     * @param own what the informer says of the pipeline's own FlinkDeployment
     * @param sessionJob what the informer says of its FlinkSessionJob
     * @param deployments to look up the session cluster it names
     * @param hasDefaultCluster whether the operator has a default session cluster, which a job
     *     whose spec names none may run on
     */
    static Optional<Refusal> refusal(
            EventPipeline pipeline,
            ResolvedPipeline resolved,
            FlinkDeployments.Lookup own,
            FlinkSessionJobs.Lookup sessionJob,
            FlinkDeployments deployments,
            boolean hasDefaultCluster) {
        if (!own.known() || !sessionJob.known()) {
            return Optional.empty();
        }
        String cluster = FlinkSessionJobRenderer.sessionCluster(resolved);
        boolean specNamesOne =
                pipeline.getSpec() != null
                        && pipeline.getSpec().getFlink() != null
                        && pipeline.getSpec().getFlink().getSessionCluster() != null;
        if (cluster == null
                && !specNamesOne
                && hasDefaultCluster
                && sessionJob.found().isPresent()) {
            // It ran on the operator's default session cluster, which no longer applies.
            FlinkSessionJob job = sessionJob.job();
            return Optional.of(
                    new Refusal(
                            MODE_SWITCH,
                            "the job runs as FlinkSessionJob "
                                    + job.getMetadata().getName()
                                    + " on session cluster "
                                    + job.getSpec().getDeploymentName()
                                    + ", and the spec now needs a cluster of its own (it asks"
                                    + " for what a session job cannot have, or the operator's"
                                    + " default session cluster changed), where the job's state"
                                    + " cannot follow: name "
                                    + job.getSpec().getDeploymentName()
                                    + " in "
                                    + FIELD
                                    + " to be told what it cannot have, or delete and recreate"
                                    + " the pipeline"));
        }
        // Named by the spec, or the operator's default where the spec names none.
        String subject =
                specNamesOne
                        ? FIELD
                        : "the operator's default session cluster (EP_DEFAULT_SESSION_CLUSTER;"
                                + " "
                                + FIELD
                                + " is unset)";
        if (cluster == null) {
            return sessionJob
                    .found()
                    .map(
                            job ->
                                    new Refusal(
                                            MODE_SWITCH,
                                            FIELD
                                                    + " was removed, but the job runs as"
                                                    + " FlinkSessionJob "
                                                    + job.getMetadata().getName()
                                                    + " on session cluster "
                                                    + job.getSpec().getDeploymentName()
                                                    + " and its state cannot follow it into a"
                                                    + " cluster of its own: set "
                                                    + FIELD
                                                    + " back, or delete and recreate the"
                                                    + " pipeline"));
        }
        if (own.found().filter(d -> FlinkDeploymentState.controlledBy(d, pipeline)).isPresent()) {
            return Optional.of(
                    new Refusal(
                            MODE_SWITCH,
                            FIELD
                                    + " was set, but the job runs in FlinkDeployment "
                                    + own.deployment().getMetadata().getName()
                                    + " of its own and its state cannot follow it to a session"
                                    + " cluster: remove "
                                    + FIELD
                                    + ", or delete and recreate the pipeline"));
        }
        if (sessionJob
                .found()
                .filter(j -> !cluster.equals(j.getSpec().getDeploymentName()))
                .isPresent()) {
            return Optional.of(
                    new Refusal(
                            MODE_SWITCH,
                            FIELD
                                    + " changed to "
                                    + cluster
                                    + ", but the job runs on session cluster "
                                    + sessionJob.job().getSpec().getDeploymentName()
                                    + " (the Flink operator never moves a session job): set it"
                                    + " back, or delete and recreate the pipeline"));
        }
        FlinkDeployments.Lookup session = deployments.named(resolved.namespace(), cluster);
        if (!session.known()) {
            return Optional.empty();
        }
        if (session.found().isEmpty()) {
            return Optional.of(
                    new Refusal(
                            NOT_FOUND,
                            subject
                                    + ": no FlinkDeployment "
                                    + cluster
                                    + " in namespace "
                                    + resolved.namespace()
                                    + " (a session job runs in its session cluster's"
                                    + " namespace); nothing was created for the job. It is"
                                    + " deployed once the session cluster exists"));
        }
        if (!FlinkSessionJobState.isSessionCluster(session.deployment())) {
            return Optional.of(
                    new Refusal(
                            NOT_A_SESSION_CLUSTER,
                            subject
                                    + ": FlinkDeployment "
                                    + cluster
                                    + " runs a job of its own (spec.job), so it is an"
                                    + " application cluster and takes no session jobs; name a"
                                    + " FlinkDeployment without spec.job"));
        }
        return Optional.empty();
    }
}
