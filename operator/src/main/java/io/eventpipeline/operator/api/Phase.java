package io.eventpipeline.operator.api;

/** Where a pipeline is in its life, shown as the Phase printer column. */
public enum Phase {
    /** Seen, not yet acted on. */
    Pending,
    /** Topics are being created or brought to the spec. */
    Provisioning,
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
