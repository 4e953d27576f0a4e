package io.eventpipeline.operator.bench;

import io.eventpipeline.spec.Durations;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The operator scale benchmark's arguments: {@code [pipelines=100] [idle=60s] [resync=10s]
 * [scenario=arriving|existing] [warmup=100] [brokerData=memory|disk] [share=1]}; a bare number is
 * the pipeline count.
 *
 * @param idle how long the operator is left at rest after a restart
 * @param resync the resync interval while at rest (the run to Ready uses the production default)
 * @param warmup pipelines taken to Ready and deleted before the clock starts; 0 for none
 * @param brokerData where the broker keeps its logs (see {@link BrokerStorage})
 * @param share how many pipelines read, write and dead-letter the same three topics: 1 gives each
 *     its own; more is a fleet of patterns over shared business streams, and keeps the topic count
 *     within what one embedded broker can hold at N = 10,000 (each partition keeps a file open)
 */
record ScaleOptions(
        int pipelines,
        Duration idle,
        Duration resync,
        Scenario scenario,
        int warmup,
        String brokerData,
        int share) {

    private static final Set<String> KNOWN =
            Set.of("pipelines", "idle", "resync", "scenario", "warmup", "brokerData", "share");

    /** When the pipelines appear, relative to the operator. */
    enum Scenario {
        /** Created while the operator runs; timed from the first create. */
        ARRIVING("arriving while the operator runs"),
        /**
         * All created first, then the operator starts (an install or restart); timed from start.
         */
        EXISTING("existing when the operator starts");

        final String description;

        Scenario(String description) {
            this.description = description;
        }

        static Scenario of(String value) {
            return switch (value) {
                case "arriving" -> ARRIVING;
                case "existing" -> EXISTING;
                default ->
                        throw new IllegalArgumentException(
                                "scenario must be arriving or existing, not " + value);
            };
        }
    }

    static ScaleOptions parse(String[] args) {
        Map<String, String> options = new TreeMap<>();
        for (String arg : args) {
            if (arg.matches("\\d+")) {
                options.put("pipelines", arg);
                continue;
            }
            String[] kv = arg.split("=", 2);
            if (kv.length != 2 || !KNOWN.contains(kv[0])) {
                throw new IllegalArgumentException(
                        "expected [pipelines=N] [idle=60s] [resync=10s]"
                                + " [scenario=arriving|existing] [warmup=100]"
                                + " [brokerData=memory|disk] [share=1], got "
                                + arg);
            }
            options.put(kv[0], kv[1]);
        }
        return new ScaleOptions(
                Integer.parseInt(options.getOrDefault("pipelines", "100")),
                Durations.parse(options.getOrDefault("idle", "60s")),
                Durations.parse(options.getOrDefault("resync", "10s")),
                Scenario.of(options.getOrDefault("scenario", "arriving")),
                Integer.parseInt(options.getOrDefault("warmup", "100")),
                options.getOrDefault("brokerData", "memory"),
                positive("share", options.getOrDefault("share", "1")));
    }

    private static int positive(String option, String value) {
        int parsed = Integer.parseInt(value);
        if (parsed < 1) {
            throw new IllegalArgumentException(option + " must be at least 1, not " + value);
        }
        return parsed;
    }

    String describe() {
        return String.format(
                "%d pipelines %s, %s, warm-up %d, at rest %ss with resync %ss, %d cores, JOSDK"
                        + " defaults",
                pipelines,
                scenario.description,
                share == 1
                        ? "three topics of its own each"
                        : "three topics shared by every " + share,
                warmup,
                idle.toSeconds(),
                resync.toSeconds(),
                Runtime.getRuntime().availableProcessors());
    }
}
