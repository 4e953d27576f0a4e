package io.eventpipeline.spec.resolved;

import io.eventpipeline.spec.Durations;
import io.eventpipeline.spec.model.AutoscalerSpec;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The Flink Kubernetes Operator's autoscaler as the pipeline asks for it. Settings left out keep
 * the Flink operator's own defaults, so they are empty here and not rendered.
 *
 * @param enabled whether it acts; the section's presence means yes unless {@code enabled: false}
 * @param minParallelism lowest parallelism of a part of the job (default 1)
 * @param maxParallelism highest parallelism of a part of the job: the ceiling on cost
 */
public record ResolvedAutoscaler(
        boolean enabled,
        int minParallelism,
        int maxParallelism,
        OptionalDouble targetUtilization,
        Optional<Duration> metricsWindow,
        Optional<Duration> stabilizationInterval) {

    /**
     * Read from the wire; also by the operator's Flink configuration, which is validated before
     * resolution.
     */
    public static Optional<ResolvedAutoscaler> of(AutoscalerSpec autoscaler) {
        if (autoscaler == null) {
            return Optional.empty();
        }
        int min = autoscaler.getMinParallelism() == null ? 1 : autoscaler.getMinParallelism();
        return Optional.of(
                new ResolvedAutoscaler(
                        !Boolean.FALSE.equals(autoscaler.getEnabled()),
                        min,
                        // Absent only in a spec read without validation (a running job's).
                        autoscaler.getMaxParallelism() == null
                                ? min
                                : autoscaler.getMaxParallelism(),
                        autoscaler.getTargetUtilization() == null
                                ? OptionalDouble.empty()
                                : OptionalDouble.of(autoscaler.getTargetUtilization()),
                        Optional.ofNullable(autoscaler.getMetricsWindow()).map(Durations::parse),
                        Optional.ofNullable(autoscaler.getStabilizationInterval())
                                .map(Durations::parse)));
    }
}
