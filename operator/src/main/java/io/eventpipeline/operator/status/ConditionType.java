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
    Ready
}
