package io.eventpipeline.operator.flink;

import static io.eventpipeline.operator.flink.FlinkDeploymentRendererTest.OWNER;
import static io.eventpipeline.operator.flink.FlinkDeploymentRendererTest.example;
import static org.assertj.core.api.Assertions.assertThat;

import io.eventpipeline.operator.config.OperatorConfig;
import io.eventpipeline.operator.reconciler.PipelineResolver;
import io.eventpipeline.operator.testing.CrdSchema;
import io.eventpipeline.operator.testing.Golden;
import io.eventpipeline.operator.testing.SessionClusters;
import io.eventpipeline.spec.PipelineDefinition;
import io.eventpipeline.spec.resolved.ResolvedPipeline;
import io.eventpipeline.spec.validation.PipelineValidator;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.Map;
import org.apache.flink.kubernetes.operator.api.FlinkDeployment;
import org.apache.flink.kubernetes.operator.api.FlinkSessionJob;
import org.apache.flink.kubernetes.operator.api.spec.JobState;
import org.junit.jupiter.api.Test;

class FlinkSessionJobRendererTest {
    static final String JAR =
            "http://eventpipeline-operator-jobs.operators.svc:8080/jobs/pipeline-job.jar";
    static final OperatorConfig CONFIG =
            OperatorConfig.fromEnvironment(
                    Map.of(
                            "EP_KAFKA_BOOTSTRAP_SERVERS", "kafka-bootstrap.kafka:9092",
                            "EP_SAVEPOINT_DIR", "s3://flink-state/savepoints",
                            "EP_CHECKPOINT_DIR", "s3://flink-state/checkpoints",
                            "EP_SESSION_JOB_JAR_URI", JAR));

    static ResolvedPipeline resolved(String yaml) throws Exception {
        return new PipelineResolver(CONFIG, new PipelineValidator())
                .resolve(PipelineDefinition.parse(yaml));
    }

    private final FlinkDeploymentRenderer deployments =
            new FlinkDeploymentRenderer(CONFIG.jobDefaults());
    private final FlinkSessionJobRenderer renderer = new FlinkSessionJobRenderer(deployments, JAR);

    static String onSession() throws Exception {
        return SessionClusters.onSessionCluster(example(), "shared");
    }

    @Test
    void rendersTheExampleExactlyAsTheGoldenFile() throws Exception {
        String yaml = Serialization.asYaml(renderer.render(resolved(onSession()), OWNER));
        Golden.assertMatches("flight-delays.flinksessionjob.yaml", yaml);
    }

    @Test
    void rendersTheSameBytesEveryTime() throws Exception {
        String first = Serialization.asYaml(renderer.render(resolved(onSession()), OWNER));
        String again = Serialization.asYaml(renderer.render(resolved(onSession()), OWNER));
        assertThat(first).isEqualTo(again);
    }

    @Test
    void isValidAgainstTheFlinkOperatorsOwnCrdSchema() throws Exception {
        CrdSchema schema =
                CrdSchema.fromResource(
                        "/META-INF/fabric8/flinksessionjobs.flink.apache.org-v1.yml", "v1beta1");
        FlinkSessionJob rendered = renderer.render(resolved(onSession()), OWNER);
        assertThat(schema.problems(rendered)).isEmpty();
        assertThat(rendered.getApiVersion()).isEqualTo("flink.apache.org/v1beta1");
        assertThat(rendered.getKind()).isEqualTo("FlinkSessionJob");
    }

    @Test
    void runsTheJobTheSamePipelineWouldRunInAClusterOfItsOwn() throws Exception {
        ResolvedPipeline pipeline = resolved(onSession());
        FlinkSessionJob job = renderer.render(pipeline, OWNER);
        FlinkDeployment own = deployments.render(pipeline, OWNER);

        assertThat(job.getMetadata()).isEqualTo(own.getMetadata());
        assertThat(job.getSpec().getDeploymentName()).isEqualTo("shared");
        assertThat(job.getSpec().getJob().getJarURI()).isEqualTo(JAR);
        assertThat(job.getSpec().getJob().getArgs()).isEqualTo(own.getSpec().getJob().getArgs());
        assertThat(job.getSpec().getJob().getParallelism()).isEqualTo(2);
        assertThat(job.getSpec().getJob().getUpgradeMode())
                .isEqualTo(own.getSpec().getJob().getUpgradeMode());
        assertThat(job.getSpec().getJob().getAllowNonRestoredState()).isTrue();
        assertThat(job.getSpec().getJob().getState()).isEqualTo(JobState.RUNNING);
    }

    @Test
    void keepsTheJobsKeysAndLeavesTheClustersToTheSessionCluster() throws Exception {
        FlinkSessionJob job = renderer.render(resolved(onSession()), OWNER);

        assertThat(job.getSpec().getFlinkConfiguration())
                .containsEntry("execution.checkpointing.interval", "30000 ms")
                .containsEntry("state.checkpoints.dir", "s3://flink-state/checkpoints")
                .containsEntry("state.savepoints.dir", "s3://flink-state/savepoints")
                .containsEntry("pipeline.max-parallelism", "128")
                .containsKey("kubernetes.operator.periodic.savepoint.interval")
                .doesNotContainKeys(
                        "taskmanager.numberOfTaskSlots",
                        "high-availability.type",
                        "high-availability.storageDir",
                        "metrics.reporter.prom.port",
                        "metrics.reporter.prom.factory.class",
                        "env.java.opts.taskmanager");
    }

    @Test
    void suspendIsTheSessionJobsState() throws Exception {
        FlinkSessionJob job =
                renderer.render(
                        resolved(onSession().replace("suspend: false", "suspend: true")), OWNER);
        assertThat(job.getSpec().getJob().getState()).isEqualTo(JobState.SUSPENDED);
    }
}
