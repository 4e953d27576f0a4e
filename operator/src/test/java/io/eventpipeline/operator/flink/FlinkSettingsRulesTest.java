package io.eventpipeline.operator.flink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.eventpipeline.operator.config.OperatorConfig;
import io.eventpipeline.operator.reconciler.PipelineResolver;
import io.eventpipeline.spec.PipelineDefinition;
import io.eventpipeline.spec.validation.InvalidPipelineException;
import io.eventpipeline.spec.validation.PipelineValidator;
import io.eventpipeline.spec.validation.ValidationProblem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The operator-level Flink rules, through the resolver the reconciler and render use. */
class FlinkSettingsRulesTest {
    static final String BOTH_DIRS =
            "EP_SAVEPOINT_DIR=s3://flink-state/savepoints,EP_CHECKPOINT_DIR=s3://flink-state/checkpoints";
    static final String NO_DIRS = "";

    /** The example pipeline with its spec.flink block and delivery replaced. */
    static String pipeline(String delivery, String flinkBlock) throws Exception {
        String example = Files.readString(Path.of("../examples/flight-delays.yaml"));
        int start = example.indexOf("  flink:\n");
        int end = example.indexOf("  suspend:");
        return (example.substring(0, start) + flinkBlock + example.substring(end))
                .replace("delivery: at-least-once", "delivery: " + delivery);
    }

    static List<ValidationProblem> problems(String env, String yaml) throws Exception {
        Map<String, String> vars = new HashMap<>();
        vars.put("EP_KAFKA_BOOTSTRAP_SERVERS", "kafka:9092");
        for (String pair : env.split(",")) {
            if (!pair.isBlank()) {
                vars.put(
                        pair.substring(0, pair.indexOf('=')),
                        pair.substring(pair.indexOf('=') + 1));
            }
        }
        try {
            new PipelineResolver(OperatorConfig.fromEnvironment(vars), new PipelineValidator())
                    .resolve(PipelineDefinition.parse(yaml));
            return List.of();
        } catch (InvalidPipelineException e) {
            return e.problems();
        }
    }

    @Test
    void theExampleWithBothDirectoriesIsValid() throws Exception {
        assertThat(problems(BOTH_DIRS, pipeline("at-least-once", "  flink: {}\n"))).isEmpty();
        assertThat(problems(BOTH_DIRS, pipeline("exactly-once", "  flink: {}\n"))).isEmpty();
    }

    @Test
    void savepointModeNeedsASavepointAndACheckpointDirectory() throws Exception {
        assertThat(problems(NO_DIRS, pipeline("at-least-once", "  flink: {}\n")))
                .extracting(ValidationProblem::path, ValidationProblem::message)
                .anySatisfy(
                        p ->
                                assertThat(p.toList())
                                        .containsExactly(
                                                "spec.flink.upgradeMode",
                                                "savepoint needs a savepoint directory: set"
                                                    + " state.savepoints.dir in"
                                                    + " spec.flink.flinkConfiguration, or"
                                                    + " EP_SAVEPOINT_DIR on the operator, or use"
                                                    + " upgradeMode: stateless"));
        // The Flink operator refuses savepoint mode without a checkpoint directory, too.
        assertThat(
                        problems(
                                "EP_SAVEPOINT_DIR=s3://flink-state/savepoints",
                                pipeline("at-least-once", "  flink: {}\n")))
                .singleElement()
                .satisfies(
                        p -> {
                            assertThat(p.path()).isEqualTo("spec.flink.upgradeMode");
                            assertThat(p.message())
                                    .startsWith("savepoint needs a checkpoint directory")
                                    .contains("EP_CHECKPOINT_DIR");
                        });
    }

    @Test
    void lastStateNeedsACheckpointDirectory() throws Exception {
        assertThat(
                        problems(
                                NO_DIRS,
                                pipeline("at-least-once", "  flink: {upgradeMode: last-state}\n")))
                .singleElement()
                .satisfies(
                        p -> {
                            assertThat(p.path()).isEqualTo("spec.flink.upgradeMode");
                            assertThat(p.message())
                                    .startsWith("last-state needs a checkpoint directory");
                        });
        // Given in the pipeline's own configuration only: valid, HA follows from it.
        assertThat(
                        problems(
                                NO_DIRS,
                                pipeline(
                                        "at-least-once",
                                        "  flink:\n    upgradeMode: last-state\n"
                                                + "    flinkConfiguration: {state.checkpoints.dir:"
                                                + " \"s3://team/checkpoints\"}\n")))
                .isEmpty();
        // HA cannot be switched off under it: the operator owns it.
        assertThat(
                        problems(
                                BOTH_DIRS,
                                pipeline(
                                        "at-least-once",
                                        "  flink:\n    upgradeMode: last-state\n"
                                                + "    flinkConfiguration: {high-availability.type:"
                                                + " NONE}\n")))
                .singleElement()
                .satisfies(
                        p -> {
                            assertThat(p.path())
                                    .isEqualTo(
                                            "spec.flink.flinkConfiguration[high-availability.type]");
                            assertThat(p.message()).startsWith("is set by the operator");
                        });
    }

