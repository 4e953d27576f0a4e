package io.eventpipeline.operator.render;

import io.eventpipeline.operator.config.OperatorConfig;
import io.eventpipeline.operator.flink.FlinkDeploymentRenderer;
import io.eventpipeline.operator.flink.FlinkSessionJobRenderer;
import io.eventpipeline.operator.flink.UpgradeReview;
import io.eventpipeline.operator.reconciler.PipelineResolver;
import io.eventpipeline.operator.topics.DesiredTopic;
import io.eventpipeline.operator.topics.TopicPlan;
import io.eventpipeline.spec.CommandOptions;
import io.eventpipeline.spec.PipelineDefinition;
import io.eventpipeline.spec.PipelineJson;
import io.eventpipeline.spec.StrictYaml;
import io.eventpipeline.spec.resolved.ResolvedPipeline;
import io.eventpipeline.spec.state.UpgradePlan;
import io.eventpipeline.spec.validation.InvalidPipelineException;
import io.eventpipeline.spec.validation.PipelineValidator;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.flink.kubernetes.operator.api.FlinkDeployment;

/**
 * {@code render -f pipeline.yaml [--against old.yaml]}: prints what the operator would create for a
 * pipeline (the FlinkDeployment, then the topic plan) without a cluster, through the reconciler's
 * own resolver and renderer, for GitOps review and CI diffs. Operator defaults come from the same
 * environment variables the operator reads.
 *
 * <p>With {@code --against}, it also prints what changing to this pipeline does to a running job's
 * state ({@link UpgradeReview}, as the operator records it in status after the rollout). The file
 * is the earlier EventPipeline (e.g. from git, or {@code kubectl get evp NAME -o yaml}), or the
 * live FlinkDeployment ({@code kubectl get flinkdeployment NAME -o yaml}), which is exact even when
 * an earlier operator version rendered it.
 */
public final class RenderCommand {
    public static final int OK = 0;
    public static final int INVALID = 2;
    public static final int USAGE = 64;

    static final String USAGE_TEXT =
            """
            usage: render -f FILE [--against EARLIER]

              -f, --file FILE     the EventPipeline (YAML); '-' reads standard input
              --against EARLIER   the earlier EventPipeline, or the live FlinkDeployment
                                  (kubectl get flinkdeployment NAME -o yaml): also print what
                                  the change keeps of the running job's state
              -h, --help          this text

            exit status: 0 rendered, 2 not a valid pipeline, 64 usage error or unreadable file
            """;

    private final OperatorConfig config;
    private final InputStream stdin;
    private final PrintStream out;
    private final PrintStream err;

    public RenderCommand(
            OperatorConfig config, InputStream stdin, PrintStream out, PrintStream err) {
        this.config = config;
        this.stdin = stdin;
        this.out = out;
        this.err = err;
    }

