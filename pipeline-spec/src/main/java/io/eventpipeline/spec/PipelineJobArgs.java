package io.eventpipeline.spec;

import io.eventpipeline.spec.model.EventPipelineSpec;
import io.eventpipeline.spec.model.InputSpec;
import io.eventpipeline.spec.model.KafkaConnectionSpec;
import io.eventpipeline.spec.model.TopicSpec;
import io.eventpipeline.spec.validation.InvalidPipelineException;
import io.eventpipeline.spec.validation.ValidationProblem;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * The job's command line as the operator renders it into the FlinkDeployment: {@code run
 * --pipeline-json <canonical JSON>}, readable as it stands in the FlinkDeployment.
 *
 * <p>The JSON holds only what the job reads ({@link #jobView}): the pipeline's name, bootstrap
 * servers, input topic, key, event time and start position, patterns, output and dead-letter topic
 * names and delivery. Whatever only the operator reads (topic sizes and configs, deletion policy,
 * suspend, Flink resources, the credentials Secret) is left out, so changing it never changes the
 * job's arguments and never restarts the job. The same pipeline always gives the same bytes.
 *
 * <p>Flink carries program arguments through its configuration file as a list. Flink 1.20's legacy
 * file format cuts a line at '#' and is read in the platform's charset, so the JSON escapes '#' and
 * every non-ASCII character ({@code \u0023}); quotes and ';' are escaped by Flink itself. The job
 * module's tests write the arguments and read them back with Flink's own configuration code. {@code
 * --pipeline-base64} is what earlier operators rendered: still read.
 */
public final class PipelineJobArgs {
    public static final String RUN = "run";
    public static final String PIPELINE_OPTION = "--pipeline-json";

    /** What earlier operators rendered: the whole pipeline, base64-encoded JSON. */
    public static final String EARLIER_PIPELINE_OPTION = "--pipeline-base64";

    private PipelineJobArgs() {}

    public static List<String> encode(PipelineDefinition definition) {
        return List.of(RUN, PIPELINE_OPTION, FlinkSafeJson.write(jobView(definition).toDocument()));
    }

    /**
     * The part of a resolved pipeline the job reads. Kafka credentials reach the job as environment
     * variables, not through its arguments.
     */
    public static PipelineDefinition jobView(PipelineDefinition definition) {
        EventPipelineSpec spec = definition.spec();
        EventPipelineSpec view = new EventPipelineSpec();
        if (spec.getKafka() != null && spec.getKafka().getBootstrapServers() != null) {
            KafkaConnectionSpec kafka = new KafkaConnectionSpec();
            kafka.setBootstrapServers(spec.getKafka().getBootstrapServers());
            view.setKafka(kafka);
        }
        if (spec.getInput() != null) {
            InputSpec input = new InputSpec();
            input.setTopic(spec.getInput().getTopic());
            input.setKey(spec.getInput().getKey());
            input.setTimestamp(spec.getInput().getTimestamp());
            input.setStartFrom(spec.getInput().getStartFrom());
            view.setInput(input);
        }
        view.setPatterns(spec.getPatterns());
        view.setOutput(topicName(spec.getOutput()));
        view.setDeadLetter(topicName(spec.getDeadLetter()));
        view.setDelivery(spec.getDelivery());
        return new PipelineDefinition(
                definition.name(),
                definition.namespace(),
                PipelineJson.copy(view, EventPipelineSpec.class));
    }

    private static TopicSpec topicName(TopicSpec topic) {
        if (topic == null) {
            return null;
        }
        TopicSpec name = new TopicSpec();
        name.setTopic(topic.getTopic());
        return name;
    }

    /** Whether the arguments come from an earlier operator ({@code --pipeline-base64}). */
    public static boolean isEarlierFormat(List<String> args) {
        return !args.contains(PIPELINE_OPTION) && args.contains(EARLIER_PIPELINE_OPTION);
    }

    /** Reads the pipeline back from the arguments {@link #encode} (or an earlier one) produced. */
    public static PipelineDefinition decode(List<String> args) throws InvalidPipelineException {
        int at = args.indexOf(PIPELINE_OPTION);
        if (at >= 0 && at + 1 < args.size()) {
            return PipelineDefinition.parse(args.get(at + 1));
        }
        int earlier = args.indexOf(EARLIER_PIPELINE_OPTION);
        if (earlier < 0 || earlier + 1 >= args.size()) {
            throw new InvalidPipelineException(
                    List.of(new ValidationProblem("(arguments)", PIPELINE_OPTION + " is missing")));
        }
        String json;
        try {
            json =
                    new String(
                            Base64.getDecoder().decode(args.get(earlier + 1)),
                            StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new InvalidPipelineException(
                    List.of(
                            new ValidationProblem(
                                    "(arguments)",
                                    EARLIER_PIPELINE_OPTION
                                            + " is not base64: "
                                            + e.getMessage())));
        }
        return PipelineDefinition.parse(json);
    }
}
