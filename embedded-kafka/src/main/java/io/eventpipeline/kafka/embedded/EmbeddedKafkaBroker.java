package io.eventpipeline.kafka.embedded;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import kafka.server.KafkaConfig;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.SaslConfigs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka broker running in this JVM in KRaft mode (one process acting as broker
 * and controller, no ZooKeeper), listening on 127.0.0.1 only.
 *
 * <p>{@link #stop()} keeps data and ports, so {@link #start()} brings back the same cluster on the
 * same addresses: tests use that to simulate an outage. Not meant for production.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private final BrokerConfig config;
    private final DataDirectory dataDir;
    private final ScramUsers scramUsers;

    private RaftServerInstance server;
    private String clusterId;
    private boolean closed;

    EmbeddedKafkaBroker(BrokerConfig config, DataDirectory dataDir, ScramUsers scramUsers) {
        this.config = config;
        this.dataDir = dataDir;
        this.scramUsers = scramUsers;
    }

    public static EmbeddedKafkaBrokerBuilder builder() {
        return new EmbeddedKafkaBrokerBuilder();
    }

    /**
     * Starts the broker, formatting its storage on the first start, and returns once it answers
     * clients. Does nothing if it is already running.
     *
     * @throws BrokerPortInUseException if one of its ports is taken
     */
    public synchronized EmbeddedKafkaBroker start() {
        if (closed) {
            throw new IllegalStateException("Embedded Kafka broker is closed");
        }
        if (server != null) {
            return this;
        }
        long startNanos = System.nanoTime();
        ThrowingExitProcedures.install();
        config.ports().requireAllFree();
        config.secureListeners().requireAllFree();
        Properties serverProperties = config.toProperties();
        // Validates the properties before anything touches the disk; false: do not log them all.
        KafkaConfig kafkaConfig = new KafkaConfig(serverProperties, false);
        new KraftStorage(serverProperties).formatIfNeeded();
        RaftServerInstance starting = new RaftServerInstance(kafkaConfig, bootstrapServers());
        try {
            clusterId = starting.startAndAwaitClusterId(READY_TIMEOUT, STOP_TIMEOUT);
        } catch (RuntimeException e) {
            throw new IllegalStateException(
                    "Embedded Kafka failed to start on " + bootstrapServers(), e);
        }
        try {
            scramUsers.storeIn(clientConfig(), READY_TIMEOUT);
        } catch (RuntimeException e) {
            starting.shutdown(STOP_TIMEOUT);
            throw e;
        }
        server = starting;
        LOG.info(
                "Embedded Kafka {} started on {} in {} ms",
                clusterId,
                bootstrapServers(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos));
        return this;
    }

    /**
     * Shuts the broker down cleanly, keeping its data and ports for a later {@link #start()}. Does
     * nothing if it is not running.
     */
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        long stopNanos = System.nanoTime();
        RaftServerInstance stopping = server;
        server = null;
        stopping.shutdown(STOP_TIMEOUT);
        LOG.info(
                "Embedded Kafka on {} stopped in {} ms",
                bootstrapServers(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stopNanos));
    }

    public synchronized boolean isRunning() {
        return server != null;
    }

    /**
     * {@code 127.0.0.1:<port>} of the PLAINTEXT listener; fixed from {@link
     * EmbeddedKafkaBrokerBuilder#build()} on.
     */
    public String bootstrapServers() {
        return "127.0.0.1:" + config.ports().plaintext();
    }

    /**
     * {@code 127.0.0.1:<port>} of the SASL_PLAINTEXT listener.
     *
     * @throws IllegalStateException if the broker was built without SASL users
     */
    public String saslBootstrapServers() {
        int port =
                config.ports()
                        .sasl()
                        .orElseThrow(
                                () ->
                                        new IllegalStateException(
                                                "Embedded Kafka has no SASL listener: build it"
                                                        + " with saslPlainUsers(...)"));
        return "127.0.0.1:" + port;
    }

    /** A new, modifiable client config for the PLAINTEXT listener: just bootstrap.servers. */
    public Map<String, Object> clientConfig() {
        Map<String, Object> clientConfig = new HashMap<>();
        clientConfig.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        return clientConfig;
    }

    /**
     * A new, modifiable client config for the SASL_PLAINTEXT listener, logging in with SASL/PLAIN
     * as the given user.
     *
     * @throws IllegalStateException if the broker was built without SASL users
     */
    public Map<String, Object> saslClientConfig(String username, String password) {
        Map<String, Object> clientConfig = new HashMap<>();
        clientConfig.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, saslBootstrapServers());
        clientConfig.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_PLAINTEXT");
        clientConfig.put(SaslConfigs.SASL_MECHANISM, "PLAIN");
        clientConfig.put(SaslConfigs.SASL_JAAS_CONFIG, PlainJaas.clientConfig(username, password));
        return clientConfig;
    }

    /**
     * {@code 127.0.0.1:<port>} of a secure listener.
     *
     * @throws IllegalStateException if the broker was built without it
     */
    public String bootstrapServers(SecureListener listener) {
        Integer port = config.secureListeners().ports().get(listener);
        if (port == null) {
            throw new IllegalStateException(
                    "Embedded Kafka has no "
                            + listener
                            + " listener: build it with secureListeners(...)");
        }
        return "127.0.0.1:" + port;
    }

    /**
     * A new, modifiable client config for a secure listener: bootstrap.servers, security.protocol
     * and, for SCRAM listeners, sasl.mechanism. The caller adds its trust store, key store or
     * sasl.jaas.config.
     */
    public Map<String, Object> clientConfig(SecureListener listener) {
        Map<String, Object> clientConfig = new HashMap<>();
        clientConfig.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(listener));
        clientConfig.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, listener.securityProtocol());
        if (listener.usesScram()) {
            clientConfig.put(SaslConfigs.SASL_MECHANISM, SecureListener.SCRAM_MECHANISM);
        }
        return clientConfig;
    }

    /** The cluster id, known once the broker has started. */
    public synchronized String clusterId() {
        if (clusterId == null) {
            throw new IllegalStateException("Embedded Kafka has not been started yet");
        }
        return clusterId;
    }

    /** The directory holding the broker's logs and metadata. */
    public Path dataDir() {
        return dataDir.path();
    }

    /** Stops the broker and deletes its data directory if this broker created it. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        try {
            stop();
        } finally {
            closed = true;
            dataDir.deleteIfOwned();
        }
    }
}
