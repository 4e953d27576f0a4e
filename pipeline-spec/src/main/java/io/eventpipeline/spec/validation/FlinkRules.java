package io.eventpipeline.spec.validation;

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
