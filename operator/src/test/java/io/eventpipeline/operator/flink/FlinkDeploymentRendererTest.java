package io.eventpipeline.operator.flink;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventpipeline.operator.config.JobDefaults;
import io.eventpipeline.operator.config.OperatorConfig;
import io.eventpipeline.operator.reconciler.PipelineResolver;
import io.eventpipeline.operator.testing.CrdSchema;
import io.eventpipeline.operator.testing.Golden;
import io.eventpipeline.spec.KafkaAuthSettings;
import io.eventpipeline.spec.PipelineDefinition;
import io.eventpipeline.spec.PipelineJobArgs;
import io.eventpipeline.spec.resolved.ResolvedPipeline;
import io.eventpipeline.spec.validation.PipelineValidator;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.flink.kubernetes.operator.api.FlinkDeployment;
import org.apache.flink.kubernetes.operator.api.spec.JobState;
import org.apache.flink.kubernetes.operator.api.spec.UpgradeMode;
import org.junit.jupiter.api.Test;

class FlinkDeploymentRendererTest {
    static final Path EXAMPLE = Path.of("../examples/flight-delays.yaml");
    static final OperatorConfig CONFIG =
            OperatorConfig.fromEnvironment(
                    Map.of(
                            "EP_KAFKA_BOOTSTRAP_SERVERS", "kafka-bootstrap.kafka:9092",
                            "EP_SAVEPOINT_DIR", "s3://flink-state/savepoints",
                            "EP_CHECKPOINT_DIR", "s3://flink-state/checkpoints"));
    static final OwnerReference OWNER =
            new OwnerReferenceBuilder()
                    .withApiVersion("eventpipeline.io/v1alpha1")
                    .withKind("EventPipeline")
                    .withName("flight-delays")
                    .withUid("6f1f7c1e-0000-4000-8000-000000000001")
                    .withController(true)
                    .withBlockOwnerDeletion(true)
                    .build();

    private final FlinkDeploymentRenderer renderer =
            new FlinkDeploymentRenderer(CONFIG.jobDefaults());

    static ResolvedPipeline resolved(String yaml) throws Exception {
        return new PipelineResolver(CONFIG, new PipelineValidator())
                .resolve(PipelineDefinition.parse(yaml));
    }

    static String example() throws Exception {
        return Files.readString(EXAMPLE);
    }

    @Test
    void rendersTheExampleExactlyAsTheGoldenFile() throws Exception {
        String yaml = Serialization.asYaml(renderer.render(resolved(example()), OWNER));
        Golden.assertMatches("flight-delays.flinkdeployment.yaml", yaml);
    }

    @Test
    void rendersTheSameBytesForTheSameSpecWhateverTheMapOrder() throws Exception {
        String reordered =
                example()
                        .replace(
                                "    config:\n      retention.ms: \"86400000\"\n",
                                "    config:\n"
                                        + "      retention.ms: \"86400000\"\n"
                                        + "      cleanup.policy: delete\n");
        String swapped =
                example()
                        .replace(
                                "    config:\n      retention.ms: \"86400000\"\n",
                                "    config:\n"
                                        + "      cleanup.policy: delete\n"
                                        + "      retention.ms: \"86400000\"\n");
        String first = Serialization.asYaml(renderer.render(resolved(reordered), OWNER));
        String second = Serialization.asYaml(renderer.render(resolved(swapped), OWNER));
        String again = Serialization.asYaml(renderer.render(resolved(reordered), OWNER));
        assertThat(first).isEqualTo(second).isEqualTo(again);
    }

    @Test
    void isValidAgainstTheFlinkOperatorsOwnCrdSchema() throws Exception {
        CrdSchema schema =
                CrdSchema.fromResource(
                        "/META-INF/fabric8/flinkdeployments.flink.apache.org-v1.yml", "v1beta1");
        FlinkDeployment rendered = renderer.render(resolved(withAuthSecret(example())), OWNER);
        assertThat(schema.problems(rendered)).isEmpty();
        assertThat(rendered.getApiVersion()).isEqualTo("flink.apache.org/v1beta1");
    }

