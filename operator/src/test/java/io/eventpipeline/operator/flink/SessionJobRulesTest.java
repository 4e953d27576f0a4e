package io.eventpipeline.operator.flink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventpipeline.operator.config.OperatorConfig;
import io.eventpipeline.operator.reconciler.PipelineResolver;
import io.eventpipeline.operator.testing.SessionClusters;
import io.eventpipeline.spec.PipelineDefinition;
import io.eventpipeline.spec.validation.InvalidPipelineException;
import io.eventpipeline.spec.validation.PipelineValidator;
import io.eventpipeline.spec.validation.ValidationProblem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a pipeline on a session cluster may not set, through the resolver that enforces it. */
class SessionJobRulesTest {
    static final Map<String, String> ENV =
            Map.of(
                    "EP_KAFKA_BOOTSTRAP_SERVERS", "kafka-bootstrap.kafka:9092",
                    "EP_SAVEPOINT_DIR", "s3://flink-state/savepoints",
                    "EP_CHECKPOINT_DIR", "s3://flink-state/checkpoints",
                    "EP_SESSION_JOB_JAR_URI", "https://jars.example.com/pipeline-job.jar");

    static String example() throws Exception {
        return Files.readString(Path.of("../examples/flight-delays.yaml"));
    }

    static List<ValidationProblem> problems(Map<String, String> env, String yaml) {
        try {
            new PipelineResolver(OperatorConfig.fromEnvironment(env), new PipelineValidator())
                    .resolve(PipelineDefinition.parse(yaml));
            return List.of();
        } catch (InvalidPipelineException e) {
            return e.problems();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static String onSession(String flinkExtra) throws Exception {
        return SessionClusters.onSessionCluster(example(), "shared")
                .replace("    parallelism: 2\n", "    parallelism: 2\n" + flinkExtra);
    }

    @Test
    void aPipelineOnASessionClusterWithNothingOfItsOwnIsValid() throws Exception {
        assertThat(problems(ENV, onSession(""))).isEmpty();
    }

    @Test
    void imageAndResourcesAreTheSessionClustersAndRefusedNamingTheField() throws Exception {
        List<ValidationProblem> problems =
                problems(
                        ENV,
                        onSession(
                                "    image: ghcr.io/eventpipeline/pipeline-job:0.1.0\n"
                                        + "    jobManager: {resources: {cpu: 1}}\n"
                                        + "    taskManager: {resources: {memory: 4Gi}}\n"));

        assertThat(problems)
                .extracting(ValidationProblem::path)
                .containsExactly(
                        "spec.flink.image", "spec.flink.jobManager", "spec.flink.taskManager");
        assertThat(problems.get(2).message())
                .isEqualTo(
                        "a session job runs in the session cluster's TaskManagers, sized by the"
                                + " session cluster; remove it, or remove spec.flink.sessionCluster"
                                + " to run the pipeline in a cluster of its own");
    }

    @Test
    void clusterLevelFlinkKeysAreRefusedJobLevelOnesAllowed() throws Exception {
        List<ValidationProblem> problems =
                problems(
                        ENV,
                        onSession(
                                "    flinkConfiguration:\n"
                                        + "      taskmanager.numberOfTaskSlots: \"4\"\n"
                                        + "      state.backend.type: rocksdb\n"));

        assertThat(problems)
                .singleElement()
                .satisfies(
                        p -> {
                            assertThat(p.path())
                                    .isEqualTo(
                                            "spec.flink.flinkConfiguration."
                                                    + "taskmanager.numberOfTaskSlots");
                            assertThat(p.message()).contains("set it on the session cluster");
                        });
    }

    @Test
    void anOperatorWithoutAJobJarUriRunsNoSessionJobs() throws Exception {
        Map<String, String> env = new HashMap<>(ENV);
        env.remove("EP_SESSION_JOB_JAR_URI");

        assertThat(problems(env, onSession("")))
                .singleElement()
                .satisfies(
                        p -> {
                            assertThat(p.path()).isEqualTo("spec.flink.sessionCluster");
                            assertThat(p.message()).contains("EP_SESSION_JOB_JAR_URI");
                        });
    }

    @Test
    void kafkaCredentialsCannotReachASessionClustersPods() throws Exception {
        String yaml =
                onSession("")
                        .replace(
                                "spec:\n  input:",
                                "spec:\n  kafka:\n    authSecretRef: {name: kafka-client}\n"
                                        + "  input:");

        assertThat(problems(ENV, yaml))
                .singleElement()
                .satisfies(
                        p -> {
                            assertThat(p.path()).isEqualTo("spec.flink.sessionCluster");
                            assertThat(p.message())
                                    .contains("Secret kafka-client, from spec.kafka.authSecretRef");
                        });
        // The same pipeline in a cluster of its own is fine.
        assertThat(
                        problems(
                                ENV,
                                example()
                                        .replace(
                                                "spec:\n  input:",
                                                "spec:\n"
                                                    + "  kafka:\n"
                                                    + "    authSecretRef: {name: kafka-client}\n"
                                                    + "  input:")))
                .isEmpty();
    }

    @Test
    void aSessionClusterNameMustBeAKubernetesName() throws Exception {
        assertThat(problems(ENV, SessionClusters.onSessionCluster(example(), "Shared_Cluster")))
                .extracting(ValidationProblem::path)
                .contains("spec.flink.sessionCluster");
    }

    @Test
    void aJarUriTheFlinkOperatorCannotFetchStopsTheOperatorAtStart() {
        Map<String, String> env = new HashMap<>(ENV);
        env.put("EP_SESSION_JOB_JAR_URI", "local:///opt/flink/usrlib/pipeline-job.jar");
        assertThatThrownBy(() -> OperatorConfig.fromEnvironment(env))
                .hasMessageStartingWith("EP_SESSION_JOB_JAR_URI: the Flink Kubernetes Operator");
    }
}
