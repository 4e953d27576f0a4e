package io.eventpipeline.operator.flink;

import io.eventpipeline.operator.config.JobDefaults;
import io.eventpipeline.spec.PipelineJobArgs;
import io.eventpipeline.spec.model.EventPipelineSpec;
import io.eventpipeline.spec.model.FlinkComponentSpec;
import io.eventpipeline.spec.model.FlinkSpec;
import io.eventpipeline.spec.model.ResourcesSpec;
import io.eventpipeline.spec.resolved.MatcherRules;
import io.eventpipeline.spec.resolved.ResolvedAutoscaler;
import io.eventpipeline.spec.resolved.ResolvedPipeline;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvFromSourceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.flink.kubernetes.operator.api.FlinkDeployment;
import org.apache.flink.kubernetes.operator.api.spec.FlinkDeploymentSpec;
import org.apache.flink.kubernetes.operator.api.spec.FlinkVersion;
import org.apache.flink.kubernetes.operator.api.spec.JobManagerSpec;
import org.apache.flink.kubernetes.operator.api.spec.JobSpec;
import org.apache.flink.kubernetes.operator.api.spec.JobState;
import org.apache.flink.kubernetes.operator.api.spec.Resource;
import org.apache.flink.kubernetes.operator.api.spec.TaskManagerSpec;
import org.apache.flink.kubernetes.operator.api.spec.UpgradeMode;

/**
 * Computes the FlinkDeployment that runs a pipeline. A pure function of the resolved pipeline, its
 * owner and the operator defaults: the same input gives the same object, byte for byte, so an
 * unchanged spec never restarts the job.
 */
public final class FlinkDeploymentRenderer {
    /** The container Flink's pod templates address. */
    static final String MAIN_CONTAINER = "flink-main-container";

    private final JobDefaults defaults;

    public FlinkDeploymentRenderer(JobDefaults defaults) {
        this.defaults = defaults;
    }

    /**
     * @param owner the EventPipeline's owner reference, or {@code null} when rendering without a
     *     cluster
     */
    public FlinkDeployment render(ResolvedPipeline pipeline, OwnerReference owner) {
        return render(pipeline, owner, Optional.empty());
    }

    /**
     * @param credentials the fingerprint of the Kafka credentials the job reads, put on the pod
     *     template so that new credentials restart the job; empty when rendering without a cluster
     *     (no annotation then)
     */
    public FlinkDeployment render(
            ResolvedPipeline pipeline,
            OwnerReference owner,
            Optional<KafkaCredentials> credentials) {
        EventPipelineSpec spec = pipeline.spec();
        FlinkSpec flink = spec.getFlink() == null ? new FlinkSpec() : spec.getFlink();

        FlinkDeploymentSpec deployment = new FlinkDeploymentSpec();
        deployment.setImage(orDefault(flink.getImage(), defaults.image()));
        deployment.setImagePullPolicy("IfNotPresent");
        deployment.setFlinkVersion(FlinkVersion.valueOf(defaults.flinkVersion()));
        deployment.setServiceAccount(defaults.serviceAccount());
        deployment.setFlinkConfiguration(
                FlinkConfiguration.of(pipeline.namespace(), flink, defaults).asMap());
        deployment.setPodTemplate(podTemplate(new KafkaCredentialsTemplate(pipeline.kafka())));
        credentials.ifPresent(
                c ->
                        deployment
                                .getPodTemplate()
                                .setMetadata(
                                        new ObjectMetaBuilder()
                                                .addToAnnotations(
                                                        KafkaCredentials.ANNOTATION,
                                                        c.fingerprint())
                                                .build()));

        JobManagerSpec jobManager = new JobManagerSpec();
        jobManager.setReplicas(1);
        jobManager.setResource(
                resource(
                        flink.getJobManager(),
                        defaults.jobManagerCpu(),
                        defaults.jobManagerMemory()));
        deployment.setJobManager(jobManager);

        TaskManagerSpec taskManager = new TaskManagerSpec();
        taskManager.setResource(
                resource(
                        flink.getTaskManager(),
                        defaults.taskManagerCpu(),
                        defaults.taskManagerMemory()));
        deployment.setTaskManager(taskManager);

        JobSpec job = new JobSpec();
        job.setJarURI(defaults.jarUri());
        job.setArgs(PipelineJobArgs.encode(pipeline.definition()).toArray(String[]::new));
        job.setParallelism(startingParallelism(pipeline, flink));
        job.setUpgradeMode(upgradeMode(pipeline.flink().upgradeMode()));
        job.setState(pipeline.suspend() ? JobState.SUSPENDED : JobState.RUNNING);
        // Changed patterns get new operator uids; their old state must not block the upgrade.
        job.setAllowNonRestoredState(true);
        deployment.setJob(job);

        FlinkDeployment rendered = new FlinkDeployment();
        rendered.setMetadata(metadata(pipeline, owner));
        rendered.setSpec(deployment);
        // Status belongs to the Flink operator; a fresh object carries an empty default one.
        rendered.setStatus(null);
        return rendered;
    }

