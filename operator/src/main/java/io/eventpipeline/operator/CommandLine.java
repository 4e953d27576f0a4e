package io.eventpipeline.operator;

import io.eventpipeline.operator.render.RenderCommand;
import java.io.PrintStream;
import java.util.List;

/**
 * What the operator's command line means before anything runs: a command, help, the version, or a
 * usage error. Help goes to stdout with status 0; a usage error to stderr with {@link
 * RenderCommand#USAGE}, as for every other usage error of the operator's commands.
 */
final class CommandLine {
    static final String USAGE =
            """
            usage: eventpipeline-operator <command>

            commands:
              run                       run the operator against the cluster of the current
                                        kubeconfig or service account (what the container runs)
              render -f FILE [--against EARLIER]
                                        print what the operator would create for a pipeline,
                                        without a cluster (FILE '-' reads standard input)
              help, --help, -h          this text
              version, --version        the operator's version
            """;

    /** What to do. */
    enum Action {
        RUN,
        RENDER,
        HELP,
        VERSION,
        USAGE_ERROR
    }

    private CommandLine() {}

    static Action action(List<String> args) {
        if (args.isEmpty()) {
            return Action.USAGE_ERROR;
        }
        return switch (args.get(0)) {
            case "run" -> Action.RUN;
            case "render" -> Action.RENDER;
            case "help", "--help", "-h" -> Action.HELP;
            case "version", "--version" -> Action.VERSION;
            default -> Action.USAGE_ERROR;
        };
    }

    /** Prints the usage error for these arguments; returns the exit status. */
    static int usageError(List<String> args, PrintStream err) {
        err.println(
                args.isEmpty() ? "a command is needed" : "unknown command '" + args.get(0) + "'");
        err.print(USAGE);
        return RenderCommand.USAGE;
    }
}
