package io.eventpipeline.operator.flink;

import static io.eventpipeline.operator.flink.FlinkConfiguration.CHECKPOINTS_DIR;
import static io.eventpipeline.operator.flink.FlinkConfiguration.MAX_PARALLELISM;
import static io.eventpipeline.operator.flink.FlinkConfiguration.ROLLBACK_ENABLED;
import static io.eventpipeline.operator.flink.FlinkConfiguration.SAVEPOINTS_DIR;

import io.eventpipeline.operator.config.JobDefaults;
import io.eventpipeline.spec.Durations;
import io.eventpipeline.spec.SpecDefaults;
import io.eventpipeline.spec.model.AutoscalerSpec;
import io.eventpipeline.spec.model.Delivery;
import io.eventpipeline.spec.model.EventPipelineSpec;
import io.eventpipeline.spec.model.FlinkSpec;
import io.eventpipeline.spec.model.UpgradeMode;
import io.eventpipeline.spec.validation.ValidationProblem;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What the Flink Kubernetes Operator would refuse in a pipeline's Flink settings, or what would run
 * and silently lose data, checked on the configuration that would be rendered. Each problem names
 * the field to change.
 */
public final class FlinkSettingsRules {
    /**
     * The job's Kafka transaction timeout (KafkaJobSettings.DEFAULT_TRANSACTION_TIMEOUT in
     * pipeline-job): an exactly-once transaction stays open until the checkpoint after it.
     */
    public static final Duration KAFKA_TRANSACTION_TIMEOUT = Duration.ofMinutes(10);

    /** Pipeline keys that keep a checkpoint, and so a Kafka transaction, from completing. */
    private static final List<String> TRANSACTION_STRETCHING_KEYS =
            List.of("execution.checkpointing.min-pause", "execution.checkpointing.timeout");

    private final JobDefaults defaults;

    public FlinkSettingsRules(JobDefaults defaults) {
        this.defaults = defaults;
    }

    public List<ValidationProblem> problems(String namespace, EventPipelineSpec spec) {
        FlinkSpec flink = spec.getFlink() == null ? new FlinkSpec() : spec.getFlink();
        if (!parses(flink.getCheckpointInterval()) || !autoscalerParses(flink.getAutoscaler())) {
            return List.of(); // the spec's own validation names that field
        }
        FlinkConfiguration conf = FlinkConfiguration.of(namespace, flink, defaults);
        List<ValidationProblem> problems = new ArrayList<>();
        stateDirectories(flink, conf, problems);
        highAvailability(conf, problems);
        checkpointTiming(spec, flink, conf, problems);
        parallelism(flink, conf, problems);
        return problems;
    }

    /** savepoint and last-state need somewhere to keep state; the Flink operator checks it too. */
    private void stateDirectories(
            FlinkSpec flink, FlinkConfiguration conf, List<ValidationProblem> problems) {
        UpgradeMode mode = mode(flink);
        boolean savepoints = conf.get(SAVEPOINTS_DIR).isPresent();
        if (mode == UpgradeMode.SAVEPOINT && !savepoints) {
            problems.add(
                    problem(
                            "spec.flink.upgradeMode",
                            "savepoint needs a savepoint directory: set state.savepoints.dir in"
                                    + " spec.flink.flinkConfiguration, or EP_SAVEPOINT_DIR on the"
                                    + " operator, or use upgradeMode: stateless"));
        }
        if (mode != UpgradeMode.STATELESS && conf.get(CHECKPOINTS_DIR).isEmpty()) {
            problems.add(
                    problem(
                            "spec.flink.upgradeMode",
                            mode.yamlName()
                                    + " needs a checkpoint directory (the Flink Kubernetes"
                                    + " Operator refuses savepoint and last-state deployments"
                                    + " without one): set state.checkpoints.dir in"
                                    + " spec.flink.flinkConfiguration, or EP_CHECKPOINT_DIR on the"
                                    + " operator, or use upgradeMode: stateless"));
        }
    }

    /**
     * Reachable only where the platform team allows the rollback key: HA itself is the operator's
     * (on wherever a checkpoint directory is known).
     */
    private void highAvailability(FlinkConfiguration conf, List<ValidationProblem> problems) {
        if (!conf.highAvailability()
                && conf.get(ROLLBACK_ENABLED).filter("true"::equalsIgnoreCase).isPresent()) {
            problems.add(
                    problem(
                            key(ROLLBACK_ENABLED),
                            "needs high availability, which the operator turns on only with a"
                                    + " checkpoint directory: set state.checkpoints.dir or"
                                    + " EP_CHECKPOINT_DIR (the Flink Kubernetes Operator refuses"
                                    + " rollbacks without HA)"));
        }
    }

