package io.eventpipeline.job.bench;

import io.eventpipeline.spec.PipelineDefinition;
import io.eventpipeline.spec.PipelineJobArgs;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.flink.configuration.Configuration;

/**
 * The job in a JVM of its own ({@link OwnJvmJobMain}), as a TaskManager runs it: its collections
 * stop only the job, and only the job's garbage fills its heap. The benchmark drives it by lines on
 * its standard input and reads its answers, lines starting with {@link OwnJvmJobMain#ANSWER}, from
 * its standard output; every other line it prints is passed on.
 */
final class OwnJvmJob implements LatencyJob {
    private final Process process;
    private final Writer commands;
    private final BlockingQueue<String> answers = new LinkedBlockingQueue<>();
    private final String jvmArgs;

    /**
     * @param cpus the CPUs the JVM may run on ({@code taskset -c}, Linux), or blank for any: a
     *     TaskManager has cores of its own, and the broker and the producer run elsewhere
     * @param javaHome the Java installation the JVM runs on
     */
    OwnJvmJob(
            Configuration flink,
            int parallelism,
            List<String> jvmArgs,
            String cpus,
            String javaHome)
            throws IOException {
        List<String> command = new ArrayList<>();
        if (!cpus.isBlank()) {
            command.addAll(List.of("taskset", "-c", cpus));
        }
        command.add(Path.of(javaHome, "bin", "java").toString());
        command.addAll(jvmArgs);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(OwnJvmJobMain.class.getName());
        command.add(Integer.toString(parallelism));
        for (Map.Entry<String, String> setting : flink.toMap().entrySet()) {
            command.add(setting.getKey() + "=" + setting.getValue());
        }
        this.jvmArgs =
                String.join(" ", jvmArgs)
                        + (cpus.isBlank() ? "" : ", on CPUs " + cpus)
                        + (javaHome.equals(System.getProperty("java.home"))
                                ? ""
                                : ", Java from " + javaHome);
        this.process =
                new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        this.commands = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        Thread reader = new Thread(this::readAnswers, "job-jvm-output");
        reader.setDaemon(true);
        reader.start();
    }

    private void readAnswers() {
        try (BufferedReader out =
                new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null; ) {
                if (line.startsWith(OwnJvmJobMain.ANSWER)) {
                    answers.add(line.substring(OwnJvmJobMain.ANSWER.length()));
                } else {
                    System.out.println(line);
                }
            }
        } catch (IOException e) {
            answers.add("failed " + e);
        }
        answers.add("failed: the job's JVM exited");
    }

    @Override
    public Settings start(PipelineDefinition pipeline) throws Exception {
        String args =
                PipelineJobArgs.encode(pipeline).stream()
                        .map(
                                arg ->
                                        Base64.getEncoder()
                                                .encodeToString(
                                                        arg.getBytes(StandardCharsets.UTF_8)))
                        .collect(Collectors.joining(" "));
        return Settings.decode(ask("start " + args, "running "));
    }

    @Override
    public String cancel() throws Exception {
        return ask("cancel", "cancelled ");
    }

    private String ask(String command, String expected) throws Exception {
        commands.write(command + "\n");
        commands.flush();
        String answer = answers.poll(2, TimeUnit.MINUTES);
        if (answer == null || !answer.startsWith(expected)) {
            throw new IllegalStateException(
                    "the job's JVM answered " + answer + " to " + command.split(" ")[0]);
        }
        return answer.substring(expected.length());
    }

    @Override
    public String where() {
        return "a JVM of its own (" + jvmArgs + ")";
    }

    @Override
    public void close() throws Exception {
        commands.close();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
