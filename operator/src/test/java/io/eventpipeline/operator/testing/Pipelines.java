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
        return flightDelays(namespace, name, name);
    }

    /** The flight-delays example named {@code name}, on topics named after {@code topics}. */
    public static String flightDelays(String namespace, String name, String topics) {
        try {
            return Files.readString(FLIGHT_DELAYS)
                    .replace("name: flight-delays", "name: " + name)
                    .replace("namespace: airline", "namespace: " + namespace)
                    .replace("topic: flight-events-dlq", "topic: " + topics + "-dlq")
                    .replace("topic: flight-events", "topic: " + topics + "-events")
                    .replace("topic: flight-alerts", "topic: " + topics + "-alerts");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
