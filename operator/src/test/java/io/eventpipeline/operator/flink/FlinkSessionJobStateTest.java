package io.eventpipeline.operator.flink;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventpipeline.operator.api.JobSummary;
import io.eventpipeline.operator.testing.SessionClusters;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.kubernetes.operator.api.FlinkSessionJob;
import org.apache.flink.kubernetes.operator.api.spec.FlinkSessionJobSpec;
import org.apache.flink.kubernetes.operator.api.status.FlinkSessionJobStatus;
import org.apache.flink.kubernetes.operator.api.status.ReconciliationState;
import org.junit.jupiter.api.Test;

class FlinkSessionJobStateTest {

    static FlinkSessionJob job(long generation) {
        FlinkSessionJob job = new FlinkSessionJob();
        job.setMetadata(
                new ObjectMetaBuilder()
                        .withName("orders")
                        .withNamespace("shop")
                        .withGeneration(generation)
                        .addToOwnerReferences(
                                new OwnerReferenceBuilder()
                                        .withKind("EventPipeline")
                                        .withName("orders")
                                        .withController(true)
                                        .build())
                        .build());
        FlinkSessionJobSpec spec = new FlinkSessionJobSpec();
        spec.setDeploymentName("shared");
        job.setSpec(spec);
        job.setStatus(null);
        return job;
    }

    static FlinkSessionJobStatus reported(
            JobStatus state, ReconciliationState reconciliation, long observed) {
        FlinkSessionJobStatus status = new FlinkSessionJobStatus();
        status.getJobStatus().setState(state);
        status.getJobStatus().setJobId("abc");
        status.getReconciliationStatus().setState(reconciliation);
        status.setObservedGeneration(observed);
        return status;
    }

    @Test
    void aSessionJobWithoutStatusIsNamedWithItsModeAndCluster() {
        JobSummary summary = FlinkSessionJobState.summarize(job(1));
        assertThat(summary.getMode()).isEqualTo(JobSummary.SESSION);
        assertThat(summary.getSessionCluster()).isEqualTo("shared");
        assertThat(summary.getFlinkSessionJob()).isEqualTo("orders");
        assertThat(summary.getFlinkDeployment()).isNull();
        assertThat(summary.getJobState()).isNull();
        assertThat(summary.rolloutInFlight()).isFalse();
    }

    @Test
    void aRunningSessionJobReportsItsJobAndLifecycle() {
        FlinkSessionJob job = job(2);
        job.setStatus(reported(JobStatus.RUNNING, ReconciliationState.DEPLOYED, 2));

        JobSummary summary = FlinkSessionJobState.summarize(job);
        assertThat(summary.getJobState()).isEqualTo("RUNNING");
        assertThat(summary.getJobId()).isEqualTo("abc");
        assertThat(summary.getReconciliationState()).isEqualTo("DEPLOYED");
        assertThat(summary.getLifecycleState()).isNotNull();
        assertThat(summary.rolloutInFlight()).isFalse();
    }

    @Test
    void aSpecNotYetObservedOrBeingUpgradedIsARolloutInFlight() {
        FlinkSessionJob behind = job(3);
        behind.setStatus(reported(JobStatus.RUNNING, ReconciliationState.DEPLOYED, 2));
        FlinkSessionJob upgrading = job(3);
        upgrading.setStatus(reported(JobStatus.RUNNING, ReconciliationState.UPGRADING, 3));

        assertThat(FlinkSessionJobState.summarize(behind).rolloutInFlight()).isTrue();
        assertThat(FlinkSessionJobState.summarize(upgrading).rolloutInFlight()).isTrue();
    }

    @Test
    void theErrorIsMirrored() {
        FlinkSessionJob job = job(1);
        FlinkSessionJobStatus status = reported(JobStatus.FAILED, ReconciliationState.DEPLOYED, 1);
        status.setError("jar not found");
        job.setStatus(status);

        JobSummary summary = FlinkSessionJobState.summarize(job);
        assertThat(summary.getJobState()).isEqualTo("FAILED");
        assertThat(summary.getError()).isEqualTo("jar not found");
    }

    @Test
    void onlyAFlinkDeploymentWithoutAJobIsASessionCluster() {
        assertThat(FlinkSessionJobState.isSessionCluster(SessionClusters.sessionCluster("a", "s")))
                .isTrue();
        assertThat(
                        FlinkSessionJobState.isSessionCluster(
                                SessionClusters.applicationCluster("a", "s")))
                .isFalse();
    }

    @Test
    void controlledByNamesThePipeline() {
        var pipeline = new io.eventpipeline.operator.api.EventPipeline();
        pipeline.setMetadata(new ObjectMetaBuilder().withName("orders").build());
        var other = new io.eventpipeline.operator.api.EventPipeline();
        other.setMetadata(new ObjectMetaBuilder().withName("payments").build());

        assertThat(FlinkSessionJobState.controlledBy(job(1), pipeline)).isTrue();
        assertThat(FlinkSessionJobState.controlledBy(job(1), other)).isFalse();
    }
}
