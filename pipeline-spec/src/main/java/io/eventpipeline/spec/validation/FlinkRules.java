package io.eventpipeline.spec.validation;

import io.eventpipeline.spec.model.AutoscalerSpec;
import io.eventpipeline.spec.model.FlinkComponentSpec;
import io.eventpipeline.spec.model.FlinkSpec;
import io.eventpipeline.spec.model.ResourcesSpec;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/** The Flink job's settings. */
final class FlinkRules {
    /**
     * Flink's smallest checkpoint interval (CheckpointCoordinatorConfiguration
     * .MINIMAL_CHECKPOINT_TIME); below it periodic checkpoints are switched off.
     */
    private static final Duration MIN_CHECKPOINT_INTERVAL = Duration.ofMillis(10);

    /**
     * Keys the Flink Kubernetes Operator 1.10 refuses in a FlinkDeployment's flinkConfiguration
     * (DefaultValidator.FORBIDDEN_CONF_KEYS): it sets them itself.
     */
    private static final Set<String> FORBIDDEN_KEYS =
            Set.of("kubernetes.namespace", "kubernetes.cluster-id", "high-availability.cluster-id");

    private FlinkRules() {}

    static void check(FlinkSpec flink, Problems problems) {
        if (flink == null) {
            return;
        }
        String image = flink.getImage();
        if (image != null && (image.isBlank() || image.chars().anyMatch(Character::isWhitespace))) {
            problems.add(
                    "spec.flink.image",
                    "must be a container image reference without spaces, or left out for the"
                            + " default image");
        }
        Integer parallelism = flink.getParallelism();
        if (parallelism != null && (parallelism < 1 || parallelism > FlinkSpec.MAX_PARALLELISM)) {
            problems.add(
                    "spec.flink.parallelism", "must be between 1 and " + FlinkSpec.MAX_PARALLELISM);
        }
        checkAutoscaler(flink.getAutoscaler(), parallelism, problems);
        checkComponent(flink.getJobManager(), "spec.flink.jobManager", problems);
        checkComponent(flink.getTaskManager(), "spec.flink.taskManager", problems);
        problems.duration(
                "spec.flink.checkpointInterval",
                flink.getCheckpointInterval(),
                MIN_CHECKPOINT_INTERVAL,
                "must be at least 10ms, Flink's smallest checkpoint interval",
                DurationBound.CHECKPOINT_INTERVAL);
        checkConfiguration(flink.getFlinkConfiguration(), problems);
    }

    /**
     * The bounds must hold together and hold the starting parallelism; pipeline.max-parallelism is
     * the operator's, so the operator checks that the maximum stays within it.
     */
    private static void checkAutoscaler(
            AutoscalerSpec autoscaler, Integer parallelism, Problems problems) {
        if (autoscaler == null) {
            return;
        }
        String path = "spec.flink.autoscaler";
        Integer max = autoscaler.getMaxParallelism();
        int min = autoscaler.getMinParallelism() == null ? 1 : autoscaler.getMinParallelism();
        if (max == null) {
            problems.add(
                    path + ".maxParallelism",
                    "is required: the most parallel tasks the autoscaler may start, the ceiling"
                            + " on the pipeline's cost (e.g. maxParallelism: 8)");
        } else if (max < 1 || max > FlinkSpec.MAX_PARALLELISM) {
            problems.add(
                    path + ".maxParallelism", "must be between 1 and " + FlinkSpec.MAX_PARALLELISM);
        } else if (min < 1 || min > max) {
            problems.add(
                    path + ".minParallelism",
                    "must be between 1 and maxParallelism (" + max + "), not " + min);
        } else if (parallelism != null && (parallelism < min || parallelism > max)) {
            problems.add(
                    "spec.flink.parallelism",
                    "is where the autoscaler starts, so it must lie between minParallelism ("
                            + min
                            + ") and maxParallelism ("
                            + max
                            + "), not "
                            + parallelism);
        }
        Double target = autoscaler.getTargetUtilization();
        if (target != null && !(target > 0 && target <= 1)) {
            problems.add(
                    path + ".targetUtilization",
                    "must be above 0 and at most 1 (the busy share of each task, e.g. 0.7), not "
                            + target);
        }
        problems.duration(
                path + ".metricsWindow",
                autoscaler.getMetricsWindow(),
                Duration.ofSeconds(1),
                "must be at least 1s: each decision reads the metrics of this window",
                DurationBound.AUTOSCALER);
        problems.duration(
                path + ".stabilizationInterval",
                autoscaler.getStabilizationInterval(),
                Duration.ZERO,
                "must not be negative",
                DurationBound.AUTOSCALER);
    }

    private static void checkComponent(FlinkComponentSpec component, String path, Problems p) {
        if (component == null || component.getResources() == null) {
            return;
        }
        ResourcesSpec resources = component.getResources();
        Double cpu = resources.getCpu();
        if (cpu != null && !(cpu >= ResourcesSpec.MIN_CPU && cpu <= ResourcesSpec.MAX_CPU)) {
            p.add(
                    path + ".resources.cpu",
                    "must be between "
                            + ResourcesSpec.MIN_CPU
                            + " (one millicore, Kubernetes' smallest unit) and "
                            + (int) ResourcesSpec.MAX_CPU
                            + " cores (e.g. 0.5 or 2)");
        }
        String memory = resources.getMemory();
        if (memory != null) {
            if (!Names.MEMORY.matcher(memory).matches()) {
                p.add(
                        path + ".resources.memory",
                        "'" + memory + "' is not a memory quantity (e.g. 512Mi, 2Gi, 1.5G)");
            } else if (!MemoryQuantity.isWithinBounds(memory)) {
                p.add(
                        path + ".resources.memory",
                        "'"
                                + memory
                                + "' must be between "
                                + MemoryQuantity.MIN
                                + " and "
                                + MemoryQuantity.MAX
                                + " (a Flink process needs some memory; no pod gets more)");
            }
        }
    }

    private static void checkConfiguration(Map<String, String> config, Problems problems) {
        if (config == null) {
            return;
        }
        String path = "spec.flink.flinkConfiguration";
        config.forEach(
                (key, value) -> {
                    if (Problems.isBlank(key)) {
                        problems.add(path, "has a blank key: name each Flink option");
                    } else if (FORBIDDEN_KEYS.contains(key.trim())) {
                        problems.add(
                                path + "[" + key + "]",
                                "cannot be set: the Flink Kubernetes Operator sets it and refuses"
                                        + " deployments that do");
                    } else if (value == null) {
                        problems.add(path + "[" + key + "]", "has no value");
                    }
                });
    }
}
