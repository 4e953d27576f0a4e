package io.eventpipeline.operator.flink;

import static io.eventpipeline.operator.flink.FlinkConfiguration.CHECKPOINTS_DIR;
import static io.eventpipeline.operator.flink.FlinkConfiguration.CHECKPOINT_INTERVAL;
import static io.eventpipeline.operator.flink.FlinkConfiguration.HA_STORAGE_DIR;
import static io.eventpipeline.operator.flink.FlinkConfiguration.HA_TYPE;
import static io.eventpipeline.operator.flink.FlinkConfiguration.MAX_PARALLELISM;
import static io.eventpipeline.operator.flink.FlinkConfiguration.PERIODIC_SAVEPOINT_INTERVAL;
import static io.eventpipeline.operator.flink.FlinkConfiguration.ROLLBACK_ENABLED;
import static io.eventpipeline.operator.flink.FlinkConfiguration.SAVEPOINTS_DIR;

import io.eventpipeline.operator.config.JobDefaults;
import io.eventpipeline.spec.Durations;
import io.eventpipeline.spec.model.Delivery;
import io.eventpipeline.spec.model.EventPipelineSpec;
import io.eventpipeline.spec.model.FlinkSpec;
import io.eventpipeline.spec.model.UpgradeMode;
import io.eventpipeline.spec.validation.ValidationProblem;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

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

    /** Flink's smallest checkpoint interval; below it periodic checkpoints are off. */
    private static final Duration MIN_CHECKPOINT_INTERVAL = Duration.ofMillis(10);

    /** Flink 1.20's new names of the state directories, which the Flink operator 1.10 ignores. */
    private static final Map<String, String> NEW_DIRECTORY_KEYS =
            Map.of(
                    "execution.checkpointing.dir", CHECKPOINTS_DIR,
                    "execution.checkpointing.savepoint-dir", SAVEPOINTS_DIR);

    private static final String CONF = "spec.flink.flinkConfiguration";

    private final JobDefaults defaults;

    public FlinkSettingsRules(JobDefaults defaults) {
        this.defaults = defaults;
    }

    public List<ValidationProblem> problems(String namespace, EventPipelineSpec spec) {
        FlinkSpec flink = spec.getFlink() == null ? new FlinkSpec() : spec.getFlink();
        if (!parses(flink.getCheckpointInterval())) {
            return List.of(); // the spec's own validation names that field
        }
        FlinkConfiguration conf = FlinkConfiguration.of(namespace, flink, defaults);
        List<ValidationProblem> problems = new ArrayList<>();
        stateDirectories(flink, conf, problems);
        highAvailability(flink, conf, problems);
        checkpointInterval(spec, flink, conf, problems);
        parallelism(flink, conf, problems);
        return problems;
    }

    /** savepoint and last-state need somewhere to keep state; the Flink operator checks it too. */
    private void stateDirectories(
            FlinkSpec flink, FlinkConfiguration conf, List<ValidationProblem> problems) {
        UpgradeMode mode = mode(flink);
        NEW_DIRECTORY_KEYS.forEach(
                (newKey, oldKey) -> {
                    String value = conf.asMap().get(newKey);
                    if (conf.givenByPipeline(newKey)
                            && !Objects.equals(value, conf.asMap().get(oldKey))) {
                        problems.add(
                                problem(
                                        key(newKey),
                                        "set "
                                                + oldKey
                                                + " instead: the Flink Kubernetes Operator 1.10"
                                                + " reads only that name, so it would check and"
                                                + " clean up another directory than the job"
                                                + " uses"));
                    }
                });
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
        if (!savepoints && conf.givenByPipeline(PERIODIC_SAVEPOINT_INTERVAL)) {
            problems.add(
                    problem(
                            key(PERIODIC_SAVEPOINT_INTERVAL),
                            "needs a savepoint directory (state.savepoints.dir, or"
                                    + " EP_SAVEPOINT_DIR on the operator): the Flink Kubernetes"
                                    + " Operator refuses periodic savepoints without one"));
        }
    }

    private void highAvailability(
            FlinkSpec flink, FlinkConfiguration conf, List<ValidationProblem> problems) {
        boolean ha = conf.highAvailability();
        if (ha && conf.get(HA_STORAGE_DIR).isEmpty()) {
            problems.add(
                    problem(
                            key(HA_TYPE),
                            "needs high-availability.storageDir: set it, or state.checkpoints.dir"
                                    + " (the operator then keeps HA files beside the"
                                    + " checkpoints), or EP_HA_STORAGE_DIR on the operator"));
        }
        // With a checkpoint directory HA is on unless the pipeline switched it off.
        if (!ha && mode(flink) == UpgradeMode.LAST_STATE && conf.get(CHECKPOINTS_DIR).isPresent()) {
            problems.add(
                    problem(
                            key(HA_TYPE),
                            "cannot be NONE with upgradeMode: last-state: a last-state upgrade"
                                    + " restores from the checkpoint Flink's Kubernetes HA"
                                    + " metadata points to"));
        }
        if (!ha && conf.get(ROLLBACK_ENABLED).filter("true"::equalsIgnoreCase).isPresent()) {
            problems.add(
                    problem(
                            key(ROLLBACK_ENABLED),
                            "needs high availability, which the operator turns on only with a"
                                    + " checkpoint or HA storage directory: set"
                                    + " state.checkpoints.dir or EP_CHECKPOINT_DIR (the Flink"
                                    + " Kubernetes Operator refuses rollbacks without HA)"));
        }
    }

    /** An exactly-once transaction open longer than the broker allows is aborted: output lost. */
    private void checkpointInterval(
            EventPipelineSpec spec,
            FlinkSpec flink,
            FlinkConfiguration conf,
            List<ValidationProblem> problems) {
        String path;
        String written;
        Optional<Duration> interval;
        if (conf.givenByPipeline(CHECKPOINT_INTERVAL)) {
            path = key(CHECKPOINT_INTERVAL);
            written = conf.asMap().get(CHECKPOINT_INTERVAL);
            interval = FlinkDurations.parse(written);
            if (interval.isEmpty()) {
                problems.add(
                        problem(
                                path,
                                "'"
                                        + written
                                        + "' is not a duration Flink reads (e.g. 30 s, 5 min):"
                                        + " prefer spec.flink.checkpointInterval"));
                return;
            }
            if (interval.get().compareTo(MIN_CHECKPOINT_INTERVAL) < 0) {
                problems.add(problem(path, "must be at least 10 ms, Flink's smallest interval"));
                return;
            }
        } else if (flink.getCheckpointInterval() != null) {
            path = "spec.flink.checkpointInterval";
            written = flink.getCheckpointInterval();
            interval = Optional.of(Durations.parse(written));
        } else {
            path = "spec.flink.checkpointInterval";
            written = defaults.checkpointInterval() + " (the operator's EP_CHECKPOINT_INTERVAL)";
            interval = Optional.of(Durations.parse(defaults.checkpointInterval()));
        }
        if (spec.getDelivery() == Delivery.EXACTLY_ONCE
                && interval.get().compareTo(KAFKA_TRANSACTION_TIMEOUT) >= 0) {
            problems.add(
                    problem(
                            path,
                            "is "
                                    + written
                                    + ", but with delivery: exactly-once it must be below 10m"
                                    + " (better a small part of it), the job's Kafka transaction"
                                    + " timeout: a transaction"
                                    + " is committed only at the next checkpoint, and the"
                                    + " broker aborts it first, losing its output"));
        }
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
        return flink.getUpgradeMode() == null ? UpgradeMode.SAVEPOINT : flink.getUpgradeMode();
    }

    private static String key(String flinkKey) {
        return CONF + "[" + flinkKey + "]";
    }

    private static ValidationProblem problem(String path, String message) {
        return new ValidationProblem(path, message);
    }
}
