package io.eventpipeline.operator.status;

/** The conditions every EventPipeline status carries. */
public enum ConditionType {
    /** The spec validated: structure, names, CEL, durations. */
    SpecValid,
    /** Every topic exists as the spec asks. */
    TopicsReady,
    /** The Flink job runs (or is suspended, when asked to be). */
    JobReady,
    /** All of the above: the pipeline detects patterns. */
    Ready,
    /**
     * kstatus: true while the operator or the Flink operator works towards the spec (deploying,
     * upgrading, waiting for Kafka); absent otherwise.
     */
    Reconciling,
    /**
     * kstatus: true when progress needs someone to act (invalid spec, failed job, rolled back
     * upgrade); absent otherwise.
     */
    Stalled
}
