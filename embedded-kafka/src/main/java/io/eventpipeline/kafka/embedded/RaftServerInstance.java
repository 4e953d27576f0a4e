package io.eventpipeline.kafka.embedded;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of Kafka's KRaft server, from start-up to shutdown. A restart of the broker creates a new
 * instance over the same storage.
 */
final class RaftServerInstance {

    private static final Logger LOG = LoggerFactory.getLogger(RaftServerInstance.class);

    private final KafkaRaftServer server;
    private final String bootstrapServers;

    RaftServerInstance(KafkaConfig config, String bootstrapServers) {
        this.server = new KafkaRaftServer(config, Time.SYSTEM);
        this.bootstrapServers = bootstrapServers;
    }

    /**
     * Starts the server and waits until it answers a describeCluster call; returns the cluster id.
     * On failure the server is shut down again before the exception propagates.
     */
    String startAndAwaitClusterId(Duration readyTimeout, Duration shutdownTimeout) {
        try {
            server.startup();
            return awaitClusterId(readyTimeout);
        } catch (RuntimeException e) {
            try {
                shutdown(shutdownTimeout);
            } catch (RuntimeException shutdownFailure) {
                e.addSuppressed(shutdownFailure);
            }
            throw e;
        }
    }

    /**
     * Shuts the server down on a separate thread so a stuck shutdown cannot hang the caller (a test
     * suite or the sandbox) forever.
     */
    void shutdown(Duration timeout) {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread shutdown =
                new Thread(
                        () -> {
                            try {
                                server.shutdown();
                                server.awaitShutdown();
                            } catch (Throwable t) {
                                failure.set(t);
                            }
                        },
                        "embedded-kafka-shutdown");
        shutdown.setDaemon(true);
        shutdown.start();
        try {
            shutdown.join(timeout.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while stopping Kafka", e);
        }
        if (shutdown.isAlive()) {
            throw new IllegalStateException(
                    "Embedded Kafka on " + bootstrapServers + " did not stop within " + timeout);
        }
        if (failure.get() != null) {
            LOG.warn(
                    "Embedded Kafka on {} did not shut down cleanly",
                    bootstrapServers,
                    failure.get());
        }
    }

    private String awaitClusterId(Duration timeout) {
        Map<String, Object> adminConfig = new HashMap<>();
        adminConfig.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        adminConfig.put(AdminClientConfig.CLIENT_ID_CONFIG, "embedded-kafka-readiness-check");
        adminConfig.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        adminConfig.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        try (Admin admin = Admin.create(adminConfig)) {
            return admin.describeCluster()
                    .clusterId()
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(
                    "Embedded Kafka on " + bootstrapServers + " did not answer within " + timeout,
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for Kafka to start", e);
        }
    }
}
