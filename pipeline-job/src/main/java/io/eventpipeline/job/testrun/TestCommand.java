package io.eventpipeline.job.testrun;

import io.eventpipeline.job.topology.CompiledPipeline;
import io.eventpipeline.job.topology.DeadLetter;
import io.eventpipeline.spec.PipelineDefinition;
import io.eventpipeline.spec.StrictYaml;
import io.eventpipeline.spec.validation.InvalidPipelineException;
import io.eventpipeline.spec.validation.ValidationProblem;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code test --pipeline FILE --events FILE}: runs an EventPipeline (YAML, exactly as applied) over
 * a JSON Lines file and prints one match record per line on stdout, ordered by end time, then
 * pattern name, then match id. Lines that are not valid events are reported on stderr as {@code
 * line N: reason}, in line order, and the run continues. Both are printed as the run finds them
 * (the file is streamed, see {@link TestRunner}). Exit codes: 0 done; 2 invalid pipeline (every
 * validation problem on stderr) or bad usage / unreadable file; 1 the run itself failed (what was
 * printed before stays valid).
 */
public final class TestCommand {
    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int INVALID = 2;

    static final String USAGE = "usage: test --pipeline FILE --events FILE";

    private final PrintStream out;
    private final PrintStream err;

    public TestCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public int run(List<String> args) {
        String pipelineFile = option(args, "--pipeline");
        String eventsFile = option(args, "--events");
        if (pipelineFile == null || eventsFile == null) {
            err.println(USAGE);
            return INVALID;
        }
        CompiledPipeline pipeline;
        Path events = Path.of(eventsFile);
        try {
            pipeline = CompiledPipeline.of(PipelineDefinition.parse(readFile(pipelineFile)));
            if (!Files.isRegularFile(events)) {
                throw new NoSuchFileException(eventsFile);
            }
            if (!Files.isReadable(events)) {
                throw new IOException(eventsFile + " is not readable");
            }
        } catch (InvalidPipelineException e) {
            for (ValidationProblem problem : e.problems()) {
                err.println(problem);
            }
            return INVALID;
        } catch (NoSuchFileException e) {
            err.println("no such file: " + e.getFile());
            return INVALID;
        } catch (IOException e) {
            err.println("cannot read: " + e.getMessage());
            return INVALID;
        }
        try {
            TestRunner.run(pipeline, events, this::print);
        } catch (Exception e) {
            out.flush();
            err.println("the test run failed: " + e);
            return FAILED;
        }
        out.flush();
        return OK;
    }

    private void print(TestRunOutput result) {
        if (result.match != null) {
            out.println(result.match.json);
        } else {
            DeadLetter deadLetter = result.deadLetter;
            err.println("line " + deadLetter.offset + ": " + deadLetter.reason);
        }
    }

    private static String readFile(String file) throws IOException {
        return StrictYaml.readFile(Path.of(file));
    }

    private static String option(List<String> args, String name) {
        int at = args.indexOf(name);
        return at >= 0 && at + 1 < args.size() ? args.get(at + 1) : null;
    }
}
