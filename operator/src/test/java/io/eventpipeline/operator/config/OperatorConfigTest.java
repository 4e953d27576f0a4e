package io.eventpipeline.operator.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventpipeline.spec.resolved.ResolvedTopicManagement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OperatorConfigTest {

    @Test
    void defaultsWhenNothingIsSet() {
        OperatorConfig config = OperatorConfig.fromEnvironment(Map.of());
        assertThat(config.defaultBootstrapServers()).isEmpty();
        assertThat(config.watchNamespaces()).isEmpty();
        assertThat(config.leaderElection()).isNull();
        assertThat(config.httpPort()).isEqualTo(8080);
        assertThat(config.kafkaAdminTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.resyncInterval()).isEqualTo(Duration.ofMinutes(5));
        assertThat(config.jobDefaults().image()).isEqualTo(JobDefaults.DEFAULT_IMAGE);
        assertThat(config.jobDefaults().flinkVersion()).isEqualTo("v1_20");
        assertThat(config.jobDefaults().savepointDir()).isEmpty();
        assertThat(config.jobDefaults().maxParallelism()).isEqualTo(128);
        assertThat(config.jobDefaults().haStorageDir()).isEmpty();
        assertThat(config.jobDefaults().credentialsSecret()).isEmpty();
        assertThat(config.jobDefaults().savepoints())
                .isEqualTo(
                        new JobDefaults.SavepointPolicy(
                                Optional.of(Duration.ofHours(6)), 10, Duration.ofDays(3)));
    }

    @Test
    void readsTheFlinkStateVariables() {
        JobDefaults job =
                OperatorConfig.fromEnvironment(
                                Map.of(
                                        "EP_JOB_MAX_PARALLELISM", "256",
                                        "EP_JOB_PARALLELISM", "200",
                                        "EP_HA_STORAGE_DIR", "s3://flink-ha",
                                        "EP_PERIODIC_SAVEPOINT_INTERVAL", "1h30m",
                                        "EP_SAVEPOINT_HISTORY_MAX_COUNT", "24",
                                        "EP_SAVEPOINT_HISTORY_MAX_AGE", "7d",
                                        "EP_FLINK_CREDENTIALS_SECRET", "flink-s3"))
                        .jobDefaults();
        assertThat(job.maxParallelism()).isEqualTo(256);
        assertThat(job.parallelism()).isEqualTo(200);
        assertThat(job.haStorageDir()).contains("s3://flink-ha");
        assertThat(job.savepoints())
                .isEqualTo(
                        new JobDefaults.SavepointPolicy(
                                Optional.of(Duration.ofMinutes(90)), 24, Duration.ofDays(7)));
        assertThat(job.credentialsSecret()).contains("flink-s3");
        assertThat(
                        OperatorConfig.fromEnvironment(
                                        Map.of("EP_PERIODIC_SAVEPOINT_INTERVAL", "off"))
                                .jobDefaults()
                                .savepoints()
                                .periodicInterval())
                .isEmpty();
    }

    @Test
    void aWrongFlinkStateValueNamesTheVariable() {
        for (Map<String, String> env :
                List.of(
                        Map.of("EP_JOB_MAX_PARALLELISM", "0"),
                        Map.of("EP_JOB_MAX_PARALLELISM", "40000"),
                        Map.of("EP_PERIODIC_SAVEPOINT_INTERVAL", "hourly"),
                        Map.of("EP_PERIODIC_SAVEPOINT_INTERVAL", "0s"),
                        Map.of("EP_SAVEPOINT_HISTORY_MAX_COUNT", "0"),
                        Map.of("EP_SAVEPOINT_HISTORY_MAX_AGE", "a week"),
                        Map.of("EP_CHECKPOINT_INTERVAL", "30 seconds"))) {
            String variable = env.keySet().iterator().next();
            assertThatThrownBy(() -> OperatorConfig.fromEnvironment(env))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith(variable);
        }
        // The default parallelism must fit the default max parallelism.
        assertThatThrownBy(
                        () ->
                                OperatorConfig.fromEnvironment(
                                        Map.of(
                                                "EP_JOB_PARALLELISM", "129",
                                                "EP_JOB_MAX_PARALLELISM", "128")))
                .hasMessageStartingWith("EP_JOB_PARALLELISM")
                .hasMessageContaining("EP_JOB_MAX_PARALLELISM (128)");
    }

    @Test
    void readsEveryVariable() {
        OperatorConfig config =
                OperatorConfig.fromEnvironment(
                        Map.ofEntries(
                                Map.entry("EP_KAFKA_BOOTSTRAP_SERVERS", "kafka:9092"),
                                Map.entry("EP_KAFKA_AUTH_SECRET", "kafka-client"),
                                Map.entry("EP_JOB_IMAGE", "registry.local/job:1"),
                                Map.entry("EP_JOB_PARALLELISM", "4"),
                                Map.entry("EP_TASKMANAGER_CPU", "2.5"),
                                Map.entry("EP_TASKMANAGER_JVM_OPTIONS", " -XX:+UseG1GC  -Xss2m "),
                                Map.entry("EP_SAVEPOINT_DIR", "s3://sp"),
                                Map.entry("EP_WATCH_NAMESPACES", " team-a, team-b ,,"),
                                Map.entry("EP_LEADER_ELECTION_ENABLED", "true"),
                                Map.entry("POD_NAMESPACE", "operators"),
                                Map.entry("POD_NAME", "operator-7d9f-abcde"),
                                Map.entry("EP_HTTP_PORT", "9090"),
                                Map.entry("EP_RESYNC_INTERVAL", "1m30s")));
        assertThat(config.defaultBootstrapServers()).contains("kafka:9092");
        assertThat(config.defaultAuthSecret()).contains("kafka-client");
        assertThat(config.jobDefaults().image()).isEqualTo("registry.local/job:1");
        assertThat(config.jobDefaults().parallelism()).isEqualTo(4);
        assertThat(config.jobDefaults().taskManagerCpu()).isEqualTo(2.5);
        assertThat(config.jobDefaults().taskManagerJvmOptions()).isEqualTo("-XX:+UseG1GC  -Xss2m");
        assertThat(config.jobDefaults().savepointDir()).contains("s3://sp");
        assertThat(config.watchNamespaces()).isEqualTo(List.of("team-a", "team-b"));
        assertThat(config.leaderElection())
                .isEqualTo(
                        new OperatorConfig.LeaderElection(
                                "eventpipeline-operator",
                                "operators",
                                "operator-7d9f-abcde",
                                true));
        assertThat(config.httpPort()).isEqualTo(9090);
        assertThat(config.resyncInterval()).isEqualTo(Duration.ofSeconds(90));
    }

    @Test
    void aWrongValueNamesTheVariable() {
        assertThatThrownBy(() -> OperatorConfig.fromEnvironment(Map.of("EP_HTTP_PORT", "eighty")))
                .hasMessageContaining("EP_HTTP_PORT")
                .hasMessageContaining("eighty");
        assertThatThrownBy(
                        () ->
                                OperatorConfig.fromEnvironment(
                                        Map.of("EP_KAFKA_ADMIN_TIMEOUT", "10 seconds")))
                .hasMessageContaining("EP_KAFKA_ADMIN_TIMEOUT");
        assertThatThrownBy(
                        () ->
                                OperatorConfig.fromEnvironment(
                                        Map.of("EP_LEADER_ELECTION_ENABLED", "yes")))
                .hasMessageContaining("EP_LEADER_ELECTION_ENABLED");
        assertThatThrownBy(
                        () ->
                                OperatorConfig.fromEnvironment(
                                        Map.of(
                                                "EP_TASKMANAGER_JVM_OPTIONS",
                                                "-XX:+UseZGC UseG1GC")))
                .hasMessage(
                        "EP_TASKMANAGER_JVM_OPTIONS: 'UseG1GC' is not a JVM option: give options"
                                + " separated by spaces, each starting with -");
        assertThatThrownBy(
                        () ->
                                OperatorConfig.fromEnvironment(
                                        Map.of(
                                                "EP_TASKMANAGER_JVM_OPTIONS",
                                                "-XX:+UseZGC\n-Xss2m")))
                .hasMessageStartingWith("EP_TASKMANAGER_JVM_OPTIONS: '-XX:+UseZGC?-Xss2m'");
        assertThat(OperatorConfig.fromEnvironment(Map.of()).jobDefaults().taskManagerJvmOptions())
                .isEqualTo(JobDefaults.DEFAULT_TASK_MANAGER_JVM_OPTIONS);
        assertThatThrownBy(
                        () ->
                                OperatorConfig.fromEnvironment(
                                        Map.of(
                                                "EP_SESSION_JOB_JAR_URI", "http://jobs/job.jar",
                                                "EP_DEFAULT_SESSION_CLUSTER", "Shared_Cluster")))
                .hasMessage(
                        "EP_DEFAULT_SESSION_CLUSTER: must be the name of a FlinkDeployment"
                                + " (lowercase letters, digits, '-' and '.'), got Shared_Cluster");
        assertThatThrownBy(
                        () ->
                                OperatorConfig.fromEnvironment(
                                        Map.of("EP_DEFAULT_SESSION_CLUSTER", "shared")))
                .hasMessage(
                        "EP_DEFAULT_SESSION_CLUSTER: this operator runs no session jobs: it has no"
                                + " EP_SESSION_JOB_JAR_URI");
        assertThat(
                        OperatorConfig.fromEnvironment(
                                        Map.of(
                                                "EP_SESSION_JOB_JAR_URI", "http://jobs/job.jar",
                                                "EP_DEFAULT_SESSION_CLUSTER", "shared"))
                                .sessionJobs()
                                .defaultCluster())
                .contains("shared");
        assertThatThrownBy(
                        () ->
                                OperatorConfig.fromEnvironment(
                                        Map.of("EP_LEADER_ELECTION_ENABLED", "true")))
                .hasMessageContaining("EP_LEADER_ELECTION_NAMESPACE");
    }

    @Test
    void topicsAreMadeThroughTheAdminApiUnlessStrimziIsNamed() {
        assertThat(OperatorConfig.fromEnvironment(Map.of()).defaultTopics())
                .isEqualTo(ResolvedTopicManagement.ADMIN);
        assertThat(
                        OperatorConfig.fromEnvironment(
                                        Map.of(
                                                "EP_KAFKA_TOPIC_MANAGEMENT", "strimzi",
                                                "EP_KAFKA_STRIMZI_CLUSTER", "events"))
                                .defaultTopics())
                .isEqualTo(ResolvedTopicManagement.strimzi("events"));
    }

    @Test
    void aStrimziDefaultThatCannotWorkStopsTheStartNamingTheVariable() {
        assertThatThrownBy(
                        () ->
                                OperatorConfig.fromEnvironment(
                                        Map.of("EP_KAFKA_TOPIC_MANAGEMENT", "strimzi")))
                .hasMessageContaining("EP_KAFKA_STRIMZI_CLUSTER is required");
        assertThatThrownBy(
                        () ->
                                OperatorConfig.fromEnvironment(
                                        Map.of(
                                                "EP_KAFKA_TOPIC_MANAGEMENT", "strimzi",
                                                "EP_KAFKA_STRIMZI_CLUSTER", "My_Cluster")))
                .hasMessageContaining("EP_KAFKA_STRIMZI_CLUSTER: 'My_Cluster'");
        assertThatThrownBy(
                        () ->
                                OperatorConfig.fromEnvironment(
                                        Map.of("EP_KAFKA_TOPIC_MANAGEMENT", "operator")))
                .hasMessageContaining("EP_KAFKA_TOPIC_MANAGEMENT: expected admin or strimzi");
        assertThatThrownBy(
                        () ->
                                OperatorConfig.fromEnvironment(
                                        Map.of("EP_KAFKA_STRIMZI_CLUSTER", "events")))
                .hasMessageContaining("applies only when EP_KAFKA_TOPIC_MANAGEMENT is strimzi");
    }
}