    @Test
    void schemaCheckCatchesAFieldTheServerWouldDrop() throws Exception {
        CrdSchema schema =
                CrdSchema.fromResource(
                        "/META-INF/fabric8/flinkdeployments.flink.apache.org-v1.yml", "v1beta1");
        @SuppressWarnings("unchecked")
        Map<String, Object> rendered =
                Serialization.jsonMapper()
                        .convertValue(renderer.render(resolved(example()), OWNER), Map.class);
        ((Map<String, Object>) rendered.get("spec")).put("parallelism", 3);
        assertThat(schema.problems(rendered))
                .anyMatch(p -> p.contains(".spec.parallelism") && p.contains("drop"));
    }

    @Test
    void carriesThePipelineAsJobArgumentsTheJobCanDecode() throws Exception {
        ResolvedPipeline pipeline = resolved(example());
        FlinkDeployment rendered = renderer.render(pipeline, OWNER);
        PipelineDefinition decoded =
                PipelineJobArgs.decode(List.of(rendered.getSpec().getJob().getArgs()));
        assertThat(decoded.toJson())
                .isEqualTo(PipelineJobArgs.jobView(pipeline.definition()).toJson());
        assertThat(decoded.spec().getPatterns()).hasSize(1);
        assertThat(decoded.spec().getKafka().getBootstrapServers())
                .isEqualTo("kafka-bootstrap.kafka:9092");
        assertThat(rendered.getSpec().getJob().getParallelism()).isEqualTo(2);
        assertThat(rendered.getSpec().getJob().getUpgradeMode()).isEqualTo(UpgradeMode.SAVEPOINT);
        assertThat(rendered.getSpec().getJob().getAllowNonRestoredState()).isTrue();
        assertThat(rendered.getMetadata().getOwnerReferences()).containsExactly(OWNER);
    }

    @Test
    void changesOnlyTheOperatorReadsLeaveTheFlinkDeploymentByteForByte() throws Exception {
        String before = Serialization.asYaml(renderer.render(resolved(example()), OWNER));
        String operatorOnly =
                example()
                        .replace("partitions: 6", "partitions: 12")
                        .replace("replicationFactor: 1", "replicationFactor: 3")
                        .replace("retention.ms: \"86400000\"", "retention.ms: \"172800000\"")
                        .replace("topicDeletionPolicy: Retain", "topicDeletionPolicy: Delete");
        assertThat(operatorOnly).isNotEqualTo(example());
        assertThat(Serialization.asYaml(renderer.render(resolved(operatorOnly), OWNER)))
                .isEqualTo(before);
        // What the job reads does change it.
        String jobReads = example().replace("within: 2h", "within: 3h");
        assertThat(Serialization.asYaml(renderer.render(resolved(jobReads), OWNER)))
                .isNotEqualTo(before);
    }

    @Test
    void suspendRendersASuspendedJob() throws Exception {
        FlinkDeployment rendered =
                renderer.render(
                        resolved(example().replace("suspend: false", "suspend: true")), OWNER);
        assertThat(rendered.getSpec().getJob().getState()).isEqualTo(JobState.SUSPENDED);
    }

    @Test
    void credentialsOnlyAsSecretKeyRefs() throws Exception {
        FlinkDeployment rendered = renderer.render(resolved(withAuthSecret(example())), OWNER);
        List<EnvVar> env =
                rendered.getSpec().getPodTemplate().getSpec().getContainers().get(0).getEnv();
        assertThat(env).hasSize(KafkaAuthSettings.SECRET_KEYS.size());
        assertThat(env)
                .allSatisfy(
                        e -> {
                            assertThat(e.getValue()).isNull();
                            assertThat(e.getValueFrom().getSecretKeyRef().getName())
                                    .isEqualTo("kafka-client");
                            assertThat(e.getValueFrom().getSecretKeyRef().getOptional()).isTrue();
                        });
        assertThat(env)
                .anySatisfy(
                        e -> {
                            assertThat(e.getName()).isEqualTo("KAFKA_AUTH_SASL_JAAS_CONFIG");
                            assertThat(e.getValueFrom().getSecretKeyRef().getKey())
                                    .isEqualTo("sasl.jaas.config");
                        });
    }

