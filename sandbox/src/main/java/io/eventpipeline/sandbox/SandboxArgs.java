package io.eventpipeline.sandbox;

import java.nio.file.Path;
import java.util.List;

/**
 * The command line: {@code [FILE|FOLDER] [--rate N] [--no-events] [--kafka-port P] [--kube-port P]
 * [--work-dir DIR]}.
 */
record SandboxArgs(
        Path examples,
        Double rate,
        boolean sendEvents,
        int kafkaPort,
        int kubePort,
        int flinkPort,
        int metricsPort,
        Path workDir) {
    static final String USAGE =
            """
            usage: sandbox [FILE.yaml | FOLDER] [--rate EVENTS_PER_SECOND] [--no-events]
                           [--kafka-port 9092] [--kube-port 8081] [--flink-port 8082]
                           [--metrics-port 8083] [--work-dir target/sandbox]
                   sandbox produce TOPIC [FILE.jsonl | -] [--key FIELD]
              FILE/FOLDER  EventPipeline(s) to apply (default examples/flight-delays.yaml)
              --rate       replay the example's events continuously at this rate, with fresh keys
              --no-events  apply only; produce events yourself (sandbox produce) to localhost:<kafka-port>
              produce      write JSON lines into a topic of the running sandbox (see produce -h)\
            """;

    static SandboxArgs parse(List<String> args) {
        Path examples = Path.of("examples", "flight-delays.yaml");
        Double rate = null;
        boolean sendEvents = true;
        int kafkaPort = 9092;
        int kubePort = 8081;
        int flinkPort = 8082;
        int metricsPort = 8083;
        Path workDir = Path.of("target", "sandbox");
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            switch (arg) {
                case "--rate" -> rate = Double.parseDouble(value(args, ++i, arg));
                case "--no-events" -> sendEvents = false;
                case "--kafka-port" -> kafkaPort = Integer.parseInt(value(args, ++i, arg));
                case "--kube-port" -> kubePort = Integer.parseInt(value(args, ++i, arg));
                case "--flink-port" -> flinkPort = Integer.parseInt(value(args, ++i, arg));
                case "--metrics-port" -> metricsPort = Integer.parseInt(value(args, ++i, arg));
                case "--work-dir" -> workDir = Path.of(value(args, ++i, arg));
                case "-h", "--help" -> throw new IllegalArgumentException("");
                default -> {
                    if (arg.startsWith("-")) {
                        throw new IllegalArgumentException("unknown option " + arg);
                    }
                    examples = Path.of(arg);
                }
            }
        }
        if (rate != null && rate <= 0) {
            throw new IllegalArgumentException("--rate must be positive");
        }
        return new SandboxArgs(
                examples, rate, sendEvents, kafkaPort, kubePort, flinkPort, metricsPort, workDir);
    }

    private static String value(List<String> args, int index, String option) {
        if (index >= args.size()) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args.get(index);
    }
}
