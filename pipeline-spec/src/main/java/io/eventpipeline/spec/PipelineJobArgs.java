package io.eventpipeline.spec;

import io.eventpipeline.spec.validation.InvalidPipelineException;
import io.eventpipeline.spec.validation.ValidationProblem;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * The job's command line as the operator renders it into the FlinkDeployment: {@code run
 * --pipeline-base64 <canonical JSON, base64>}. Base64 because Flink carries program arguments
 * through its configuration as a ';'-separated list, where JSON's quotes and separators are
 * fragile; the same pipeline still always gives the same argument.
 */
public final class PipelineJobArgs {
    public static final String RUN = "run";
    public static final String PIPELINE_OPTION = "--pipeline-base64";

    private PipelineJobArgs() {}

    public static List<String> encode(PipelineDefinition definition) {
        String encoded =
                Base64.getEncoder()
                        .encodeToString(definition.toJson().getBytes(StandardCharsets.UTF_8));
        return List.of(RUN, PIPELINE_OPTION, encoded);
    }

    /** Reads the pipeline back from the arguments {@link #encode} produced. */
    public static PipelineDefinition decode(List<String> args) throws InvalidPipelineException {
        int at = args.indexOf(PIPELINE_OPTION);
        if (at < 0 || at + 1 >= args.size()) {
            throw new InvalidPipelineException(
                    List.of(new ValidationProblem("(arguments)", PIPELINE_OPTION + " is missing")));
        }
        String json;
        try {
            json = new String(Base64.getDecoder().decode(args.get(at + 1)), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new InvalidPipelineException(
                    List.of(
                            new ValidationProblem(
                                    "(arguments)",
                                    PIPELINE_OPTION + " is not base64: " + e.getMessage())));
        }
        return PipelineDefinition.parse(json);
    }
}