    @Test
    void rollbacksWithoutHaAreNamedWhereThePlatformAllowsThem() throws Exception {
        String rollback =
                pipeline(
                        "at-least-once",
                        "  flink:\n"
                                + "    upgradeMode: stateless\n"
                                + "    flinkConfiguration:\n"
                                + "      kubernetes.operator.deployment.rollback.enabled:"
                                + " \"true\"\n");
        assertThat(
                        problems(
                                "EP_ALLOWED_FLINK_CONFIGURATION=kubernetes.operator.deployment.*",
                                rollback))
                .singleElement()
                .satisfies(
                        p -> {
                            assertThat(p.path())
                                    .isEqualTo(
                                            "spec.flink.flinkConfiguration[kubernetes.operator.deployment.rollback.enabled]");
                            assertThat(p.message()).startsWith("needs high availability");
                        });
        // With a checkpoint directory HA is on, and the rollback valid.
        assertThat(
                        problems(
                                "EP_ALLOWED_FLINK_CONFIGURATION=kubernetes.operator.deployment.*,"
                                        + BOTH_DIRS,
                                rollback))
                .isEmpty();
    }

    @Test
    void flink120DirectoryNamesTheFlinkOperatorIgnoresAreRefused() throws Exception {
        assertThat(
                        problems(
                                BOTH_DIRS,
                                pipeline(
                                        "at-least-once",
                                        "  flink:\n    flinkConfiguration:"
                                                + " {execution.checkpointing.dir:"
                                                + " \"s3://elsewhere/checkpoints\"}\n")))
                .singleElement()
                .satisfies(
                        p -> {
                            assertThat(p.path())
                                    .isEqualTo(
                                            "spec.flink.flinkConfiguration[execution.checkpointing.dir]");
                            assertThat(p.message())
                                    .isEqualTo(
                                            "is set by the operator: set state.checkpoints.dir"
                                                    + " instead: the Flink Kubernetes Operator"
                                                    + " 1.10 reads only that name, so it would"
                                                    + " check and clean up another directory than"
                                                    + " the job uses");
                        });
    }

