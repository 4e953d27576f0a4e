package io.eventpipeline.operator.reconciler;

import io.eventpipeline.operator.api.EventPipeline;
import io.eventpipeline.operator.config.OperatorConfig;
import io.eventpipeline.spec.PipelineDefinition;
import io.eventpipeline.spec.SpecDefaults;
import io.eventpipeline.spec.model.EventPipelineSpec;
import io.eventpipeline.spec.model.KafkaConnectionSpec;
import io.eventpipeline.spec.model.SecretReference;
import io.eventpipeline.spec.model.UpgradeMode;
import io.eventpipeline.spec.validation.InvalidPipelineException;
import io.eventpipeline.spec.validation.PipelineValidator;
import io.eventpipeline.spec.validation.ValidationProblem;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns an EventPipeline into the complete definition the job runs: validated, with the spec's own
 * defaults and the operator's (Kafka cluster, auth Secret) filled in. Everything downstream
 * (topics, FlinkDeployment, {@code render}) works from this one resolved definition.
 */
public final class PipelineResolver {
    private final OperatorConfig config;
    private final ValidatedSpecs validated;

    public PipelineResolver(OperatorConfig config, PipelineValidator validator) {
        this.config = config;
        this.validated = new ValidatedSpecs(validator, ValidatedSpecs.DEFAULT_CAPACITY);
    }

    public PipelineDefinition resolve(EventPipeline pipeline) throws InvalidPipelineException {
        return resolve(
                new PipelineDefinition(
                        pipeline.getMetadata().getName(),
                        pipeline.getMetadata().getNamespace(),
                        pipeline.getSpec()));
    }

    public PipelineDefinition resolve(PipelineDefinition given) throws InvalidPipelineException {
        if (given.spec() == null) {
            throw new InvalidPipelineException(
                    List.of(new ValidationProblem("spec", "is required")));
        }
        List<ValidationProblem> problems = new ArrayList<>(validated.problems(given));
        EventPipelineSpec spec = SpecDefaults.withDefaults(given.spec());
        KafkaConnectionSpec kafka =
                spec.getKafka() == null ? new KafkaConnectionSpec() : spec.getKafka();
        if (kafka.getBootstrapServers() == null || kafka.getBootstrapServers().isBlank()) {
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
        if (kafka.getAuthSecretRef() == null && spec.getKafka() == null) {
            // The operator's default credentials go with its default cluster only.
            config.defaultAuthSecret()
                    .ifPresent(
                            name -> {
                                SecretReference ref = new SecretReference();
                                ref.setName(name);
                                kafka.setAuthSecretRef(ref);
                            });
        }
        spec.setKafka(kafka);
        problems.addAll(stateDirectoryProblems(spec));
        if (!problems.isEmpty()) {
            throw new InvalidPipelineException(problems);
        }
        return new PipelineDefinition(given.name(), given.namespace(), spec);
    }

    /** savepoint and last-state upgrades need somewhere to keep state. */
    private List<ValidationProblem> stateDirectoryProblems(EventPipelineSpec spec) {
        Map<String, String> flinkConf =
                spec.getFlink() == null || spec.getFlink().getFlinkConfiguration() == null
                        ? Map.of()
                        : spec.getFlink().getFlinkConfiguration();
        UpgradeMode mode =
                spec.getFlink() == null || spec.getFlink().getUpgradeMode() == null
                        ? UpgradeMode.SAVEPOINT
                        : spec.getFlink().getUpgradeMode();
        List<ValidationProblem> problems = new ArrayList<>();
        boolean savepoints =
                flinkConf.containsKey("state.savepoints.dir")
                        || config.jobDefaults().savepointDir().isPresent();
        boolean checkpoints =
                flinkConf.containsKey("state.checkpoints.dir")
                        || config.jobDefaults().checkpointDir().isPresent();
        if (mode == UpgradeMode.SAVEPOINT && !savepoints) {
            problems.add(
                    new ValidationProblem(
                            "spec.flink.upgradeMode",
                            "savepoint needs a savepoint directory: set state.savepoints.dir in"
                                    + " spec.flink.flinkConfiguration, or EP_SAVEPOINT_DIR on the"
                                    + " operator, or use upgradeMode: stateless"));
        }
        if (mode == UpgradeMode.LAST_STATE && !checkpoints) {
            problems.add(
                    new ValidationProblem(
                            "spec.flink.upgradeMode",
                            "last-state needs a checkpoint directory: set state.checkpoints.dir in"
                                    + " spec.flink.flinkConfiguration, or EP_CHECKPOINT_DIR on the"
                                    + " operator"));
        }
        return problems;
    }
}
