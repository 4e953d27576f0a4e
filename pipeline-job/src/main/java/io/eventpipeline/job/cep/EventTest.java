package io.eventpipeline.job.cep;

import io.eventpipeline.job.event.PipelineEvent;
import java.io.Serializable;

/** A step's condition on one event alone, with no partial match to consult. */
@FunctionalInterface
public interface EventTest extends Serializable {
    boolean holds(PipelineEvent event);
}
