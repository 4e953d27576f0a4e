package io.eventpipeline.kafka.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** The broker's data directory, and whether the broker created it (and so must delete it). */
final class DataDirectory {

    private final Path path;
    private final boolean ownedByBroker;

    private DataDirectory(Path path, boolean ownedByBroker) {
        this.path = path;
        this.ownedByBroker = ownedByBroker;
    }

    static DataDirectory createTemporary() {
        try {
            return new DataDirectory(Files.createTempDirectory("embedded-kafka-"), true);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create a temp dir for Kafka", e);
        }
    }

    static DataDirectory given(Path path) {
        return new DataDirectory(path.toAbsolutePath(), false);
    }

    Path path() {
        return path;
    }

    void deleteIfOwned() {
        if (!ownedByBroker || !Files.exists(path)) {
            return;
        }
        try (Stream<Path> files = Files.walk(path)) {
            // Deepest first, so directories are empty when their turn comes.
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not delete Kafka data dir " + path, e);
        }
    }
}
