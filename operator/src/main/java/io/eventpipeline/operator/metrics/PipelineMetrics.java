package io.eventpipeline.operator.metrics;

import io.eventpipeline.operator.api.EventPipeline;
import io.eventpipeline.operator.api.Phase;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-pipeline gauges: {@code eventpipeline_pipeline_phase{namespace,name,phase}} is 1 for the
 * pipeline's current phase and 0 for the others, {@code eventpipeline_pipeline_ready} is 1 while it
 * runs. One series per phase lets alerts say {@code phase="Failed" == 1} without string matching.
 */
public class PipelineMetrics {
    private final MeterRegistry registry;
    private final Map<String, Phase> phases = new ConcurrentHashMap<>();
    private final Map<String, List<Meter>> meters = new ConcurrentHashMap<>();

    public PipelineMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void observe(EventPipeline pipeline, Phase phase) {
        String key = key(pipeline);
        phases.put(key, phase);
        meters.computeIfAbsent(key, k -> register(pipeline, k));
    }

    public void forget(EventPipeline pipeline) {
        String key = key(pipeline);
        phases.remove(key);
        List<Meter> registered = meters.remove(key);
        if (registered != null) {
            registered.forEach(registry::remove);
        }
    }

    private List<Meter> register(EventPipeline pipeline, String key) {
        String namespace = pipeline.getMetadata().getNamespace();
        String name = pipeline.getMetadata().getName();
        List<Meter> registered = new ArrayList<>();
        for (Phase phase : Phase.values()) {
            registered.add(
                    Gauge.builder(
                                    "eventpipeline.pipeline.phase",
                                    phases,
                                    m -> m.get(key) == phase ? 1 : 0)
                            .description("1 for the pipeline's current phase, 0 otherwise")
                            .tag("namespace", namespace)
                            .tag("name", name)
                            .tag("phase", phase.name())
                            .register(registry));
        }
        registered.add(
                Gauge.builder(
                                "eventpipeline.pipeline.ready",
                                phases,
                                m -> m.get(key) == Phase.Running ? 1 : 0)
                        .description("1 while the pipeline's job runs")
                        .tag("namespace", namespace)
                        .tag("name", name)
                        .register(registry));
        return registered;
    }

    private static String key(EventPipeline pipeline) {
        return pipeline.getMetadata().getNamespace() + "/" + pipeline.getMetadata().getName();
    }
}
