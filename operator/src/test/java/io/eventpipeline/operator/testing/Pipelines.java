package io.eventpipeline.operator.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Example pipelines for tests, renamed so that tests sharing a broker never share topics. */
public final class Pipelines {
    public static final Path FLIGHT_DELAYS = Path.of("../examples/flight-delays.yaml");

    private Pipelines() {}

    /** The flight-delays example as {@code namespace/name}, its topics suffixed with the name. */
    public static String flightDelays(String namespace, String name) {
        try {
            return Files.readString(FLIGHT_DELAYS)
                    .replace("name: flight-delays", "name: " + name)
                    .replace("namespace: airline", "namespace: " + namespace)
                    .replace("topic: flight-events-dlq", "topic: " + name + "-dlq")
                    .replace("topic: flight-events", "topic: " + name + "-events")
                    .replace("topic: flight-alerts", "topic: " + name + "-alerts");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
