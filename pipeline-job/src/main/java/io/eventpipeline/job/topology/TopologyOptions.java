package io.eventpipeline.job.topology;

/**
 * How {@link PipelineTopology} builds a pipeline. The deployed job and the {@code test} command use
 * {@link #deployed()}; the variants exist so tests can show that an optimisation changes no match.
 *
 * @param irrelevantEvents whether events no step can match are dropped before the pattern operators
 * @param simpleSequences false runs every pattern on Flink CEP, even those the sequence matcher
 *     would match
 */
public record TopologyOptions(IrrelevantEventsPolicy irrelevantEvents, boolean simpleSequences) {

    /** What happens to events no step of any pattern can match. */
    public enum IrrelevantEventsPolicy {
        /** Dropped when {@link IrrelevantEvents} finds that safe, as the deployed job does. */
        AS_DEPLOYED,
        /** Always dropped. */
        DROP,
        /** Always passed on to the pattern operators. */
        KEEP
    }

    /** The topology the deployed job runs. */
    public static TopologyOptions deployed() {
        return new TopologyOptions(IrrelevantEventsPolicy.AS_DEPLOYED, true);
    }

    /** These options, dropping events no step can match. */
    public TopologyOptions droppingIrrelevantEvents() {
        return new TopologyOptions(IrrelevantEventsPolicy.DROP, simpleSequences);
    }

    /** These options, passing events no step can match on to the pattern operators. */
    public TopologyOptions keepingIrrelevantEvents() {
        return new TopologyOptions(IrrelevantEventsPolicy.KEEP, simpleSequences);
    }

    /** These options, running every pattern on Flink CEP. */
    public TopologyOptions cepOnly() {
        return new TopologyOptions(irrelevantEvents, false);
    }
}