    /**
     * An exactly-once transaction is committed only when the checkpoint after it completes; one
     * open longer than the broker allows is aborted and its output lost. The interval is the
     * operator's (spec.flink.checkpointInterval); the checkpoint timeout and the pause between
     * checkpoints, where a pipeline sets them, stretch the time a transaction stays open too.
     */
    private void checkpointTiming(
            EventPipelineSpec spec,
            FlinkSpec flink,
            FlinkConfiguration conf,
            List<ValidationProblem> problems) {
        if (spec.getDelivery() != Delivery.EXACTLY_ONCE) {
            return;
        }
        String written;
        Duration interval;
        if (flink.getCheckpointInterval() != null) {
            written = flink.getCheckpointInterval();
            interval = Durations.parse(written);
        } else {
            written = defaults.checkpointInterval() + " (the operator's EP_CHECKPOINT_INTERVAL)";
            interval = Durations.parse(defaults.checkpointInterval());
        }
        if (interval.compareTo(KAFKA_TRANSACTION_TIMEOUT) >= 0) {
            problems.add(problem("spec.flink.checkpointInterval", tooLong(written)));
        }
        for (String key : TRANSACTION_STRETCHING_KEYS) {
            if (conf.givenByPipeline(key)) {
                String value = conf.asMap().get(key);
                FlinkDurations.parse(value)
                        .filter(d -> d.compareTo(KAFKA_TRANSACTION_TIMEOUT) >= 0)
                        .ifPresent(d -> problems.add(problem(key(key), tooLong(value))));
            }
        }
    }

    private static String tooLong(String written) {
        return "is "
                + written
                + ", but with delivery: exactly-once it must be below 10m (better a small part of"
                + " it), the job's Kafka transaction timeout: a transaction is committed only at"
                + " the next checkpoint, and the broker aborts it first, losing its output";
    }

    private void parallelism(
            FlinkSpec flink, FlinkConfiguration conf, List<ValidationProblem> problems) {
        String written = conf.asMap().get(MAX_PARALLELISM);
        int max;
        try {
            max = Integer.parseInt(String.valueOf(written).trim());
        } catch (NumberFormatException e) {
            max = -1;
        }
        if (max < 1 || max > JobDefaults.MAX_PARALLELISM_LIMIT) {
            problems.add(
                    problem(
                            key(MAX_PARALLELISM),
                            "'"
                                    + written
                                    + "' must be a whole number between 1 and "
                                    + JobDefaults.MAX_PARALLELISM_LIMIT));
            return;
        }
        boolean given = flink.getParallelism() != null;
        int parallelism = given ? flink.getParallelism() : defaults.parallelism();
        if (parallelism > max) {
            problems.add(
                    problem(
                            "spec.flink.parallelism",
                            (given ? "" : "the operator's EP_JOB_PARALLELISM ")
                                    + parallelism
                                    + " is more than pipeline.max-parallelism ("
                                    + max
                                    + "): keyed state is split into that many key groups, so no"
                                    + " more tasks can share it. Lower the parallelism; a"
                                    + " pipeline's max parallelism can only be raised before it"
                                    + " has state, since its savepoints do not restore with"
                                    + " another"));
        }
        Integer autoscalerMax =
                flink.getAutoscaler() == null ? null : flink.getAutoscaler().getMaxParallelism();
        if (autoscalerMax != null && autoscalerMax > max) {
            problems.add(
                    problem(
                            "spec.flink.autoscaler.maxParallelism",
                            autoscalerMax
                                    + " is more than pipeline.max-parallelism ("
                                    + max
                                    + "): keyed state is split into that many key groups, so the"
                                    + " autoscaler can never run more tasks on it. Lower it to at"
                                    + " most "
                                    + max));
        }
    }

    private static boolean autoscalerParses(AutoscalerSpec autoscaler) {
        return autoscaler == null
                || (parses(autoscaler.getMetricsWindow())
                        && parses(autoscaler.getStabilizationInterval()));
    }

    private static boolean parses(String duration) {
        try {
            Durations.parseOr(duration, Duration.ZERO);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static UpgradeMode mode(FlinkSpec flink) {
        return flink.getUpgradeMode() == null ? SpecDefaults.UPGRADE_MODE : flink.getUpgradeMode();
    }

    private static String key(String flinkKey) {
        return FlinkConfigurationPolicy.path(flinkKey);
    }

    private static ValidationProblem problem(String path, String message) {
        return new ValidationProblem(path, message);
    }
}