    /**
     * The most tasks of one kind the job may run: the autoscaler's maximum where it acts, else the
     * parallelism it starts with. The input topic needs as many partitions for none to idle.
     */
    public int highestParallelism(ResolvedPipeline pipeline) {
        FlinkSpec flink =
                pipeline.spec().getFlink() == null ? new FlinkSpec() : pipeline.spec().getFlink();
        return pipeline.flink()
                .autoscaler()
                .filter(ResolvedAutoscaler::enabled)
                .map(ResolvedAutoscaler::maxParallelism)
                .orElseGet(() -> startingParallelism(pipeline, flink));
    }

    /**
     * The spec's parallelism, else the operator's default; with the autoscaler, a default outside
     * its bounds starts at the nearer bound (a given one is validated to lie within them).
     */
    private int startingParallelism(ResolvedPipeline pipeline, FlinkSpec flink) {
        if (flink.getParallelism() != null) {
            return flink.getParallelism();
        }
        int parallelism = defaults.parallelism();
        return pipeline.flink()
                .autoscaler()
                .map(a -> Math.max(a.minParallelism(), Math.min(parallelism, a.maxParallelism())))
                .orElse(parallelism);
    }

    private ObjectMeta metadata(ResolvedPipeline pipeline, OwnerReference owner) {
        Map<String, String> labels = new TreeMap<>(PipelineLabels.of(pipeline.name()));
        // Which engine the job runs each pattern on, for upgrade reviews (UpgradeReview).
        labels.put(MatcherRules.LABEL, MatcherRules.CURRENT.label());
        ObjectMetaBuilder meta =
                new ObjectMetaBuilder()
                        .withName(pipeline.name())
                        .withNamespace(pipeline.namespace())
                        .withLabels(labels);
        if (owner != null) {
            meta.withOwnerReferences(owner);
        }
        return meta.build();
    }

    /**
     * Kafka credentials reach the job only as secretKeyRef env vars and Secret volumes ({@link
     * KafkaCredentialsTemplate}), state-storage credentials only as an envFrom Secret reference;
     * never as values. Flink adds its own volumes and mounts (its configuration) to these.
     */
    private PodTemplateSpec podTemplate(KafkaCredentialsTemplate kafka) {
        return new PodTemplateSpecBuilder()
                .withNewSpec()
                .withNewSecurityContext()
                .withRunAsNonRoot(true)
                .withFsGroup(kafka.mountsStores() ? KafkaCredentialsTemplate.FLINK_GROUP : null)
                .withNewSeccompProfile()
                .withType("RuntimeDefault")
                .endSeccompProfile()
                .endSecurityContext()
                .withVolumes(kafka.volumes())
                .addNewContainer()
                .withName(MAIN_CONTAINER)
                .withEnv(kafka.env())
                .withEnvFrom(storageCredentials())
                .withVolumeMounts(kafka.volumeMounts())
                .withNewSecurityContext()
                .withAllowPrivilegeEscalation(false)
                .withNewCapabilities()
                .withDrop("ALL")
                .endCapabilities()
                .endSecurityContext()
                .endContainer()
                .endSpec()
                .build();
    }

    /** The Secret with the state storage's credentials (e.g. AWS_ACCESS_KEY_ID), if any. */
    private List<EnvFromSource> storageCredentials() {
        return defaults.credentialsSecret()
                .map(
                        name ->
                                List.of(
                                        new EnvFromSourceBuilder()
                                                .withNewSecretRef(name, false)
                                                .build()))
                .orElse(List.of());
    }

    private static Resource resource(FlinkComponentSpec component, double cpu, String memory) {
        ResourcesSpec asked = component == null ? null : component.getResources();
        Resource resource = new Resource();
        resource.setCpu(asked == null || asked.getCpu() == null ? cpu : asked.getCpu());
        resource.setMemory(asked == null || asked.getMemory() == null ? memory : asked.getMemory());
        return resource;
    }

    private static UpgradeMode upgradeMode(io.eventpipeline.spec.model.UpgradeMode mode) {
        return switch (mode) {
            case SAVEPOINT -> UpgradeMode.SAVEPOINT;
            case LAST_STATE -> UpgradeMode.LAST_STATE;
            case STATELESS -> UpgradeMode.STATELESS;
        };
    }

    private static <T> T orDefault(T value, T fallback) {
        return value == null ? fallback : value;
    }
}
