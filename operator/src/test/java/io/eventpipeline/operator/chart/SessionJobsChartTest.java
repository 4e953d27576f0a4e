package io.eventpipeline.operator.chart;

import static io.eventpipeline.operator.chart.HelmChart.FULLNAME;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventpipeline.operator.config.JobDefaults;
import io.eventpipeline.operator.config.SessionJobDefaults;
import io.eventpipeline.operator.testing.CrdSchema;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apache.flink.kubernetes.operator.api.FlinkDeployment;
import org.junit.jupiter.api.Test;

/** The chart's parts for session jobs: the served job jar, its URI, the managed session cluster. */
class SessionJobsChartTest {

    @Test
    void byDefaultTheOperatorServesTheJobJarBehindAServiceOfItsOwn() {
        HelmChart.Rendered chart = HelmChart.template("");

        Service jobs = chart.named(Service.class, FULLNAME + "-jobs");
        assertThat(jobs.getSpec().getPorts())
                .singleElement()
                .satisfies(
                        p -> {
                            assertThat(p.getPort()).isEqualTo(8080);
                            assertThat(p.getTargetPort().getStrVal()).isEqualTo("http");
                        });
        assertThat(jobs.getSpec().getSelector())
                .isEqualTo(chart.deployment().getSpec().getSelector().getMatchLabels());
        assertThat(chart.operatorConfig().sessionJobs())
                .isEqualTo(
                        new SessionJobDefaults(
                                Optional.of(
                                        "http://"
                                                + FULLNAME
                                                + "-jobs."
                                                + HelmChart.NAMESPACE
                                                + ".svc:8080"
                                                + SessionJobDefaults.JAR_PATH),
                                Optional.of(Path.of("/opt/operator/job/pipeline-job.jar")),
                                Optional.empty()));
        assertThat(chart.ofKind("FlinkDeployment")).as("no session cluster unless asked").isEmpty();
    }

    @Test
    void theServedJarFollowsHttpPort() {
        assertThat(HelmChart.template("httpPort: 9090\n").operatorConfig().sessionJobs().jarUri())
                .hasValue(
                        "http://"
                                + FULLNAME
                                + "-jobs."
                                + HelmChart.NAMESPACE
                                + ".svc:9090/jobs/pipeline-job.jar");
    }

    @Test
    void withoutServingNorAUriThereAreNoSessionJobs() {
        HelmChart.Rendered chart = HelmChart.template("sessionJobs: {serveJar: false}\n");

        assertThat(chart.all(Service.class))
                .extracting(s -> s.getMetadata().getName())
                .doesNotContain(FULLNAME + "-jobs");
        assertThat(chart.operatorConfig().sessionJobs()).isEqualTo(SessionJobDefaults.none());
    }

    @Test
    void aJarUriTheFlinkOperatorCannotFetchIsRefused() {
        assertThatThrownBy(
                        () ->
                                HelmChart.template(
                                        "sessionJobs: {jarURI:"
                                            + " \"local:///opt/flink/usrlib/pipeline-job.jar\"}\n"))
                .hasMessageContaining("jarURI");
    }

    @Test
    void theManagedSessionClusterIsAFlinkDeploymentWithoutAJobInEachWatchedNamespace()
            throws Exception {
        HelmChart.Rendered chart =
                HelmChart.template(
                        """
                        watchNamespaces: [team-a, team-b]
                        job: {checkpointDir: "s3://state/checkpoints", credentialsSecret: flink-s3}
                        sessionJobs:
                          sessionCluster:
                            enabled: true
                            taskManager: {cpu: 4, memory: 8Gi, slots: 16}
                        """);

        List<FlinkDeployment> clusters = sessionClusters(chart);
        assertThat(clusters)
                .extracting(c -> c.getMetadata().getNamespace())
                .containsExactly("team-a", "team-b");
        CrdSchema schema =
                CrdSchema.fromResource(
                        "/META-INF/fabric8/flinkdeployments.flink.apache.org-v1.yml", "v1beta1");
        for (FlinkDeployment cluster : clusters) {
            assertThat(schema.problems(cluster)).isEmpty();
            assertThat(cluster.getMetadata().getName()).isEqualTo("eventpipeline-session");
            assertThat(cluster.getSpec().getJob()).as("a session cluster has no job").isNull();
            assertThat(cluster.getSpec().getFlinkConfiguration())
                    .containsEntry("taskmanager.numberOfTaskSlots", "16")
                    // It runs the job image: its TaskManagers get that image's collector.
                    .containsEntry(
                            "env.java.opts.taskmanager",
                            JobDefaults.DEFAULT_TASK_MANAGER_JVM_OPTIONS)
                    .containsEntry("high-availability.type", "kubernetes")
                    .containsEntry(
                            "high-availability.storageDir",
                            "s3://state/checkpoints/ha/" + cluster.getMetadata().getNamespace());
            assertThat(cluster.getSpec().getTaskManager().getResource().getCpu()).isEqualTo(4.0);
            assertThat(cluster.getSpec().getTaskManager().getResource().getMemory())
                    .isEqualTo("8Gi");
            assertThat(cluster.getSpec().getImage())
                    .startsWith("ghcr.io/eventpipeline/pipeline-job:");
            assertThat(
                            cluster.getSpec()
                                    .getPodTemplate()
                                    .getSpec()
                                    .getContainers()
                                    .get(0)
                                    .getEnvFrom()
                                    .get(0)
                                    .getSecretRef()
                                    .getName())
                    .isEqualTo("flink-s3");
        }
    }

    @Test
    void withoutWatchedNamespacesTheSessionClusterRunsInTheReleaseNamespace() {
        HelmChart.Rendered chart =
                HelmChart.template("sessionJobs: {sessionCluster: {enabled: true}}\n");

        assertThat(sessionClusters(chart))
                .singleElement()
                .satisfies(
                        c -> {
                            assertThat(c.getMetadata().getNamespace())
                                    .isEqualTo(HelmChart.NAMESPACE);
                            assertThat(c.getSpec().getFlinkConfiguration())
                                    .containsEntry("taskmanager.numberOfTaskSlots", "10")
                                    .doesNotContainKey("high-availability.type");
                        });
    }

    static List<FlinkDeployment> sessionClusters(HelmChart.Rendered chart) {
        return chart.ofKind("FlinkDeployment").stream()
                .map(SessionJobsChartTest::asFlinkDeployment)
                .toList();
    }

    private static FlinkDeployment asFlinkDeployment(HasMetadata object) {
        return Serialization.unmarshal(Serialization.asJson(object), FlinkDeployment.class);
    }
}
