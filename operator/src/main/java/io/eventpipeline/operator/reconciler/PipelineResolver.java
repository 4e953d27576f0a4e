package io.eventpipeline.operator.reconciler;

import io.eventpipeline.operator.api.EventPipeline;
import io.eventpipeline.operator.api.JobSummary;
import io.eventpipeline.operator.config.OperatorConfig;
import io.eventpipeline.operator.flink.FlinkConfigurationPolicy;
import io.eventpipeline.operator.flink.FlinkDeploymentRenderer;
import io.eventpipeline.operator.flink.FlinkSettingsRules;
import io.eventpipeline.operator.flink.JobImagePolicy;
import io.eventpipeline.operator.flink.SessionJobRules;
import io.eventpipeline.spec.PipelineDefinition;
import io.eventpipeline.spec.PipelineJson;
import io.eventpipeline.spec.SpecDefaults;
import io.eventpipeline.spec.model.EventPipelineSpec;
import io.eventpipeline.spec.model.FlinkSpec;
import io.eventpipeline.spec.model.KafkaConnectionSpec;
import io.eventpipeline.spec.model.SecretReference;
import io.eventpipeline.spec.resolved.ResolvedPipeline;
import io.eventpipeline.spec.validation.InvalidPipelineException;
import io.eventpipeline.spec.validation.PipelineValidator;
import io.eventpipeline.spec.validation.ValidationProblem;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Turns an EventPipeline into the {@link ResolvedPipeline} the operator works with: validated, with
 * the spec's own defaults and the operator's (Kafka cluster, auth Secret) filled in, and small
 * enough to render ({@link RenderedSize}). Everything downstream (topics, FlinkDeployment, {@code
 * render}) works from this one resolved pipeline, as the job does from the same model.
 */
public final class PipelineResolver {
    private final OperatorConfig config;
    private final ValidatedSpecs validated;
    private final FlinkSettingsRules flinkSettings;
    private final FlinkConfigurationPolicy flinkConfiguration;
    private final JobImagePolicy images;
    private final FlinkDeploymentRenderer renderer;
    private final SessionJobRules sessionJobs;

    public PipelineResolver(OperatorConfig config, PipelineValidator validator) {
        this.config = config;
        this.validated = new ValidatedSpecs(validator, ValidatedSpecs.DEFAULT_CAPACITY);
        this.flinkSettings = new FlinkSettingsRules(config.jobDefaults());
        this.flinkConfiguration = config.pipelinePolicy().flinkConfiguration();
        this.images = config.pipelinePolicy().images(config.jobDefaults().image());
        this.renderer = new FlinkDeploymentRenderer(config.jobDefaults());
        this.sessionJobs = new SessionJobRules(config.sessionJobs());
    }

    public ResolvedPipeline resolve(EventPipeline pipeline) throws InvalidPipelineException {
        return resolve(pipeline, false);
    }

    /**
     * @param ownDeploymentFound whether the pipeline's own FlinkDeployment exists: its job runs in
     *     a cluster of its own, and the default session cluster never moves it (nor does the status
     *     saying so, where the informer has not seen the deployment)
     */
    public ResolvedPipeline resolve(EventPipeline pipeline, boolean ownDeploymentFound)
            throws InvalidPipelineException {
        boolean ranInOwnCluster =
                pipeline.getStatus() != null
                        && pipeline.getStatus().getJob() != null
                        && JobSummary.APPLICATION.equals(pipeline.getStatus().getJob().getMode());
        return resolve(
                new PipelineDefinition(
                        pipeline.getMetadata().getName(),
                        pipeline.getMetadata().getNamespace(),
                        pipeline.getSpec()),
                ownDeploymentFound || ranInOwnCluster);
    }

    /** A pipeline not created yet (admission, {@code render}). */
    public ResolvedPipeline resolve(PipelineDefinition given) throws InvalidPipelineException {
        return resolve(given, false);
    }

