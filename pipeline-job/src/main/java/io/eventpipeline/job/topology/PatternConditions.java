package io.eventpipeline.job.topology;

import io.eventpipeline.job.cep.CepPatternFactory;
import io.eventpipeline.job.event.PipelineEvent;
import java.io.Serializable;
import java.util.Arrays;

/**
 * One pattern's event-only conditions, numbered by that pattern alone. A pattern operator keeps
 * events in its state (waiting for the watermark, or in partial matches), and what it keeps must
 * mean the same whatever the other patterns of the pipeline are, or an upgrade that changes another
 * pattern would change how this pattern reads its restored events. So before an event reaches the
 * pattern's operator, {@link #narrow} replaces the router's outcomes (every pattern's, in the
 * router's numbering) with this pattern's only, stamped with this pattern's {@link #layout()}.
 */
public final class PatternConditions implements CepPatternFactory.ConditionSlots, Serializable {
    private static final long serialVersionUID = 1L;

    private final int routerLayout;
    private final int layout;
    private final int[] routerSlots;
    private final int[] whereSlots;
    private final int[] untilSlots;

    /**
     * @param routerLayout the layout of the router's outcomes
     * @param layout this pattern's layout
     * @param routerSlots by local slot: the router's slot of the same condition
     * @param whereSlots by step: the local slot of its where, or -1 (evaluated per partial match)
     * @param untilSlots by step: the local slot of its until, or -1
     */
    PatternConditions(
            int routerLayout, int layout, int[] routerSlots, int[] whereSlots, int[] untilSlots) {
        this.routerLayout = routerLayout;
        this.layout = layout;
        this.routerSlots = routerSlots.clone();
        this.whereSlots = whereSlots.clone();
        this.untilSlots = untilSlots.clone();
    }

    /** The layout of the outcomes {@link #narrow} writes. */
    @Override
    public int layout() {
        return layout;
    }

    /** The slot of a step's where in {@link #layout()}, or -1 when it must be evaluated. */
    @Override
    public int where(int step) {
        return whereSlots[step];
    }

    /** The slot of a step's until in {@link #layout()}, or -1 when none or evaluated. */
    @Override
    public int until(int step) {
        return untilSlots[step];
    }

    /**
     * The routed event as the pattern's operator receives and keeps it: this pattern's outcomes
     * only. An event without the router's outcomes keeps none (its conditions are evaluated).
     */
    public PipelineEvent narrow(PipelineEvent routed) {
        long[] local = new long[(routerSlots.length + 63) >>> 6];
        for (int i = 0; i < routerSlots.length; i++) {
            if (!routed.hasConditionResult(routerLayout, routerSlots[i])) {
                return routed.withConditionResults(new long[0], PipelineEvent.NO_LAYOUT);
            }
            if (routed.conditionHolds(routerSlots[i])) {
                local[i >>> 6] |= 1L << i;
            }
        }
        return routed.withConditionResults(local, layout);
    }

    @Override
    public String toString() {
        return "PatternConditions[layout="
                + layout
                + ", routerSlots="
                + Arrays.toString(routerSlots)
                + "]";
    }
}
