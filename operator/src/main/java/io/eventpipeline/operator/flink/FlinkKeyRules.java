package io.eventpipeline.operator.flink;

import static io.eventpipeline.operator.flink.FlinkValueRule.bool;
import static io.eventpipeline.operator.flink.FlinkValueRule.duration;
import static io.eventpipeline.operator.flink.FlinkValueRule.fraction;
import static io.eventpipeline.operator.flink.FlinkValueRule.oneOf;
import static io.eventpipeline.operator.flink.FlinkValueRule.positiveDuration;
import static io.eventpipeline.operator.flink.FlinkValueRule.text;
import static io.eventpipeline.operator.flink.FlinkValueRule.uri;
import static io.eventpipeline.operator.flink.FlinkValueRule.wholeNumber;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Which keys of {@code spec.flink.flinkConfiguration} a pipeline may set, and why. An EventPipeline
 * is written by an application team while its Flink pods run with the platform team's service
 * account and storage credentials, so this is an allow-list: a key Flink adds in a later version is
 * refused until someone decides it is harmless. Keys the operator sets itself come first and are
 * never allowed ({@link OwnedFlinkKeys}); then two tables:
 *
 * <ul>
 *   <li>{@link #ALLOWED}: what a pipeline may tune, each with the check its value gets.
 *   <li>{@link #REFUSED}: notable refusals with their reason; the platform team may still allow one
 *       with {@code job.allowedFlinkConfiguration}. The most specific of ALLOWED and REFUSED
 *       decides, so a refusal can carve a key out of an allowed prefix.
 * </ul>
 */
final class FlinkKeyRules {
    record Allowed(FlinkKeyPattern pattern, FlinkValueRule value, String reason) {}

    record Refused(FlinkKeyPattern pattern, String reason) {}

    static final List<Allowed> ALLOWED =
            List.of(
                    allowed(
                            FlinkConfiguration.CHECKPOINTS_DIR,
                            uri(),
                            "where this pipeline's checkpoints go, where the operator has no"
                                    + " directory or a team keeps its state apart; what the"
                                    + " Flink pods can write there is decided by the storage"
                                    + " credentials the platform gives them"),
                    allowed(
                            FlinkConfiguration.SAVEPOINTS_DIR,
                            uri(),
                            "where this pipeline's savepoints go; as state.checkpoints.dir"),
                    allowed(
                            FlinkConfiguration.MAX_PARALLELISM,
                            text(), // range and parallelism: FlinkSettingsRules
                            "how far this pipeline's state can ever be rescaled, fixed once it has"
                                    + " state; 1 to 32768 and not below the parallelism"),
                    allowed(
                            "taskmanager.numberOfTaskSlots",
                            wholeNumber(1),
                            "several parallel tasks in one TaskManager pod: fewer, fuller pods,"
                                    + " each still of spec.flink.taskManager.resources"),
                    allowed(
                            "taskmanager.memory.managed.fraction",
                            fraction(),
                            "how the TaskManager's memory (spec.flink.taskManager.resources)"
                                    + " is split: managed memory holds RocksDB state"),
                    allowed(
                            "taskmanager.memory.network.fraction",
                            fraction(),
                            "how the TaskManager's memory is split: network buffers"),
                    allowed(
                            "taskmanager.memory.jvm-overhead.fraction",
                            fraction(),
                            "how the TaskManager's memory is split: JVM overhead"),
                    allowed(
                            "state.backend.type",
                            oneOf("hashmap", "rocksdb"),
                            "many open partial matches need RocksDB; both backends ship in"
                                    + " Flink, and savepoints restore across them"),
                    allowed(
                            "state.backend.incremental",
                            bool(),
                            "smaller checkpoints of large RocksDB state"),
                    allowed(
                            "state.backend.rocksdb.*",
                            text(),
                            "RocksDB tuning (memory, threads, compaction) of the pipeline's own"
                                    + " state in its own pods"),
                    allowed(
                            "restart-strategy.type",
                            oneOf("none", "fixed-delay", "failure-rate", "exponential-delay"),
                            "how the pipeline's own job recovers from a failure; a restart"
                                    + " resumes from the last checkpoint, losing no event"),
                    allowed(
                            "restart-strategy.*",
                            text(), // durations among them: FlinkConfigurationPolicy
                            "attempts and delays of the restart strategy"),
                    allowed(
                            "execution.checkpointing.timeout",
                            positiveDuration("a checkpoint could never complete"),
                            "large state may need longer to checkpoint; with exactly-once"
                                    + " below the job's Kafka transaction timeout"),
                    allowed(
                            "execution.checkpointing.min-pause",
                            duration(),
                            "time for processing between checkpoints; with exactly-once below"
                                    + " the job's Kafka transaction timeout"),
                    allowed(
                            "pipeline.auto-watermark-interval",
                            positiveDuration(
                                    "periodic watermarks would be off, event time would never"
                                            + " advance and no time-bound pattern would"
                                            + " complete"),
                            "how often event time advances: match latency against overhead"),
                    allowed(
                            "eventpipeline.timestamp.max-ahead",
                            duration(),
                            "how far past the clock an event's time may lie before the event is a"
                                    + " dead letter (timestamp-range): for producers whose clocks"
                                    + " run ahead; only its own job reads it"));

    static final List<Refused> REFUSED =
            List.of(
                    refused(
                            "kubernetes.*",
                            "it changes the Flink pods or their Kubernetes objects (service"
                                    + " account, host network, node placement, volumes,"
                                    + " Secrets, annotations), which the platform team controls"),
                    refused(
                            "kubernetes.operator.*",
                            "it changes how the Flink Kubernetes Operator upgrades, savepoints,"
                                    + " restarts and cleans up the deployment"),
                    refused(
                            "env.*",
                            "JVM options and the process environment (-javaagent, debug ports,"
                                    + " system properties) run code the platform did not ship"),
                    refused(
                            "containerized.*",
                            "it sets environment variables of the Flink pods (e.g."
                                    + " JAVA_TOOL_OPTIONS, or the platform's credentials)"),
                    refused(
                            "security.*",
                            "SSL, Kerberos and delegation tokens of the Flink cluster are the"
                                    + " platform's"),
                    refused("rest.*", "it changes the Flink cluster's network endpoints"),
                    refused(
                            "web.*",
                            "it changes the Flink web UI; web.submit.enable would let anyone who"
                                    + " reaches its port run jars"),
                    refused("jobmanager.rpc.*", "it changes the Flink cluster's network endpoints"),
                    refused(
                            "taskmanager.rpc.*",
                            "it changes the Flink cluster's network endpoints"),
                    refused("blob.*", "it changes the Flink cluster's network endpoints"),
                    refused(
                            "metrics.*",
                            "reporters load classes and send metrics to hosts the platform did"
                                    + " not choose"),
                    refused(
                            "s3.*",
                            "storage endpoints and credentials are the platform's: requests to an"
                                    + " endpoint chosen here would be signed with the platform's"
                                    + " credentials"),
                    refused("presto.*", "storage endpoints and credentials are the platform's"),
                    refused("hive.*", "storage endpoints and credentials are the platform's"),
                    refused("fs.*", "storage endpoints and credentials are the platform's"),
                    refused("gs.*", "storage endpoints and credentials are the platform's"),
                    refused("pipeline.jars", "it loads code from outside the job image"),
                    refused("pipeline.classpaths", "it loads code from outside the job image"),
                    refused("pipeline.cached-files", "it loads files from outside the job image"),
                    refused("classloader.*", "it changes which code the job loads"),
                    refused("plugin.*", "it changes which code the job loads"),
                    refused(
                            "state.backend.rocksdb.options-factory",
                            "it names a class for the job to load"),
                    refused("process.*", "it changes the Flink processes' working directories"),
                    refused("io.tmp.dirs", "it changes the Flink processes' working directories"),
                    refused(
                            "jobmanager.memory.*",
                            "memory sizes follow spec.flink.jobManager.resources.memory; a size"
                                    + " that does not fit the container gets the pod killed"),
                    refused(
                            "taskmanager.memory.*",
                            "memory sizes follow spec.flink.taskManager.resources.memory; a"
                                    + " size that does not fit the container gets the pod"
                                    + " killed"),
                    refused(
                            "execution.*",
                            "it changes how the job runs (runtime mode, checkpointing mode,"
                                    + " ...), which the job and spec.delivery decide"),
                    refused(
                            "state.*",
                            "it changes what state is kept and where, on the platform's"
                                    + " storage"));

    private FlinkKeyRules() {}

    /** The allowed entry that decides the key, when the most specific match is an allowed one. */
    static Optional<Allowed> allowedByDefault(String key) {
        Optional<Allowed> allowed = mostSpecificAllowed(key);
        Optional<Refused> refused = refusal(key);
        if (allowed.isEmpty()) {
            return Optional.empty();
        }
        return refused.isPresent()
                        && refused.get().pattern().specificity()
                                >= allowed.get().pattern().specificity()
                ? Optional.empty()
                : allowed;
    }

    /** The value rule of the most specific allowed entry, whether or not it decides the key. */
    static Optional<Allowed> mostSpecificAllowed(String key) {
        return ALLOWED.stream()
                .filter(a -> a.pattern().matches(key))
                .max(Comparator.comparingInt(a -> a.pattern().specificity()));
    }

    static Optional<Refused> refusal(String key) {
        return REFUSED.stream()
                .filter(r -> r.pattern().matches(key))
                .max(Comparator.comparingInt(r -> r.pattern().specificity()));
    }

    private static Allowed allowed(String pattern, FlinkValueRule value, String reason) {
        return new Allowed(new FlinkKeyPattern(pattern), value, reason);
    }

    private static Refused refused(String pattern, String reason) {
        return new Refused(new FlinkKeyPattern(pattern), reason);
    }
}
