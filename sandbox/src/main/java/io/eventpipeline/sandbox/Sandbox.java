package io.eventpipeline.sandbox;

import io.eventpipeline.kafka.embedded.BrokerPortInUseException;
import io.eventpipeline.operator.api.Phase;
import io.eventpipeline.spec.model.EventPipelineSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * The sandbox: the whole stack on this machine, an example pipeline applied, its sample events
 * produced, and the pipeline's status and alerts printed as they happen. Ctrl-C stops it.
 */
public final class Sandbox {
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);
    private static final int SLOTS = 16;
    private static final String LOG_CONFIG = "log4j2.configurationFile";
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

    private Sandbox() {}

    public static void main(String[] argv) throws Exception {
        // The operator and the job each ship a log4j configuration; the sandbox uses its own.
        if (System.getProperty(LOG_CONFIG) == null) {
            System.setProperty(LOG_CONFIG, "log4j2-sandbox.properties");
        }
        if (argv.length > 0 && argv[0].equals("produce")) {
            produce(Arrays.asList(argv).subList(1, argv.length));
            return;
        }
        SandboxArgs args;
        try {
            args = SandboxArgs.parse(Arrays.asList(argv));
        } catch (IllegalArgumentException e) {
            System.err.println("sandbox: " + e.getMessage() + "\n" + SandboxArgs.USAGE);
            System.exit(SandboxArgs.USAGE_ERROR);
            return;
        }
        if (args.help()) {
            System.out.println(SandboxArgs.USAGE);
            return;
        }
        List<PipelineExample> examples;
        try {
            examples = PipelineExample.loadAll(args.examples());
        } catch (java.io.UncheckedIOException e) {
            System.err.println("sandbox: " + e.getMessage());
            System.exit(SandboxArgs.USAGE_ERROR);
            return;
        } catch (IllegalArgumentException e) {
            System.err.println("sandbox: " + e.getMessage());
            System.exit(2);
            return;
        }
        if (examples.isEmpty()) {
            System.err.println("no *.yaml pipeline in " + args.examples());
            System.exit(2);
        }
        List<AutoCloseable> running = new ArrayList<>();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(
                        new Thread(
                                () -> {
                                    say("sandbox", "stopping");
                                    for (int i = running.size() - 1; i >= 0; i--) {
                                        closeQuietly(running.get(i));
                                    }
                                    say("sandbox", "stopped");
                                    stopped.countDown();
                                },
                                "sandbox-shutdown"));
        long started = System.nanoTime();
        try {
            run(args, examples, running, started);
        } catch (PortInUseException e) {
            System.err.println("sandbox: " + e.getMessage());
            System.exit(1);
        } catch (BrokerPortInUseException e) {
            System.err.println("sandbox: " + e.getMessage() + " with --kafka-port");
            System.exit(1);
        }
        stopped.await();
    }

    private static void run(
            SandboxArgs args,
            List<PipelineExample> examples,
            List<AutoCloseable> running,
            long started)
            throws Exception {
        say("sandbox", "starting Kafka, the Kubernetes API, Flink and the operator ...");
        SandboxStack stack =
                SandboxStack.start(
                        new SandboxStack.Options(
                                args.kafkaPort(),
                                args.kubePort(),
                                args.workDir(),
                                SLOTS,
                                args.flinkPort(),
                                args.metricsPort()),
                        line -> say("flink", line));
        running.add(stack);
        say(
                "sandbox",
                "Kafka at "
                        + stack.bootstrapServers()
                        + ", Kubernetes API at "
                        + stack.kube().url());
        say(
                "sandbox",
                "Flink REST API at "
                        + stack.flink().restUrl()
                        + " (jobs: /jobs/overview), operator metrics at "
                        + stack.metricsUrl());
        new SandboxState(
                        stack.bootstrapServers(),
                        stack.kube().url(),
                        stack.flink().restUrl(),
                        stack.metricsUrl())
                .write(args.workDir());
        running.add(() -> SandboxState.delete(args.workDir()));
        running.add(new StatusPrinter(stack.kube().client(), line -> say("status", line)));
        PipelineClient pipelines = new PipelineClient(stack.kube().client());
        for (PipelineExample example : examples) {
            pipelines.apply(
                    args.rate() == null
                            ? example.forSandbox()
                            : example.forSandboxWithGeneratedEvents());
            say("sandbox", "applied " + example.file());
        }
        for (PipelineExample example : examples) {
            pipelines.awaitPhase(example.namespace(), example.name(), Phase.Running, READY_TIMEOUT);
        }
        say(
                "sandbox",
                "ready in "
                        + Duration.ofNanos(System.nanoTime() - started)
                                        .truncatedTo(ChronoUnit.MILLIS)
                                        .toMillis()
                                / 1000.0
                        + " s");
        running.add(
                new AlertPrinter(
                        stack.bootstrapServers(),
                        examples.stream().map(e -> e.spec().getOutput().getTopic()).toList(),
                        line -> say("alert", line)));
        if (args.sendEvents()) {
            SampleEvents events = new SampleEvents(stack.bootstrapServers());
            running.add(events);
            for (PipelineExample example : examples) {
                produce(events, example, args.rate(), running);
            }
        }
        say(
                "sandbox",
                "kubectl --kubeconfig " + stack.kube().kubeconfig() + " get eventpipelines -A");
        Path script = ProduceScript.write(args.workDir());
        if (script != null) {
            running.add(() -> Files.deleteIfExists(script));
        }
        say(
                "sandbox",
                "produce events: "
                        + (script == null
                                ? "./mvnw -q -pl sandbox -am process-classes -Psandbox"
                                        + " -Dsandbox.args=\"produce TOPIC FILE.jsonl\""
                                : args.workDir().resolve(ProduceScript.NAME)
                                        + " TOPIC [FILE.jsonl | -] [--key FIELD]"));
        say("sandbox", "Ctrl-C stops everything");
    }

    private static void produce(
            SampleEvents events, PipelineExample example, Double rate, List<AutoCloseable> running)
            throws Exception {
        if (example.eventsFile().isEmpty()) {
            say("sandbox", example.name() + ": no sample events file beside " + example.file());
            return;
        }
        Path file = example.eventsFile().get();
        List<String> lines = Files.readAllLines(file).stream().filter(l -> !l.isBlank()).toList();
        EventPipelineSpec spec = example.spec();
        String topic = spec.getInput().getTopic();
        if (rate != null) {
            running.add(EventGenerator.start(events, topic, spec, lines, rate));
            say(
                    "sandbox",
                    "replaying "
                            + file.getFileName()
                            + " to "
                            + topic
                            + " at "
                            + rate
                            + " events/s");
            return;
        }
        SampleEvents.Sent sent = events.send(topic, spec, lines);
        say(
                "sandbox",
                "sent " + sent.records() + " events from " + file.getFileName() + " to " + topic);
        if (sent.latestEventTime().isPresent()) {
            long clock =
                    sent.latestEventTime().getAsLong() + SampleEvents.settleTime(spec).toMillis();
            events.advanceEventTime(topic, spec, clock);
            say(
                    "sandbox",
                    "advanced event time on every partition of "
                            + topic
                            + " to "
                            + java.time.Instant.ofEpochMilli(clock));
        }
    }

    private static void produce(List<String> args) throws Exception {
        if (args.contains("-h") || args.contains("--help")) {
            System.out.println(ProduceCommand.USAGE);
            return;
        }
        try {
            int sent = ProduceCommand.run(args);
            System.err.println("sandbox produce: sent " + sent + " records");
        } catch (IllegalArgumentException e) {
            System.err.println("sandbox produce: " + e.getMessage() + "\n" + ProduceCommand.USAGE);
            System.exit(SandboxArgs.USAGE_ERROR);
        } catch (java.io.IOException | org.apache.kafka.common.KafkaException e) {
            System.err.println("sandbox produce: " + e.getMessage());
            System.exit(1);
        }
    }

    static synchronized void say(String source, String line) {
        System.out.printf("%s %-7s %s%n", CLOCK.format(LocalTime.now()), "[" + source + "]", line);
        System.out.flush();
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            System.err.println("sandbox: while stopping: " + e);
        }
    }
}
