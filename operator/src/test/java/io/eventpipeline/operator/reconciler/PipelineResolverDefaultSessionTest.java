package io.eventpipeline.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventpipeline.operator.api.EventPipeline;
import io.eventpipeline.operator.api.EventPipelineStatus;
import io.eventpipeline.operator.api.JobSummary;
import io.eventpipeline.operator.config.OperatorConfig;
import io.eventpipeline.operator.flink.FlinkSessionJobRenderer;
import io.eventpipeline.operator.testing.Pipelines;
import io.eventpipeline.operator.testing.SessionClusters;
import io.eventpipeline.spec.PipelineDefinition;
import io.eventpipeline.spec.validation.PipelineValidator;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Where a pipeline naming no session cluster runs when the operator has a default one: on it,
 * unless it asks for what a session job cannot have, or already runs in a cluster of its own.
 */
class PipelineResolverDefaultSessionTest {
    static final Map<String, String> ENV =
            Map.of(
                    "EP_KAFKA_BOOTSTRAP_SERVERS", "kafka:9092",
                    "EP_SAVEPOINT_DIR", "s3://state/savepoints",
                    "EP_CHECKPOINT_DIR", "s3://state/checkpoints",
                    "EP_SESSION_JOB_JAR_URI", "http://jobs/pipeline-job.jar",
                    "EP_DEFAULT_SESSION_CLUSTER", "shared");

    static PipelineResolver resolver(Map<String, String> more) {
        Map<String, String> env = new HashMap<>(ENV);
        env.putAll(more);
        return new PipelineResolver(OperatorConfig.fromEnvironment(env), new PipelineValidator());
    }

    /** The example pipeline without resources of its own, with these lines under spec.flink. */
    static String pipeline(String... flink) {
        return SessionClusters.withoutOwnResources(Pipelines.flightDelays("shop", "orders"), flink);
    }

    static String cluster(PipelineResolver resolver, String yaml) throws Exception {
        return FlinkSessionJobRenderer.sessionCluster(
                resolver.resolve(PipelineDefinition.parse(yaml)));
    }

    @Test
    void aPipelineNamingNoneRunsOnTheDefaultAndOneNamingItsOwnOnThat() throws Exception {
        PipelineResolver resolver = resolver(Map.of());
        assertThat(cluster(resolver, pipeline())).isEqualTo("shared");
        assertThat(
                        cluster(
                                resolver,
                                pipeline(
                                        "flinkConfiguration: {execution.checkpointing.timeout:"
                                                + " 5m}")))
                .isEqualTo("shared");
        assertThat(cluster(resolver, pipeline("sessionCluster: team"))).isEqualTo("team");
        // Without a default, as before.
        Map<String, String> withoutDefault = new HashMap<>(ENV);
        withoutDefault.remove("EP_DEFAULT_SESSION_CLUSTER");
        assertThat(
                        cluster(
                                new PipelineResolver(
                                        OperatorConfig.fromEnvironment(withoutDefault),
                                        new PipelineValidator()),
                                pipeline()))
                .isNull();
    }

    @Test
    void aPipelineAskingForWhatASessionJobCannotHaveGetsAClusterOfItsOwn() throws Exception {
        PipelineResolver resolver = resolver(Map.of());
        assertThat(cluster(resolver, pipeline("taskManager: {resources: {cpu: 2, memory: 4Gi}}")))
                .isNull();
        assertThat(cluster(resolver, pipeline("image: ghcr.io/eventpipeline/pipeline-job:0.0.9")))
                .isNull();
        assertThat(
                        cluster(
                                resolver,
                                pipeline(
                                        "flinkConfiguration:"
                                                + " {taskmanager.memory.managed.fraction: '0.2'}")))
                .isNull();
        // The operator's default Kafka credentials are a Secret the session cluster's pods lack.
        assertThat(cluster(resolver(Map.of("EP_KAFKA_AUTH_SECRET", "kafka-client")), pipeline()))
                .isNull();
    }

    @Test
    void aPipelineRunningInAClusterOfItsOwnStaysThere() throws Exception {
        PipelineResolver resolver = resolver(Map.of());
        EventPipeline running = pipelineResource(JobSummary.APPLICATION);
        EventPipeline onSession = pipelineResource(JobSummary.SESSION);
        EventPipeline fresh = pipelineResource(null);

        assertThat(FlinkSessionJobRenderer.sessionCluster(resolver.resolve(running))).isNull();
        assertThat(FlinkSessionJobRenderer.sessionCluster(resolver.resolve(fresh, true))).isNull();
        assertThat(FlinkSessionJobRenderer.sessionCluster(resolver.resolve(fresh)))
                .isEqualTo("shared");
        assertThat(FlinkSessionJobRenderer.sessionCluster(resolver.resolve(onSession)))
                .isEqualTo("shared");
        // The stored spec is never changed: the default is resolved, not written.
        assertThat(fresh.getSpec().getFlink().getSessionCluster()).isNull();
    }

    static EventPipeline pipelineResource(String mode) throws Exception {
        PipelineDefinition definition = PipelineDefinition.parse(pipeline());
        EventPipeline pipeline = new EventPipeline();
        pipeline.setMetadata(
                new ObjectMetaBuilder()
                        .withName(definition.name())
                        .withNamespace(definition.namespace())
                        .build());
        pipeline.setSpec(definition.spec());
        if (mode != null) {
            EventPipelineStatus status = new EventPipelineStatus();
            status.setJob(new JobSummary().setMode(mode));
            pipeline.setStatus(status);
        }
        return pipeline;
    }
}
