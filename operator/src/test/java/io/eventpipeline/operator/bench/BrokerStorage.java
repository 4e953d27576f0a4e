package io.eventpipeline.operator.bench;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Where the benchmark's broker keeps its logs. The broker stands in for a Kafka cluster that runs
 * on machines of its own; creating 3N topic logs on this machine's disk measures its filesystem (on
 * ext4, inode allocation after many deleted files was most of the broker's kernel time, and the
 * broker's CPU varied twofold from run to run). So by default the logs go to memory ({@code
 * /dev/shm}) when it is there with room to spare; {@code brokerData=disk} keeps them in the
 * system's temporary directory.
 */
final class BrokerStorage implements AutoCloseable {
    private static final Path SHARED_MEMORY = Path.of("/dev/shm");
    private static final long ROOM_NEEDED = 1L << 30;

    private final Path dir;

    private BrokerStorage(Path dir) {
        this.dir = dir;
    }

    /**
     * @param where "memory" or "disk"
     * @return empty for the broker's own temporary directory on disk
     */
    static Optional<BrokerStorage> of(String where) throws IOException {
        switch (where) {
            case "disk":
                return Optional.empty();
            case "memory":
                if (!Files.isDirectory(SHARED_MEMORY) || !Files.isWritable(SHARED_MEMORY)) {
                    return Optional.empty();
                }
                FileStore store = Files.getFileStore(SHARED_MEMORY);
                if (store.getUsableSpace() < ROOM_NEEDED) {
                    return Optional.empty();
                }
                return Optional.of(
                        new BrokerStorage(
                                Files.createTempDirectory(SHARED_MEMORY, "bench-kafka-")));
            default:
                throw new IllegalArgumentException(
                        "brokerData must be memory or disk, not " + where);
        }
    }

    Path dir() {
        return dir;
    }

    @Override
    public void close() throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