    @Test
    void exactlyOnceNeedsACheckpointIntervalBelowTheTransactionTimeout() throws Exception {
        String tooLong = "  flink: {checkpointInterval: 10m}\n";
        assertThat(problems(BOTH_DIRS, pipeline("exactly-once", tooLong)))
                .singleElement()
                .satisfies(
                        p -> {
                            assertThat(p.path()).isEqualTo("spec.flink.checkpointInterval");
                            assertThat(p.message())
                                    .startsWith("is 10m, but with delivery: exactly-once")
                                    .contains("transaction timeout");
                        });
        // Just below the timeout, or at-least-once: accepted.
        assertThat(
                        problems(
                                BOTH_DIRS,
                                pipeline("exactly-once", "  flink: {checkpointInterval: 9m59s}\n")))
                .isEmpty();
        assertThat(problems(BOTH_DIRS, pipeline("at-least-once", tooLong))).isEmpty();
        // The operator's default counts, and says where it came from.
        assertThat(
                        problems(
                                BOTH_DIRS + ",EP_CHECKPOINT_INTERVAL=15m",
                                pipeline("exactly-once", "  flink: {}\n")))
                .singleElement()
                .satisfies(
                        p -> {
                            assertThat(p.path()).isEqualTo("spec.flink.checkpointInterval");
                            assertThat(p.message()).contains("EP_CHECKPOINT_INTERVAL");
                        });
        // The checkpoint timeout and pause a pipeline may set keep a transaction open as long.
        assertThat(
                        problems(
                                BOTH_DIRS,
                                pipeline(
                                        "exactly-once",
                                        "  flink:\n    flinkConfiguration:"
                                                + " {execution.checkpointing.timeout: 12 min,"
                                                + " execution.checkpointing.min-pause: 10 min}\n")))
                .extracting(ValidationProblem::path, ValidationProblem::message)
                .containsExactly(
                        tuple(
                                "spec.flink.flinkConfiguration[execution.checkpointing.min-pause]",
                                "is 10 min, but with delivery: exactly-once it must be below 10m"
                                        + " (better a small part of it), the job's Kafka"
                                        + " transaction timeout: a transaction is committed only"
                                        + " at the next checkpoint, and the broker aborts it"
                                        + " first, losing its output"),
                        tuple(
                                "spec.flink.flinkConfiguration[execution.checkpointing.timeout]",
                                "is 12 min, but with delivery: exactly-once it must be below 10m"
                                        + " (better a small part of it), the job's Kafka"
                                        + " transaction timeout: a transaction is committed only"
                                        + " at the next checkpoint, and the broker aborts it"
                                        + " first, losing its output"));
        assertThat(
                        problems(
                                BOTH_DIRS,
                                pipeline(
                                        "at-least-once",
                                        "  flink:\n    flinkConfiguration:"
                                                + " {execution.checkpointing.timeout: 12 min}\n")))
                .isEmpty();
        assertThat(FlinkSettingsRules.KAFKA_TRANSACTION_TIMEOUT).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void theTransactionTimeoutIsTheJobsOwn() throws Exception {
        // The job's constant is not on this module's classpath; a change there must change here.
        String jobSettings =
                Files.readString(
                        Path.of(
                                "../pipeline-job/src/main/java/io/eventpipeline/job/kafka/KafkaJobSettings.java"));
        assertThat(jobSettings)
                .as(
                        "KafkaJobSettings.DEFAULT_TRANSACTION_TIMEOUT must stay in step with"
                                + " FlinkSettingsRules.KAFKA_TRANSACTION_TIMEOUT")
                .containsIgnoringWhitespaces(
                        "DEFAULT_TRANSACTION_TIMEOUT = Duration.ofMinutes("
                                + FlinkSettingsRules.KAFKA_TRANSACTION_TIMEOUT.toMinutes()
                                + ")");
    }

    @Test
    void parallelismCannotExceedTheMaxParallelism() throws Exception {
        assertThat(problems(BOTH_DIRS, pipeline("at-least-once", "  flink: {parallelism: 129}\n")))
                .singleElement()
                .satisfies(
                        p -> {
                            assertThat(p.path()).isEqualTo("spec.flink.parallelism");
                            assertThat(p.message())
                                    .startsWith("129 is more than pipeline.max-parallelism (128)");
                        });
        assertThat(
                        problems(
                                BOTH_DIRS,
                                pipeline(
                                        "at-least-once",
                                        "  flink:\n    parallelism: 129\n"
                                                + "    flinkConfiguration:"
                                                + " {pipeline.max-parallelism: \"256\"}\n")))
                .isEmpty();
        for (String wrong : List.of("lots", "0", "40000")) {
            assertThat(
                            problems(
                                    BOTH_DIRS,
                                    pipeline(
                                            "at-least-once",
                                            "  flink:\n    flinkConfiguration:"
                                                    + " {pipeline.max-parallelism: \""
                                                    + wrong
                                                    + "\"}\n")))
                    .singleElement()
                    .satisfies(
                            p ->
                                    assertThat(p.path())
                                            .isEqualTo(
                                                    "spec.flink.flinkConfiguration[pipeline.max-parallelism]"));
        }
    }

    @Test
    void anInvalidSpecIntervalIsLeftToTheSpecsOwnValidation() throws Exception {
        assertThatThrownBy(
                        () ->
                                new PipelineResolver(
                                                OperatorConfig.fromEnvironment(
                                                        Map.of(
                                                                "EP_KAFKA_BOOTSTRAP_SERVERS",
                                                                "k:9092")),
                                                new PipelineValidator())
                                        .resolve(
                                                PipelineDefinition.parse(
                                                        pipeline(
                                                                "exactly-once",
                                                                "  flink: {checkpointInterval:"
                                                                        + " often, upgradeMode:"
                                                                        + " stateless}\n"))))
                .isInstanceOfSatisfying(
                        InvalidPipelineException.class,
                        e ->
                                assertThat(e.problems())
                                        .extracting(ValidationProblem::path)
                                        .containsExactly("spec.flink.checkpointInterval"));
    }
}
