package io.eventpipeline.job.cep;

import io.eventpipeline.job.event.PipelineEvent;
import java.io.Serializable;
import java.util.List;

/** A step's condition as the sequence matcher asks it, with no CEP context to consult. */
@FunctionalInterface
public interface EventTest extends Serializable {
    /** For a condition on the event alone. */
    boolean holds(PipelineEvent event);

    /**
     * Whether the condition holds for {@code event} in a partial match whose steps took {@code
     * taken}, one event each, in step order. A condition on the event alone ignores them.
     */
    default boolean holds(PipelineEvent event, List<PipelineEvent> taken) {
        return holds(event);
    }
}
