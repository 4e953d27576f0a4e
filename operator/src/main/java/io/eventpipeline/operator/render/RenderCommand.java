package io.eventpipeline.operator.render;

import io.eventpipeline.operator.config.OperatorConfig;
import io.eventpipeline.operator.flink.FlinkDeploymentRenderer;
import io.eventpipeline.operator.reconciler.PipelineResolver;
import io.eventpipeline.operator.topics.DesiredTopic;
import io.eventpipeline.operator.topics.TopicPlan;
import io.eventpipeline.spec.PipelineDefinition;
import io.eventpipeline.spec.PipelineJson;
import io.eventpipeline.spec.validation.InvalidPipelineException;
import io.eventpipeline.spec.validation.PipelineValidator;
import io.eventpipeline.spec.validation.ValidationProblem;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code render -f pipeline.yaml}: prints what the operator would create for a pipeline (the
 * FlinkDeployment, then the topic plan) without a cluster, through the reconciler's own resolver
 * and renderer, for GitOps review and CI diffs. Operator defaults come from the same environment
 * variables the operator reads.
 */
public final class RenderCommand {
    public static final int OK = 0;
    public static final int INVALID = 2;
    public static final int USAGE = 64;

    private final OperatorConfig config;
    private final PrintStream out;
    private final PrintStream err;

    public RenderCommand(OperatorConfig config, PrintStream out, PrintStream err) {
        this.config = config;
        this.out = out;
        this.err = err;
    }

    /**
     * @param args the arguments after {@code render}
     */
    public int run(List<String> args) {
        int at = Math.max(args.indexOf("-f"), args.indexOf("--file"));
        if (at < 0 || at + 1 >= args.size()) {
            err.println("usage: render -f <EventPipeline YAML file>");
            return USAGE;
        }
        Path file = Path.of(args.get(at + 1));
        String document;
        try {
            document = Files.readString(file);
        } catch (IOException e) {
            err.println("cannot read " + file + ": " + e.getMessage());
            return USAGE;
        }
        try {
            out.print(render(document));
            return OK;
        } catch (InvalidPipelineException e) {
            err.println(file + " is not a valid EventPipeline:");
            for (ValidationProblem problem : e.problems()) {
                err.println("  " + problem);
            }
            return INVALID;
        }
    }

    /** The YAML the command prints: a FlinkDeployment document, then the topic plan. */
    public String render(String document) throws InvalidPipelineException {
        PipelineDefinition resolved =
                new PipelineResolver(config, new PipelineValidator())
                        .resolve(PipelineDefinition.parse(document));
        var deployment = new FlinkDeploymentRenderer(config.jobDefaults()).render(resolved, null);
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

    private static Map<String, Object> topicPlan(PipelineDefinition resolved) {
        Map<String, Object> plan = new LinkedHashMap<>();
        plan.put("bootstrapServers", resolved.spec().getKafka().getBootstrapServers());
        plan.put(
                "topics",
                TopicPlan.of(resolved.spec()).topics().stream()
                        .map(RenderCommand::describe)
                        .toList());
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
