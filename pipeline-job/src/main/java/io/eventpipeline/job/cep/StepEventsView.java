package io.eventpipeline.job.cep;

import io.eventpipeline.job.event.PipelineEvent;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.cep.pattern.conditions.IterativeCondition;

/**
 * The earlier steps' events of a partial match, by step name, read from Flink CEP's context only
 * when the condition actually asks for a step: fetching them from CEP's shared buffer is the
 * expensive part of an iterative condition.
 */
final class StepEventsView extends AbstractMap<String, List<?>> {
    private final IterativeCondition.Context<PipelineEvent> context;
    private final Set<String> steps;
    private final Map<String, List<?>> fetched = new HashMap<>(4);

    StepEventsView(IterativeCondition.Context<PipelineEvent> context, Set<String> steps) {
        this.context = context;
        this.steps = steps;
    }

    @Override
    public List<?> get(Object name) {
        if (!(name instanceof String step) || !steps.contains(step)) {
            return null;
        }
        return fetched.computeIfAbsent(step, this::fetch);
    }

    @Override
    public boolean containsKey(Object name) {
        return name instanceof String step && steps.contains(step);
    }

    @Override
    public Set<Entry<String, List<?>>> entrySet() {
        Map<String, List<?>> all = new HashMap<>();
        for (String step : steps) {
            all.put(step, get(step));
        }
        return all.entrySet();
    }

    private List<?> fetch(String step) {
        List<Map<String, Object>> bodies = new ArrayList<>();
        try {
            for (PipelineEvent event : context.getEventsForPattern(step)) {
                bodies.add(event.bodyFieldByField());
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the events of step '" + step + "'", e);
        }
        return bodies;
    }
}
