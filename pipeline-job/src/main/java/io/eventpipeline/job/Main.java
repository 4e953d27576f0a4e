package io.eventpipeline.job;

import io.eventpipeline.job.kafka.RunCommand;
import io.eventpipeline.job.testrun.TestCommand;
import io.eventpipeline.spec.BuildVersion;
import java.util.Arrays;
import java.util.List;

/**
 * The job jar's entry point. {@code run --pipeline-json <...>} runs a pipeline as the operator
 * deploys it (the FlinkDeployment's args); {@code test --pipeline FILE --events FILE} runs one over
 * a file of events on a local MiniCluster and prints the matches. Help goes to stdout with status
 * 0; a usage error to stderr with {@link TestCommand#USAGE_ERROR}, as in the operator's commands.
 */
public final class Main {
    static final String USAGE =
            """
            usage: pipeline-job <command>

            commands:
              test --pipeline FILE --events FILE
                                        run a pipeline over a file of JSON events (one per line)
                                        and print its matches; '-' reads events from stdin
              run --pipeline-json JSON  run a pipeline as the operator deploys it
              help, --help, -h          this text
              version, --version        the job's version
            """;

    private Main() {}

    public static void main(String[] args) throws Exception {
        List<String> arguments = Arrays.asList(args);
        String command = arguments.isEmpty() ? "" : arguments.get(0);
        switch (command) {
            case "test" ->
                    System.exit(
                            new TestCommand(System.in, System.out, System.err)
                                    .run(arguments.subList(1, arguments.size())));
            case "run" -> RunCommand.run(arguments);
            case "help", "--help", "-h" -> System.out.print(USAGE);
            case "version", "--version" ->
                    System.out.println("pipeline-job " + BuildVersion.current());
            default -> {
                System.err.println(
                        command.isEmpty()
                                ? "a command is needed"
                                : "unknown command '" + command + "'");
                System.err.print(USAGE);
                System.exit(TestCommand.USAGE_ERROR);
            }
        }
    }
}
