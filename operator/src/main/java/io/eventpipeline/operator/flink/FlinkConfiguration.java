package io.eventpipeline.operator.flink;

import io.eventpipeline.operator.config.JobDefaults;
import io.eventpipeline.spec.Durations;
import io.eventpipeline.spec.model.FlinkSpec;
import io.eventpipeline.spec.resolved.ResolvedAutoscaler;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The flinkConfiguration of a pipeline's FlinkDeployment: the operator's defaults a pipeline may
 * change, the pipeline's own {@code spec.flink.flinkConfiguration} on top, then the keys the
 * operator owns (checkpoint interval, metrics reporter, periodic savepoints, Kubernetes HA), which
 * no pipeline key overrides. Rendering and validation both read this one object, so what is checked
 * is exactly what is deployed.
 */
public final class FlinkConfiguration {
    public static final String CHECKPOINT_INTERVAL = "execution.checkpointing.interval";
    public static final String CHECKPOINTS_DIR = "state.checkpoints.dir";
    public static final String SAVEPOINTS_DIR = "state.savepoints.dir";
    public static final String HA_TYPE = "high-availability.type";
    public static final String HA_STORAGE_DIR = "high-availability.storageDir";
    public static final String MAX_PARALLELISM = "pipeline.max-parallelism";
    public static final String MANAGED_MEMORY_FRACTION = "taskmanager.memory.managed.fraction";
    public static final String STATE_BACKEND = "state.backend.type";
    public static final String TASK_MANAGER_JVM_OPTIONS = "env.java.opts.taskmanager";

    /** The collector for a TaskManager image whose Java is not known. */
    static final String G1 = "-XX:+UseG1GC";

    /** Flink joins these into a TaskManager's JVM options, so only one may choose a collector. */
    private static final Set<String> JVM_OPTIONS =
            Set.of("env.java.opts", "env.java.opts.all", TASK_MANAGER_JVM_OPTIONS);

    public static final String PERIODIC_SAVEPOINT_INTERVAL =
            "kubernetes.operator.periodic.savepoint.interval";
    public static final String SAVEPOINT_HISTORY_MAX_COUNT =
            "kubernetes.operator.savepoint.history.max.count";
    public static final String SAVEPOINT_HISTORY_MAX_AGE =
            "kubernetes.operator.savepoint.history.max.age";
    public static final String ROLLBACK_ENABLED = "kubernetes.operator.deployment.rollback.enabled";
    public static final String AUTOSCALER_ENABLED = "job.autoscaler.enabled";
    public static final String AUTOSCALER_MIN_PARALLELISM = "job.autoscaler.vertex.min-parallelism";
    public static final String AUTOSCALER_MAX_PARALLELISM = "job.autoscaler.vertex.max-parallelism";
    public static final String AUTOSCALER_TARGET_UTILIZATION = "job.autoscaler.target.utilization";
    public static final String AUTOSCALER_METRICS_WINDOW = "job.autoscaler.metrics.window";
    public static final String AUTOSCALER_STABILIZATION_INTERVAL =
            "job.autoscaler.stabilization.interval";

    /** HA's older key, still read by Flink 1.20 when high-availability.type is absent. */
    static final String HA_TYPE_DEPRECATED = "high-availability";

    private final Map<String, String> effective;
    private final Map<String, String> given;

    private FlinkConfiguration(Map<String, String> effective, Map<String, String> given) {
        this.effective = Collections.unmodifiableMap(effective);
        this.given = given;
    }

