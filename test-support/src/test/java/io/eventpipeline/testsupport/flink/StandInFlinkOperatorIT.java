package io.eventpipeline.testsupport.flink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.eventpipeline.testsupport.kubernetes.MockKubernetes;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.kubernetes.operator.api.FlinkDeployment;
import org.apache.flink.kubernetes.operator.api.spec.FlinkDeploymentSpec;
import org.apache.flink.kubernetes.operator.api.status.ReconciliationState;
import org.junit.jupiter.api.Test;

class StandInFlinkOperatorIT {
    @Test
    void reportsEachDeploymentsJobRunningOnce() throws Exception {
        List<String> notices = new CopyOnWriteArrayList<>();
        try (MockKubernetes kube = MockKubernetes.start();
                StandInFlinkOperator flink =
                        StandInFlinkOperator.reportingRunning(
                                kube.client(), "stand-in", notices::add)) {
            var deployments = kube.client().resources(FlinkDeployment.class).inNamespace("ns");
            deployments.resource(deployment("job")).create();

            FlinkDeployment reported =
                    await().atMost(Duration.ofSeconds(10))
                            .until(
                                    () -> deployments.withName("job").get(),
                                    d -> d.getStatus().getJobStatus().getState() != null);
            assertThat(reported.getStatus().getJobStatus().getState()).isEqualTo(JobStatus.RUNNING);
            assertThat(reported.getStatus().getJobStatus().getJobId())
                    .isEqualTo(FlinkStatusWriter.JOB_ID);
            assertThat(reported.getStatus().getReconciliationStatus().getState())
                    .isEqualTo(ReconciliationState.DEPLOYED);
            assertThat(reported.getStatus().getObservedGeneration())
                    .isEqualTo(reported.getMetadata().getGeneration());
            // Once: its own status write is an update it does not answer.
            Thread.sleep(300);
            assertThat(kube.writesTo("/flinkdeployments/job/status")).isEqualTo(1);
            assertThat(notices).isEmpty();
        }
    }

    @Test
    void hasItsBehaviourReconcileAddsChangesAndDeletesOnItsOneThread() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        StandInFlinkOperator.Behaviour record =
                (namespace, name, deployment) ->
                        seen.add(
                                Thread.currentThread().getName()
                                        + " "
                                        + name
                                        + (deployment == null ? " gone" : " present"));
        try (MockKubernetes kube = MockKubernetes.start();
                StandInFlinkOperator flink =
                        StandInFlinkOperator.start(
                                kube.client(), "stand-in", Duration.ZERO, record, seen::add)) {
            var deployments = kube.client().resources(FlinkDeployment.class).inNamespace("ns");
            deployments.resource(deployment("job")).create();
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> seen.contains("stand-in job present"));
            deployments.withName("job").delete();
            await().atMost(Duration.ofSeconds(10)).until(() -> seen.contains("stand-in job gone"));
        }
    }

    private static FlinkDeployment deployment(String name) {
        FlinkDeployment deployment = new FlinkDeployment();
        deployment.getMetadata().setName(name);
        deployment.setSpec(new FlinkDeploymentSpec());
        return deployment;
    }
}