    /**
     * @param args the arguments after {@code render}
     */
    public int run(List<String> args) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("render: " + e.getMessage());
            err.print(USAGE_TEXT);
            return USAGE;
        }
        if (options.help()) {
            out.print(USAGE_TEXT);
            return OK;
        }
        String current = options.file();
        try {
            String document = read(current);
            String earlier = options.against() == null ? null : read(options.against());
            try {
                out.print(earlier == null ? render(document) : render(document, earlier));
                return OK;
            } catch (InvalidPipelineException e) {
                err.println(name(current) + " is not a valid EventPipeline:");
                e.problems().forEach(problem -> err.println("  " + problem));
                return INVALID;
            } catch (EarlierVersionException e) {
                err.println(name(options.against()) + " " + e.getMessage() + ":");
                e.problems().forEach(problem -> err.println("  " + problem));
                return INVALID;
            }
        } catch (NoSuchFileException e) {
            err.println("render: cannot read " + e.getFile() + ": no such file");
            return USAGE;
        } catch (IOException e) {
            err.println("render: cannot read " + e.getMessage());
            return USAGE;
        }
    }

    private String read(String file) throws IOException {
        if (file.equals("-")) {
            return StrictYaml.readUtf8(stdin.readAllBytes(), "standard input");
        }
        return StrictYaml.readFile(Path.of(file));
    }

    private static String name(String file) {
        return file.equals("-") ? "standard input" : file;
    }

    /** {@code -f FILE}, {@code --file FILE} or {@code --file=FILE}; the same for --against. */
    record Options(String file, String against, boolean help) {
        static Options parse(List<String> args) {
            Map<String, String> options =
                    CommandOptions.parse(
                            args,
                            Map.of("-f", "--file", "--file", "--file", "--against", "--against"),
                            Map.of("--file", "-f FILE"));
            return new Options(
                    options.get("--file"),
                    options.get("--against"),
                    options.containsKey(CommandOptions.HELP));
        }
    }

    /**
     * The YAML the command prints: a FlinkDeployment document (a FlinkSessionJob for a pipeline on
     * a session cluster), then the topic plan.
     */
    public String render(String document) throws InvalidPipelineException {
        ResolvedPipeline resolved = resolve(document);
        if (FlinkSessionJobRenderer.sessionCluster(resolved) != null) {
            // The resolver refused it unless the operator has a jar URI for session jobs.
            return render(
                    resolved,
                    new FlinkSessionJobRenderer(
                                    new FlinkDeploymentRenderer(config.jobDefaults()),
                                    config.sessionJobs().jarUri().orElseThrow())
                            .render(resolved, null));
        }
        return render(resolved, deployment(resolved));
    }

    /**
     * As {@link #render(String)}, then a document saying what upgrading from {@code earlier} (an
     * EventPipeline or the live FlinkDeployment) keeps.
     *
     * @throws EarlierVersionException when {@code earlier} cannot be read
     */
    public String render(String document, String earlier)
            throws InvalidPipelineException, EarlierVersionException {
        ResolvedPipeline resolved = resolve(document);
        FlinkDeployment next = deployment(resolved);
        FlinkDeployment running = EarlierVersion.deployment(earlier, this::resolveAndRender);
        Optional<UpgradePlan> plan;
        try {
            // Offline, the credentials are unknown: their fingerprint on a live one is no change.
            if (running != null) {
                running.setSpec(UpgradeReview.withoutCredentials(running.getSpec()));
            }
            plan = UpgradeReview.of(running, next);
        } catch (InvalidPipelineException e) {
            throw new EarlierVersionException("has job arguments that hold no valid pipeline", e);
        }
        Map<String, Object> upgrade = new LinkedHashMap<>();
        upgrade.put("restartsJob", plan.isPresent());
        plan.map(p -> UpgradeReview.summary(p, null))
                .ifPresent(
                        summary -> {
                            upgrade.put("patterns", summary.getPatterns());
                            upgrade.put("inputOffsets", summary.getInputOffsets());
                            upgrade.put("inputReason", summary.getInputReason());
                        });
        try {
            return render(resolved, next)
                    + "---\n"
                    + PipelineJson.yaml().writeValueAsString(Map.of("upgrade", upgrade));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private ResolvedPipeline resolve(String document) throws InvalidPipelineException {
        return new PipelineResolver(config, new PipelineValidator())
                .resolve(PipelineDefinition.parse(document));
    }

    private FlinkDeployment deployment(ResolvedPipeline resolved) {
        return new FlinkDeploymentRenderer(config.jobDefaults()).render(resolved, null);
    }

    private FlinkDeployment resolveAndRender(String document) throws InvalidPipelineException {
        return deployment(resolve(document));
    }

    private String render(ResolvedPipeline resolved, HasMetadata deployment) {
        StringBuilder yaml = new StringBuilder();
        yaml.append(Serialization.asYaml(deployment));
        yaml.append("---\n");
        try {
            yaml.append(PipelineJson.yaml().writeValueAsString(topicPlan(resolved)));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return yaml.toString();
    }

    private static Map<String, Object> topicPlan(ResolvedPipeline resolved) {
        Map<String, Object> plan = new LinkedHashMap<>();
        plan.put("bootstrapServers", resolved.kafka().bootstrapServers().orElseThrow());
        plan.put(
                "topics",
                TopicPlan.of(resolved).topics().stream().map(RenderCommand::describe).toList());
        return Map.of("topicPlan", plan);
    }

    private static Map<String, Object> describe(DesiredTopic topic) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("name", topic.name());
        row.put("role", topic.role().specField());
        row.put("create", topic.create());
        topic.partitions().ifPresent(p -> row.put("partitions", p));
        topic.replicationFactor().ifPresent(r -> row.put("replicationFactor", r));
        if (!topic.config().isEmpty()) {
            row.put("config", topic.config());
        }
        return row;
    }
}
