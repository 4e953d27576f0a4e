package io.eventpipeline.kafka.embedded;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.metadata.properties.MetaPropertiesEnsemble;
import org.apache.kafka.metadata.storage.Formatter;

/**
 * Formats the broker's log directories for KRaft, once: what {@code kafka-storage format} does.
 *
 * <p>Reads the few settings it needs from the server properties rather than from Kafka's {@code
 * KafkaConfig}, whose accessors live in a jar the broker only needs at runtime.
 */
final class KraftStorage {

    private final int nodeId;
    private final List<String> logDirs;
    private final String metadataLogDir;
    private final String controllerListenerName;

    KraftStorage(Properties serverProperties) {
        this.nodeId = Integer.parseInt(serverProperties.getProperty("node.id").trim());
        String dirs =
                serverProperties.getProperty("log.dirs", serverProperties.getProperty("log.dir"));
        this.logDirs = Arrays.stream(dirs.split(",")).map(String::trim).toList();
        this.metadataLogDir = serverProperties.getProperty("metadata.log.dir", logDirs.get(0));
        this.controllerListenerName =
                serverProperties.getProperty("controller.listener.names").split(",")[0].trim();
    }

    /**
     * Formats the log and metadata directories with a new cluster id unless they already hold a
     * {@code meta.properties}, so a restarted broker keeps its cluster id and topics.
     */
    void formatIfNeeded() {
        if (Files.exists(Path.of(metadataLogDir, MetaPropertiesEnsemble.META_PROPERTIES_NAME))) {
            return;
        }
        try {
            for (String dir : logDirs) {
                Files.createDirectories(Path.of(dir));
            }
            new Formatter()
                    // The formatter reports progress on stdout; keep test output clean.
                    .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                    .setNodeId(nodeId)
                    .setClusterId(Uuid.randomUuid().toString())
                    .setControllerListenerName(controllerListenerName)
                    .setMetadataLogDirectory(metadataLogDir)
                    .setDirectories(logDirs)
                    .run();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create Kafka log directories " + logDirs, e);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("Could not format Kafka storage in " + logDirs, e);
        }
    }
}
