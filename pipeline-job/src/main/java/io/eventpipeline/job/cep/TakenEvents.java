package io.eventpipeline.job.cep;

import io.eventpipeline.job.event.PipelineEvent;
import java.util.AbstractMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The earlier steps' events of a sequence matcher's partial match, by step name, as {@link
 * StepEventsView} gives them from CEP's context: every step in the condition's scope is present,
 * with the one event it took (or none yet). Nothing is copied until a step is asked for.
 */
final class TakenEvents extends AbstractMap<String, List<?>> {
    private final Set<String> scope;
    private final List<String> stepNames;
    private final List<PipelineEvent> taken;

    TakenEvents(Set<String> scope, List<String> stepNames, List<PipelineEvent> taken) {
        this.scope = scope;
        this.stepNames = stepNames;
        this.taken = taken;
    }

    @Override
    public List<?> get(Object name) {
        if (!(name instanceof String step) || !scope.contains(step)) {
            return null;
        }
        int index = stepNames.indexOf(step);
        return index >= 0 && index < taken.size()
                ? List.of(taken.get(index).bodyFieldByField())
                : List.of();
    }

    @Override
    public boolean containsKey(Object name) {
        return name instanceof String step && scope.contains(step);
    }

    @Override
    public Set<Entry<String, List<?>>> entrySet() {
        Map<String, List<?>> all = new HashMap<>();
        for (String step : scope) {
            all.put(step, get(step));
        }
        return all.entrySet();
    }
}
