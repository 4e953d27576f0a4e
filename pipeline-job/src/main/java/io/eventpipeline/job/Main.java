package io.eventpipeline.job;

import io.eventpipeline.job.testrun.TestCommand;
import java.util.Arrays;
import java.util.List;

/**
 * The job jar's entry point. {@code run --pipeline-json <...>} runs a pipeline as the operator
 * deploys it (the FlinkDeployment's args); {@code test --pipeline FILE --events FILE} runs one over
 * a file of events on a local MiniCluster and prints the matches.
 */
public final class Main {
    private Main() {}

    public static void main(String[] args) throws Exception {
        List<String> arguments = Arrays.asList(args);
        String command = arguments.isEmpty() ? "" : arguments.get(0);
        switch (command) {
            case "test" ->
                    System.exit(
                            new TestCommand(System.out, System.err)
                                    .run(arguments.subList(1, arguments.size())));
            case "run" -> io.eventpipeline.job.kafka.RunCommand.run(arguments);
            default -> {
                System.err.println(
                        "usage: run --pipeline-json <pipeline JSON>\n"
                                + "       test --pipeline FILE --events FILE");
                System.exit(2);
            }
        }
    }
}
