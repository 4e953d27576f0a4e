package io.eventpipeline.operator.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
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
                                        Map.of("EP_LEADER_ELECTION_ENABLED", "true")))
                .hasMessageContaining("EP_LEADER_ELECTION_NAMESPACE");
    }
}
