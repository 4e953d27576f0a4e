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
        Path workDir,
        boolean help) {
    /** Exit status of a usage error, as the operator's and the job's command lines use. */
    static final int USAGE_ERROR = 64;

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
        boolean help = false;
        List<String> split = new java.util.ArrayList<>();
        for (String arg : args) {
            // --opt=value as well as --opt value
            int equals = arg.indexOf('=');
            if (arg.startsWith("--") && equals > 2) {
                split.add(arg.substring(0, equals));
                split.add(arg.substring(equals + 1));
            } else {
                split.add(arg);
            }
        }
        args = split;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            switch (arg) {
                case "--rate" -> rate = number(arg, value(args, ++i, arg));
                case "--no-events" -> sendEvents = false;
                case "--kafka-port" -> kafkaPort = port(arg, value(args, ++i, arg));
                case "--kube-port" -> kubePort = port(arg, value(args, ++i, arg));
                case "--flink-port" -> flinkPort = port(arg, value(args, ++i, arg));
                case "--metrics-port" -> metricsPort = port(arg, value(args, ++i, arg));
                case "--work-dir" -> workDir = Path.of(value(args, ++i, arg));
                case "-h", "--help" -> help = true;
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
                examples,
                rate,
                sendEvents,
                kafkaPort,
                kubePort,
                flinkPort,
                metricsPort,
                workDir,
                help);
    }

    private static double number(String option, String text) {
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + ": '" + text + "' is not a number");
        }
    }

    private static int port(String option, String text) {
        try {
            int port = Integer.parseInt(text);
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(
                option + ": '" + text + "' is not a port (0 to 65535; 0 picks a free one)");
    }

    private static String value(List<String> args, int index, String option) {
        if (index >= args.size()) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args.get(index);
    }
}
