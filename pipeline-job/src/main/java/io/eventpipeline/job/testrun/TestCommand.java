package io.eventpipeline.job.testrun;

import io.eventpipeline.job.topology.DeadLetter;
import io.eventpipeline.spec.CommandOptions;
import io.eventpipeline.spec.PipelineDefinition;
import io.eventpipeline.spec.StrictYaml;
import io.eventpipeline.spec.resolved.ResolvedPipeline;
import io.eventpipeline.spec.validation.InvalidPipelineException;
import io.eventpipeline.spec.validation.ValidationProblem;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code test --pipeline FILE --events FILE}: runs an EventPipeline (YAML, exactly as applied) over
 * a JSON Lines file ({@code -}: standard input) and prints one match record per line on stdout,
 * ordered by end time, then pattern name, then match id. Lines that are not valid events are
 * reported on stderr as {@code line N: reason}, in line order, and the run continues. Both are
 * printed as the run finds them (the file is streamed, see {@link TestRunner}). A last line on
 * stderr sums the run up, with a warning for every pattern that matched nothing. Exit codes: 0
 * done; 2 invalid pipeline (every validation problem on stderr); 64 bad usage or unreadable file; 1
 * the run itself failed (what was printed before stays valid).
 */
public final class TestCommand {
    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int INVALID = 2;
    public static final int USAGE_ERROR = 64;

    static final String USAGE =
            """
            usage: test --pipeline FILE --events FILE

              --pipeline FILE   the EventPipeline (YAML)
              --events FILE     JSON events, one per line; '-' reads standard input
              -h, --help        this text

            exit status: 0 done, 1 the run failed, 2 not a valid pipeline, 64 usage error or
            unreadable file
            """;

    private final InputStream stdin;
    private final PrintStream out;
    private final PrintStream err;

    public TestCommand(InputStream stdin, PrintStream out, PrintStream err) {
        this.stdin = stdin;
        this.out = out;
        this.err = err;
    }

    public int run(List<String> args) {
        Map<String, String> options;
        try {
            options = options(args);
        } catch (IllegalArgumentException e) {
            err.println("test: " + e.getMessage());
            err.print(USAGE);
            return USAGE_ERROR;
        }
        if (options.containsKey(CommandOptions.HELP)) {
            out.print(USAGE);
            return OK;
        }
        String pipelineFile = options.get("--pipeline");
        String eventsFile = options.get("--events");
        ResolvedPipeline pipeline;
        Path events = null;
        boolean fromStdin = eventsFile.equals("-");
        try {
            pipeline = ResolvedPipeline.resolve(PipelineDefinition.parse(readFile(pipelineFile)));
            if (fromStdin) {
                // Streamed through a file: the run reads it again in event-time order.
                events = Files.createTempFile("events", ".jsonl");
                Files.copy(stdin, events, StandardCopyOption.REPLACE_EXISTING);
            } else {
                events = Path.of(eventsFile);
                if (!Files.isRegularFile(events)) {
                    throw new NoSuchFileException(eventsFile);
                }
                if (!Files.isReadable(events)) {
                    throw new IOException(eventsFile + " is not readable");
                }
            }
        } catch (InvalidPipelineException e) {
            for (ValidationProblem problem : e.problems()) {
                err.println(problem);
            }
            return INVALID;
        } catch (NoSuchFileException e) {
            err.println("test: cannot read " + e.getFile() + ": no such file");
            return USAGE_ERROR;
        } catch (IOException e) {
            err.println("test: cannot read " + e.getMessage());
            return USAGE_ERROR;
        }
        Summary summary = new Summary(pipeline);
        try {
            TestRunner.run(pipeline, events, result -> print(result, summary));
        } catch (Exception e) {
            out.flush();
            err.println("the test run failed: " + e);
            return FAILED;
        } finally {
            if (fromStdin) {
                try {
                    Files.deleteIfExists(events);
                } catch (IOException e) {
                    // A temporary file left behind is no reason to fail the run.
                }
            }
        }
        out.flush();
        summary.print(err);
        return OK;
    }

    private void print(TestRunOutput result, Summary summary) {
        summary.count(result);
        if (result.match != null) {
            out.println(result.match.json());
        } else {
            DeadLetter deadLetter = result.deadLetter;
            err.println("line " + deadLetter.offset + ": " + deadLetter.reason);
        }
    }

    private static String readFile(String file) throws IOException {
        return StrictYaml.readFile(Path.of(file));
    }

    /** {@code --name VALUE} or {@code --name=VALUE}; both files are required unless --help. */
    private static Map<String, String> options(List<String> args) {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("--pipeline", "--pipeline FILE");
        files.put("--events", "--events FILE");
        return CommandOptions.parse(
                args, Map.of("--pipeline", "--pipeline", "--events", "--events"), files);
    }
}