    /**
     * @param namespace the pipeline's namespace: it scopes the HA storage directory
     */
    public static FlinkConfiguration of(String namespace, FlinkSpec flink, JobDefaults defaults) {
        Map<String, String> given =
                flink == null || flink.getFlinkConfiguration() == null
                        ? Map.of()
                        : flink.getFlinkConfiguration();
        Map<String, String> conf = new TreeMap<>();
        // Defaults a pipeline may change (FlinkKeyRules.ALLOWED).
        conf.put("taskmanager.numberOfTaskSlots", "1");
        // Pinned, because Flink derives it from the parallelism otherwise and a job restored with
        // a different value cannot read its keyed state.
        conf.put(MAX_PARALLELISM, Integer.toString(defaults.maxParallelism()));
        defaults.checkpointDir().ifPresent(dir -> conf.put(CHECKPOINTS_DIR, dir));
        defaults.savepointDir().ifPresent(dir -> conf.put(SAVEPOINTS_DIR, dir));
        if (keepsStateOnTheHeap(given)) {
            // Flink gives managed memory 40 % of a TaskManager's memory, and only RocksDB and
            // batch operators use it: on the default 2 GiB pod, 635 MiB unused beside a 665 MiB
            // heap that holds the state. Without it the heap is 1,300 MiB.
            conf.put(MANAGED_MEMORY_FRACTION, "0");
        }
        if (setsNoJvmOptions(given)) {
            conf.put(TASK_MANAGER_JVM_OPTIONS, taskManagerCollector(flink, defaults));
        }
        given.forEach(
                (key, value) -> {
                    // Validation refuses them; rendering never lets one through either.
                    if (key != null && !FlinkConfigurationPolicy.operatorOwned(key.trim())) {
                        conf.put(key, value);
                    }
                });

        // The operator's own keys last, so that nothing a pipeline writes overrides them.
        String interval =
                flink == null || flink.getCheckpointInterval() == null
                        ? defaults.checkpointInterval()
                        : flink.getCheckpointInterval();
        conf.put(CHECKPOINT_INTERVAL, millis(Durations.parse(interval)));
        if (flink != null) {
            ResolvedAutoscaler.of(flink.getAutoscaler()).ifPresent(a -> autoscaler(a, conf));
        }
        // The job's counters (accepted events, dead letters by reason, matches per pattern) on
        // :9249/metrics of every Flink pod; the reporter ships as a plugin in Flink's image.
        conf.put(
                "metrics.reporter.prom.factory.class",
                "org.apache.flink.metrics.prometheus.PrometheusReporterFactory");
        conf.put("metrics.reporter.prom.port", "9249");
        Optional<String> checkpointDir = nonBlank(conf.get(CHECKPOINTS_DIR));
        if (nonBlank(conf.get(SAVEPOINTS_DIR)).isPresent()) {
            // The Flink operator refuses periodic savepoints without a savepoint directory.
            JobDefaults.SavepointPolicy savepoints = defaults.savepoints();
            savepoints
                    .periodicInterval()
                    .ifPresent(every -> conf.put(PERIODIC_SAVEPOINT_INTERVAL, millis(every)));
            conf.put(SAVEPOINT_HISTORY_MAX_COUNT, Integer.toString(savepoints.historyMaxCount()));
            conf.put(SAVEPOINT_HISTORY_MAX_AGE, millis(savepoints.historyMaxAge()));
        }
        haStorageDir(namespace, defaults, checkpointDir)
                .ifPresent(
                        dir -> {
                            // JobManager recovery, last-state upgrades, the savepoint mode's
                            // last-state fallback and rollbacks all read Flink's HA metadata.
                            conf.put(HA_TYPE, "kubernetes");
                            conf.put(HA_STORAGE_DIR, dir);
                        });
        return new FlinkConfiguration(conf, given);
    }

    /** The hashmap state backend, Flink's default, unless the pipeline chose RocksDB. */
    private static boolean keepsStateOnTheHeap(Map<String, String> given) {
        for (Map.Entry<String, String> setting : given.entrySet()) {
            if (setting.getKey() != null
                    && setting.getKey().trim().equals(STATE_BACKEND)
                    && setting.getValue() != null
                    && !setting.getValue().trim().equalsIgnoreCase("hashmap")) {
                return false;
            }
        }
        return true;
    }

