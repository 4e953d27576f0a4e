package io.eventpipeline.sandbox;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Properties;

/**
 * Where a running sandbox can be reached, in {@code <work dir>/sandbox.properties} while it runs:
 * how {@code produce} finds its Kafka broker, and what it printed at start.
 */
record SandboxState(
        String bootstrapServers, String kubernetesApi, String flinkRest, String metrics) {
    static final String FILE = "sandbox.properties";

    static Path file(Path workDir) {
        return workDir.resolve(FILE);
    }

    /** Writes the state file; {@link #delete} removes it when the sandbox stops. */
    void write(Path workDir) {
        Properties properties = new Properties();
        properties.setProperty("bootstrap.servers", bootstrapServers);
        properties.setProperty("kubernetes.api", kubernetesApi);
        properties.setProperty("flink.rest", flinkRest);
        properties.setProperty("metrics", metrics);
        try (Writer out = Files.newBufferedWriter(file(workDir), StandardCharsets.UTF_8)) {
            properties.store(out, "a running sandbox; removed when it stops");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void delete(Path workDir) {
        try {
            Files.deleteIfExists(file(workDir));
        } catch (IOException e) {
            // Stopping anyway: a stale file only misleads produce, which then cannot connect.
        }
    }

    /** The state of the sandbox running with this work dir. */
    static SandboxState read(Path workDir) throws IOException {
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(file(workDir), StandardCharsets.UTF_8)) {
            properties.load(in);
        } catch (NoSuchFileException e) {
            throw new IOException(
                    "no running sandbox: "
                            + file(workDir)
                            + " does not exist (start one, or pass --work-dir or"
                            + " --bootstrap-servers)");
        }
        return new SandboxState(
                properties.getProperty("bootstrap.servers"),
                properties.getProperty("kubernetes.api"),
                properties.getProperty("flink.rest"),
                properties.getProperty("metrics"));
    }
}
