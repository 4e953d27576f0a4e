package io.eventpipeline.job.source;

import org.apache.flink.api.connector.source.SourceEvent;

/**
 * Enumerator to reader: an assignment round that included this reader is over; whatever splits it
 * was given have been sent before this event.
 */
final class AssignmentRoundEvent implements SourceEvent {
    private static final long serialVersionUID = 1L;

    @Override
    public boolean equals(Object o) {
        return o instanceof AssignmentRoundEvent;
    }

    @Override
    public int hashCode() {
        return 1;
    }
}