    /**
     * The job image's own options (its Java's collector) where the pipeline runs that image;
     * anywhere else G1, which every Java since 9 has: an image the operator did not ship (an older
     * tag of the job image, say) may run a Java the image's options would not start. Either way not
     * the JVM's own choice: a TaskManager of one CPU (the default) is a small machine to it, and it
     * picks the serial collector, whose full collections stop the job for the whole heap, state
     * included (seconds, measured in the job's BENCHMARKS.md).
     */
    private static String taskManagerCollector(FlinkSpec flink, JobDefaults defaults) {
        String image = flink == null ? null : flink.getImage();
        return image == null || image.equals(defaults.image())
                ? defaults.taskManagerJvmOptions()
                : G1;
    }

    /** Whether the pipeline leaves the TaskManager's JVM options to the operator. */
    private static boolean setsNoJvmOptions(Map<String, String> given) {
        for (String key : given.keySet()) {
            if (key != null && JVM_OPTIONS.contains(key.trim())) {
                return false;
            }
        }
        return true;
    }

    /**
     * The Flink operator's autoscaler settings (AutoScalerOptions). It rescales through the
     * pipeline's upgrade mode, and never past pipeline.max-parallelism, which stays pinned so that
     * keyed state survives every rescale. What the pipeline leaves out keeps Flink's default.
     */
    private static void autoscaler(ResolvedAutoscaler autoscaler, Map<String, String> conf) {
        conf.put(AUTOSCALER_ENABLED, Boolean.toString(autoscaler.enabled()));
        conf.put(AUTOSCALER_MIN_PARALLELISM, Integer.toString(autoscaler.minParallelism()));
        conf.put(AUTOSCALER_MAX_PARALLELISM, Integer.toString(autoscaler.maxParallelism()));
        autoscaler
                .targetUtilization()
                .ifPresent(t -> conf.put(AUTOSCALER_TARGET_UTILIZATION, Double.toString(t)));
        autoscaler.metricsWindow().ifPresent(w -> conf.put(AUTOSCALER_METRICS_WINDOW, millis(w)));
        autoscaler
                .stabilizationInterval()
                .ifPresent(i -> conf.put(AUTOSCALER_STABILIZATION_INTERVAL, millis(i)));
    }

    /**
     * Flink keeps HA files under {@code <storageDir>/<cluster-id>}, and the Flink operator sets the
     * cluster id to the deployment's name alone; the namespace in the path keeps two pipelines of
     * the same name in different namespaces apart.
     */
    private static Optional<String> haStorageDir(
            String namespace, JobDefaults defaults, Optional<String> checkpointDir) {
        return defaults.haStorageDir()
                .or(() -> checkpointDir.map(dir -> join(dir, "ha")))
                .map(base -> join(base, namespace));
    }

    /** The whole configuration, keys sorted (a stable rendering). */
    public Map<String, String> asMap() {
        return effective;
    }

    public Optional<String> get(String key) {
        return nonBlank(effective.get(key));
    }

    /** Whether the pipeline's own spec.flink.flinkConfiguration sets the key. */
    public boolean givenByPipeline(String key) {
        return given.containsKey(key);
    }

    /** Whether Flink runs with high availability (any type but NONE). */
    public boolean highAvailability() {
        return get(HA_TYPE)
                .or(() -> get(HA_TYPE_DEPRECATED))
                .filter(type -> !type.trim().equalsIgnoreCase("none"))
                .isPresent();
    }

    /** Flink's own duration spelling, in milliseconds: every Flink version reads it alike. */
    static String millis(Duration duration) {
        return duration.toMillis() + " ms";
    }

    private static String join(String dir, String child) {
        return (dir.endsWith("/") ? dir : dir + "/") + child;
    }

    private static Optional<String> nonBlank(String value) {
        return Optional.ofNullable(value).filter(v -> !v.isBlank());
    }
}