    private ResolvedPipeline resolve(PipelineDefinition given, boolean runsInOwnCluster)
            throws InvalidPipelineException {
        if (given.spec() == null) {
            throw new InvalidPipelineException(
                    List.of(new ValidationProblem("spec", "is required")));
        }
        ValidatedSpecs.Verdict known = validated.verdict(given);
        PipelineValidator.Validated verdict = known.validated();
        List<ValidationProblem> problems = new ArrayList<>(verdict.problems());
        EventPipelineSpec spec = SpecDefaults.withDefaults(given.spec());
        KafkaConnectionSpec kafka =
                spec.getKafka() == null ? new KafkaConnectionSpec() : spec.getKafka();
        boolean defaultCluster =
                kafka.getBootstrapServers() == null || kafka.getBootstrapServers().isBlank();
        if (defaultCluster) {
            config.defaultBootstrapServers()
                    .ifPresentOrElse(
                            kafka::setBootstrapServers,
                            () ->
                                    problems.add(
                                            new ValidationProblem(
                                                    "spec.kafka.bootstrapServers",
                                                    "is required: the operator has no default"
                                                            + " Kafka cluster"
                                                            + " (EP_KAFKA_BOOTSTRAP_SERVERS)")));
        }
        boolean ownCredentials =
                kafka.getAuthSecretRef() != null
                        || kafka.getTls() != null
                        || kafka.getSasl() != null
                        || kafka.getStrimzi() != null;
        if (!ownCredentials && defaultCluster) {
            // The operator's default credentials go with its default cluster only, and only to a
            // pipeline that gives none of its own.
            config.defaultAuthSecret()
                    .ifPresent(
                            name -> {
                                SecretReference ref = new SecretReference();
                                ref.setName(name);
                                kafka.setAuthSecretRef(ref);
                            });
        }
        if (kafka.getTopics() == null && defaultCluster && config.defaultTopics().strimzi()) {
            // So does its way of making topics: a cluster the pipeline names is another cluster.
            kafka.setTopics(DefaultTopics.spec(config.defaultTopics()));
        }
        spec.setKafka(kafka);
        // What a pipeline may not set: it is written by an application team, and its Flink pods
        // run with the platform's service account and credentials (README, Trust model).
        addUnreported(problems, images.problems(spec.getFlink()));
        addUnreported(problems, flinkConfiguration.problems(spec.getFlink()));
        // What the Flink operator would refuse, or what would run and lose data.
        problems.addAll(flinkSettings.problems(given.namespace(), spec));
        // What a job sharing a session cluster cannot have of its own.
        addUnreported(problems, sessionJobs.problems(spec.getFlink()));
        if (!problems.isEmpty()) {
            throw new InvalidPipelineException(problems);
        }
        ResolvedPipeline resolved =
                ResolvedPipeline.of(
                        new PipelineDefinition(given.name(), given.namespace(), spec),
                        verdict.patterns());
        List<ValidationProblem> sessionCredentials =
                sessionJobs.problems(spec.getFlink(), resolved.kafka());
        if (!sessionCredentials.isEmpty()) {
            throw new InvalidPipelineException(sessionCredentials);
        }
        if (!runsInOwnCluster) {
            resolved = onDefaultSessionCluster(resolved, verdict).orElse(resolved);
        }
        if (!known.fitsRendered()) {
            Optional<ValidationProblem> tooBig =
                    RenderedSize.check(renderer.render(resolved, null));
            if (tooBig.isPresent()) {
                throw new InvalidPipelineException(List.of(tooBig.get()));
            }
            known.rendersToAFit();
        }
        return resolved;
    }

    /**
     * The pipeline on the operator's default session cluster, where it names none, asks for nothing
     * a session job cannot have (image, resources, cluster-level keys, its own Kafka Secrets), and
     * does not already run in a cluster of its own: a running job is never moved, since its state
     * would stay behind. Decided on a valid pipeline, so the default never makes one invalid.
     */
    private Optional<ResolvedPipeline> onDefaultSessionCluster(
            ResolvedPipeline resolved, PipelineValidator.Validated verdict) {
        Optional<String> cluster = config.sessionJobs().defaultCluster();
        EventPipelineSpec spec = resolved.spec();
        if (cluster.isEmpty()
                || (spec.getFlink() != null && spec.getFlink().getSessionCluster() != null)) {
            return Optional.empty();
        }
        EventPipelineSpec onCluster = PipelineJson.copy(spec, EventPipelineSpec.class);
        if (onCluster.getFlink() == null) {
            onCluster.setFlink(new FlinkSpec());
        }
        onCluster.getFlink().setSessionCluster(cluster.get());
        if (!sessionJobs.problems(onCluster.getFlink()).isEmpty()
                || !sessionJobs.problems(onCluster.getFlink(), resolved.kafka()).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(
                ResolvedPipeline.of(
                        new PipelineDefinition(resolved.name(), resolved.namespace(), onCluster),
                        verdict.patterns()));
    }

    /** One problem per field: the spec's own validation may have named it already. */
    private static void addUnreported(
            List<ValidationProblem> problems, List<ValidationProblem> more) {
        Set<String> reported =
                problems.stream().map(ValidationProblem::path).collect(Collectors.toSet());
        more.stream().filter(p -> !reported.contains(p.path())).forEach(problems::add);
    }
}