    @Test
    void podsRunAsNonRootWithoutPrivilegeEscalation() throws Exception {
        var pod = renderer.render(resolved(example()), OWNER).getSpec().getPodTemplate().getSpec();
        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        var container = pod.getContainers().get(0);
        assertThat(container.getName()).isEqualTo("flink-main-container");
        assertThat(container.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
        assertThat(container.getSecurityContext().getCapabilities().getDrop())
                .containsExactly("ALL");
    }

    static final CrdSchema FLINK_SCHEMA =
            CrdSchema.fromResource(
                    "/META-INF/fabric8/flinkdeployments.flink.apache.org-v1.yml", "v1beta1");

    static FlinkDeployment render(Map<String, String> env, String yaml) throws Exception {
        Map<String, String> vars = new java.util.HashMap<>(env);
        vars.put("EP_KAFKA_BOOTSTRAP_SERVERS", "kafka-bootstrap.kafka:9092");
        OperatorConfig config = OperatorConfig.fromEnvironment(vars);
        ResolvedPipeline pipeline =
                new PipelineResolver(config, new PipelineValidator())
                        .resolve(PipelineDefinition.parse(yaml));
        FlinkDeployment rendered =
                new FlinkDeploymentRenderer(config.jobDefaults()).render(pipeline, OWNER);
        assertThat(FLINK_SCHEMA.problems(rendered)).isEmpty();
        return rendered;
    }

    static String withFlink(String flinkBlock) throws Exception {
        String example = example();
        return example.substring(0, example.indexOf("  flink:\n"))
                + flinkBlock
                + example.substring(example.indexOf("  suspend:"));
    }

    @Test
    void lastStateWithTheCheckpointDirOnlyInThePipelineGetsHaWithAStorageDir() throws Exception {
        Map<String, String> conf =
                render(
                                Map.of(),
                                withFlink(
                                        "  flink:\n    upgradeMode: last-state\n"
                                                + "    flinkConfiguration: {state.checkpoints.dir:"
                                                + " \"s3://team-a/checkpoints/\"}\n"))
                        .getSpec()
                        .getFlinkConfiguration();
        assertThat(conf)
                .containsEntry("high-availability.type", "kubernetes")
                .containsEntry("high-availability.storageDir", "s3://team-a/checkpoints/ha/airline")
                .containsEntry("state.checkpoints.dir", "s3://team-a/checkpoints/")
                // No savepoint directory anywhere: no periodic savepoints the Flink operator
                // would refuse.
                .doesNotContainKeys(
                        "state.savepoints.dir", "kubernetes.operator.periodic.savepoint.interval");
    }

    @Test
    void savepointModeGetsHaAndPeriodicSavepointsFromTheOperatorsDirectories() throws Exception {
        FlinkDeployment rendered = renderer.render(resolved(example()), OWNER);
        assertThat(rendered.getSpec().getJob().getUpgradeMode()).isEqualTo(UpgradeMode.SAVEPOINT);
        assertThat(rendered.getSpec().getFlinkConfiguration())
                .containsEntry("high-availability.type", "kubernetes")
                .containsEntry(
                        "high-availability.storageDir", "s3://flink-state/checkpoints/ha/airline")
                .containsEntry("kubernetes.operator.periodic.savepoint.interval", "21600000 ms")
                .containsEntry("kubernetes.operator.savepoint.history.max.count", "10")
                .containsEntry("kubernetes.operator.savepoint.history.max.age", "259200000 ms")
                .containsEntry("pipeline.max-parallelism", "128");
        assertThat(FLINK_SCHEMA.problems(rendered)).isEmpty();
    }

    @Test
    void aPipelinesAllowedKeysOverrideTheOperatorsDefaults() throws Exception {
        Map<String, String> conf =
                render(
                                Map.of(
                                        "EP_SAVEPOINT_DIR", "s3://flink-state/savepoints",
                                        "EP_CHECKPOINT_DIR", "s3://flink-state/checkpoints"),
                                withFlink(
                                        "  flink:\n"
                                                + "    flinkConfiguration:\n"
                                                + "      taskmanager.numberOfTaskSlots: \"2\"\n"
                                                + "      pipeline.max-parallelism: \"512\"\n"
                                                + "      state.checkpoints.dir: s3://team-a/cp\n"))
                        .getSpec()
                        .getFlinkConfiguration();
        assertThat(conf)
                .containsEntry("taskmanager.numberOfTaskSlots", "2")
                .containsEntry("pipeline.max-parallelism", "512")
                .containsEntry("state.checkpoints.dir", "s3://team-a/cp")
                // HA follows the pipeline's checkpoint directory, kept apart per namespace.
                .containsEntry("high-availability.storageDir", "s3://team-a/cp/ha/airline")
                .containsEntry("kubernetes.operator.savepoint.history.max.count", "10");
    }

    private static final Map<String, String> DIRS =
            Map.of(
                    "EP_SAVEPOINT_DIR", "s3://flink-state/savepoints",
                    "EP_CHECKPOINT_DIR", "s3://flink-state/checkpoints");

    /** The flinkConfiguration rendered for the example with its spec.flink block replaced. */
    private static Map<String, String> flinkConfiguration(
            Map<String, String> env, String flinkBlock) throws Exception {
        return render(env, withFlink(flinkBlock)).getSpec().getFlinkConfiguration();
    }

    @Test
    void stateOnTheHeapGetsTheManagedMemoryAsHeapAndRocksDbKeepsIt() throws Exception {
        Map<String, String> heap = render(DIRS, example()).getSpec().getFlinkConfiguration();
        Map<String, String> hashmap =
                flinkConfiguration(
                        DIRS,
                        "  flink:\n"
                                + "    flinkConfiguration:\n"
                                + "      state.backend.type: hashmap\n");
        Map<String, String> rocksdb =
                flinkConfiguration(
                        DIRS,
                        "  flink:\n"
                                + "    flinkConfiguration:\n"
                                + "      state.backend.type: rocksdb\n");
        Map<String, String> ownSplit =
                flinkConfiguration(
                        DIRS,
                        "  flink:\n"
                                + "    flinkConfiguration:\n"
                                + "      taskmanager.memory.managed.fraction:"
                                + " \"0.2\"\n");

        assertThat(heap).containsEntry("taskmanager.memory.managed.fraction", "0");
        assertThat(hashmap).containsEntry("taskmanager.memory.managed.fraction", "0");
        // RocksDB lives in managed memory: Flink's default split stays.
        assertThat(rocksdb).doesNotContainKey("taskmanager.memory.managed.fraction");
        assertThat(ownSplit).containsEntry("taskmanager.memory.managed.fraction", "0.2");
    }

    /**
     * The job image's collector (its Java's, set by the platform team with the image) where the
     * pipeline runs that image; G1 on any other (an older tag of the job image runs Java 17, which
     * refuses ZGenerational); nothing of the operator's where the pipeline gives JVM options.
     */
    @Test
    void theTaskManagerRunsTheJobImagesCollectorG1OnOtherImagesOrThePipelinesOwnOptions()
            throws Exception {
        Map<String, String> defaults = render(DIRS, example()).getSpec().getFlinkConfiguration();
        Map<String, String> olderTag =
                flinkConfiguration(
                        DIRS,
                        "  flink:\n"
                                + "    image:"
                                + " ghcr.io/eventpipeline/pipeline-job:0.0.9\n");
        Map<String, String> sameImageNamed =
                flinkConfiguration(
                        DIRS, "  flink:\n    image: " + JobDefaults.DEFAULT_IMAGE + "\n");
        Map<String, String> platformOptions = new java.util.HashMap<>(DIRS);
        platformOptions.put("EP_TASKMANAGER_JVM_OPTIONS", "-XX:+UseG1GC -XX:MaxGCPauseMillis=50");
        Map<String, String> platformChosen =
                render(platformOptions, example()).getSpec().getFlinkConfiguration();
        // Keys the platform team may allow: Flink joins them, so one collector choice only.
        Map<String, String> allowed = new java.util.HashMap<>(DIRS);
        allowed.put("EP_ALLOWED_FLINK_CONFIGURATION", "env.java.opts.*");
        Map<String, String> all =
                flinkConfiguration(
                        allowed,
                        "  flink:\n"
                                + "    flinkConfiguration:\n"
                                + "      env.java.opts.all: -XX:+UseParallelGC\n");
        Map<String, String> own =
                flinkConfiguration(
                        allowed,
                        "  flink:\n"
                                + "    flinkConfiguration:\n"
                                + "      env.java.opts.taskmanager: -Xss2m\n");

        assertThat(defaults)
                .containsEntry("env.java.opts.taskmanager", "-XX:+UseZGC -XX:+ZGenerational");
        assertThat(sameImageNamed)
                .containsEntry("env.java.opts.taskmanager", "-XX:+UseZGC -XX:+ZGenerational");
        assertThat(olderTag).containsEntry("env.java.opts.taskmanager", "-XX:+UseG1GC");
        assertThat(platformChosen)
                .containsEntry("env.java.opts.taskmanager", "-XX:+UseG1GC -XX:MaxGCPauseMillis=50");
        assertThat(all)
                .containsEntry("env.java.opts.all", "-XX:+UseParallelGC")
                .doesNotContainKey("env.java.opts.taskmanager");
        assertThat(own).containsEntry("env.java.opts.taskmanager", "-Xss2m");
    }

    /**
     * Validation refuses these keys; rendering is the second line: even a pipeline that reached it
     * with them (an operator-owned key is never widened) gets the operator's values, or none.
     */
    @Test
    void operatorOwnedKeysWinOverWhatAPipelineWrites() throws Exception {
        Map<String, String> owned = new java.util.TreeMap<>();
        owned.put("execution.checkpointing.interval", "0 ms");
        owned.put("high-availability.storageDir", "s3://other-team/ha/other-namespace");
        owned.put("kubernetes.operator.savepoint.history.max.count", "100000");
        owned.put("metrics.reporter.prom.port", "22");
        owned.put("kubernetes.jobmanager.service-account", "cluster-admin");
        owned.put("kubernetes.pod-template-file.default", "/tmp/privileged.yaml");
        owned.put("state.backend.type", "rocksdb"); // allowed: kept

        ResolvedPipeline valid = resolved(example());
        valid.spec().getFlink().setFlinkConfiguration(owned);
        Map<String, String> conf = renderer.render(valid, OWNER).getSpec().getFlinkConfiguration();
        assertThat(conf)
                .containsEntry("execution.checkpointing.interval", "30000 ms")
                .containsEntry(
                        "high-availability.storageDir", "s3://flink-state/checkpoints/ha/airline")
                .containsEntry("kubernetes.operator.savepoint.history.max.count", "10")
                .containsEntry("metrics.reporter.prom.port", "9249")
                .containsEntry("state.backend.type", "rocksdb")
                .doesNotContainKeys(
                        "kubernetes.jobmanager.service-account",
                        "kubernetes.pod-template-file.default");
        assertThat(renderer.render(valid, OWNER).getSpec().getServiceAccount()).isEqualTo("flink");

        // Where the operator sets no HA (no checkpoint directory), a pipeline's HA keys are
        // dropped rather than rendered.
        OperatorConfig noDirs =
                OperatorConfig.fromEnvironment(
                        Map.of("EP_KAFKA_BOOTSTRAP_SERVERS", "kafka-bootstrap.kafka:9092"));
        ResolvedPipeline stateless =
                new PipelineResolver(noDirs, new PipelineValidator())
                        .resolve(
                                PipelineDefinition.parse(
                                        withFlink("  flink: {upgradeMode: stateless}\n")));
        stateless
                .spec()
                .getFlink()
                .setFlinkConfiguration(
                        Map.of(
                                "high-availability.type", "zookeeper",
                                "high-availability.zookeeper.quorum", "attacker:2181"));
        assertThat(
                        new FlinkDeploymentRenderer(noDirs.jobDefaults())
                                .render(stateless, OWNER)
                                .getSpec()
                                .getFlinkConfiguration())
                .doesNotContainKeys("high-availability.type", "high-availability.zookeeper.quorum");
    }

    @Test
    void haStorageOfSameNamedPipelinesInTwoNamespacesCannotCollide() throws Exception {
        String other = example().replace("namespace: airline", "namespace: airline-staging");
        for (Map<String, String> env :
                List.of(
                        Map.of(
                                "EP_SAVEPOINT_DIR", "s3://flink-state/savepoints",
                                "EP_CHECKPOINT_DIR", "s3://flink-state/checkpoints"),
                        Map.of(
                                "EP_SAVEPOINT_DIR", "s3://flink-state/savepoints",
                                "EP_CHECKPOINT_DIR", "s3://flink-state/checkpoints",
                                "EP_HA_STORAGE_DIR", "gs://flink-ha/"))) {
            FlinkDeployment first = render(env, example());
            FlinkDeployment second = render(env, other);
            // Flink keeps HA files under <storageDir>/<cluster-id>, and the Flink operator sets
            // the cluster id to the name alone: the same here.
            assertThat(first.getMetadata().getName()).isEqualTo(second.getMetadata().getName());
            String firstDir =
                    first.getSpec().getFlinkConfiguration().get("high-availability.storageDir");
            String secondDir =
                    second.getSpec().getFlinkConfiguration().get("high-availability.storageDir");
            assertThat(firstDir).endsWith("/airline");
            assertThat(secondDir).endsWith("/airline-staging");
            assertThat(firstDir + "/").isNotEqualTo(secondDir + "/");
            assertThat((secondDir + "/").startsWith(firstDir + "/")).isFalse();
        }
        assertThat(
                        render(
                                        Map.of(
                                                "EP_SAVEPOINT_DIR", "s3://sp",
                                                "EP_CHECKPOINT_DIR", "s3://cp",
                                                "EP_HA_STORAGE_DIR", "gs://flink-ha/"),
                                        example())
                                .getSpec()
                                .getFlinkConfiguration())
                .containsEntry("high-availability.storageDir", "gs://flink-ha/airline");
    }

    @Test
    void aStatelessPipelineWithoutDirectoriesRendersNoHaAndNoSavepointSchedule() throws Exception {
        Map<String, String> conf =
                render(Map.of(), withFlink("  flink: {upgradeMode: stateless}\n"))
                        .getSpec()
                        .getFlinkConfiguration();
        assertThat(conf)
                .doesNotContainKeys(
                        "high-availability.type",
                        "high-availability.storageDir",
                        "kubernetes.operator.periodic.savepoint.interval",
                        "kubernetes.operator.savepoint.history.max.count")
                .containsEntry("pipeline.max-parallelism", "128");
    }

    @Test
    void periodicSavepointsCanBeTurnedOffOperatorWide() throws Exception {
        Map<String, String> conf =
                render(
                                Map.of(
                                        "EP_SAVEPOINT_DIR", "s3://sp",
                                        "EP_CHECKPOINT_DIR", "s3://cp",
                                        "EP_PERIODIC_SAVEPOINT_INTERVAL", "off"),
                                example())
                        .getSpec()
                        .getFlinkConfiguration();
        assertThat(conf)
                .doesNotContainKey("kubernetes.operator.periodic.savepoint.interval")
                .containsEntry("kubernetes.operator.savepoint.history.max.count", "10");
    }

    @Test
    void storageCredentialsReachThePodsOnlyAsASecretReference() throws Exception {
        FlinkDeployment rendered =
                render(
                        Map.of(
                                "EP_SAVEPOINT_DIR", "s3://sp",
                                "EP_CHECKPOINT_DIR", "s3://cp",
                                "EP_FLINK_CREDENTIALS_SECRET", "flink-s3"),
                        example());
        var container = rendered.getSpec().getPodTemplate().getSpec().getContainers().get(0);
        assertThat(container.getEnvFrom())
                .singleElement()
                .satisfies(
                        from -> {
                            assertThat(from.getSecretRef().getName()).isEqualTo("flink-s3");
                            // A missing Secret stops the pod with a clear event instead of a job
                            // failing later on access denied.
                            assertThat(from.getSecretRef().getOptional()).isFalse();
                        });
        assertThat(container.getEnv()).isEmpty();
        assertThat(renderer.render(resolved(example()), OWNER).getSpec().getPodTemplate())
                .satisfies(
                        pod ->
                                assertThat(pod.getSpec().getContainers().get(0).getEnvFrom())
                                        .isEmpty());
    }

    static String withAuthSecret(String yaml) {
        return yaml.replace(
                "spec:\n  input:",
                "spec:\n  kafka:\n    bootstrapServers: kafka-bootstrap.kafka:9092\n"
                        + "    authSecretRef: {name: kafka-client}\n  input:");
    }
}
