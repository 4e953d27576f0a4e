package io.eventpipeline.operator.api;

/**
 * Where a pipeline is in its life, shown as the Phase printer column. The first status is written
 * once topics and the FlinkDeployment have been handled, so a pipeline without status has not been
 * reconciled yet; there is no phase for that.
 */
public enum Phase {
    /** The FlinkDeployment is written; the job is not running yet. */
    Deploying,
    /** The job runs. */
    Running,
    /** The job is suspended on request; topics are kept. */
    Suspended,
    /** Something the operator depends on is unavailable (Kafka, a topic); it keeps retrying. */
    Degraded,
    /** The spec is invalid or the job failed; a change is needed. */
    Failed
}
