package io.eventpipeline.spec.cel;

import dev.cel.common.CelErrorCode;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelVariableResolver;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Binds the variables of one evaluation straight from the caller's maps, without copying them: the
 * current event (when there is one) and each step name in scope to its events, an empty list when
 * the step has taken none.
 */
final class StepVariables implements CelVariableResolver {
    private static final Optional<Object> NO_EVENTS = Optional.of(List.of());

    private final Map<String, Object> event;
    private final Map<String, ? extends List<?>> stepEvents;
    private final Set<String> steps;

    StepVariables(
            Map<String, Object> event,
            Map<String, ? extends List<?>> stepEvents,
            Set<String> steps) {
        this.event = event;
        this.stepEvents = stepEvents;
        this.steps = steps;
    }

    @Override
    public Optional<Object> find(String name) {
        if (event != null && CelNames.EVENT.equals(name)) {
            return Optional.of(event);
        }
        if (!steps.contains(name)) {
            return Optional.empty();
        }
        List<?> events = stepEvents == null ? null : stepEvents.get(name);
        return events == null ? NO_EVENTS : Optional.of(events);
    }

    /**
     * True when evaluation failed only because data was absent: a map key not present ({@code
     * event.gate} on an event without gate) or a list index past the end ({@code delay[0]} when
     * delay took no event).
     */
    static boolean isMissingData(CelEvaluationException e) {
        CelErrorCode code = e.getErrorCode();
        return code == CelErrorCode.ATTRIBUTE_NOT_FOUND || code == CelErrorCode.INDEX_OUT_OF_BOUNDS;
    }
}
