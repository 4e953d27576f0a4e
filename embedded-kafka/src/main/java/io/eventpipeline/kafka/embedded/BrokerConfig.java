package io.eventpipeline.kafka.embedded;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Server properties of a single-node KRaft broker acting as its own controller, bound to 127.0.0.1
 * only and tuned for quick start-up and shutdown in tests and the dev sandbox.
 */
final class BrokerConfig {

    static final int NODE_ID = 1;

    private final BrokerPorts ports;
    private final Path dataDir;
    private final Map<String, String> saslPlainUsers;
    private final Map<String, String> overrides;
    private final SecureListeners secureListeners;

    /**
     * @param saslPlainUsers users accepted on the SASL_PLAINTEXT listener; empty when there is none
     * @param overrides applied last, so they can replace any property set here
     */
    BrokerConfig(
            BrokerPorts ports,
            Path dataDir,
            Map<String, String> saslPlainUsers,
            Map<String, String> overrides) {
        this(ports, dataDir, saslPlainUsers, overrides, SecureListeners.none());
    }

    /**
     * @param secureListeners TLS and SCRAM listeners added next to the PLAINTEXT (and SASL/PLAIN)
     *     ones
     */
    BrokerConfig(
            BrokerPorts ports,
            Path dataDir,
            Map<String, String> saslPlainUsers,
            Map<String, String> overrides,
            SecureListeners secureListeners) {
        this.secureListeners = secureListeners;
        this.ports = ports;
        this.dataDir = dataDir;
        this.saslPlainUsers = Map.copyOf(saslPlainUsers);
        this.overrides = new LinkedHashMap<>(overrides);
        if (ports.sasl().isPresent() == saslPlainUsers.isEmpty()) {
            throw new IllegalArgumentException("A SASL port needs SASL users and vice versa");
        }
    }

    BrokerPorts ports() {
        return ports;
    }

    SecureListeners secureListeners() {
        return secureListeners;
    }

    Properties toProperties() {
        Properties props = new Properties();
        props.put("process.roles", "broker,controller");
        props.put("node.id", String.valueOf(NODE_ID));
        props.put("controller.quorum.voters", NODE_ID + "@127.0.0.1:" + ports.controller());
        props.put("controller.listener.names", BrokerPorts.CONTROLLER_LISTENER);
        props.put("inter.broker.listener.name", BrokerPorts.PLAINTEXT_LISTENER);
        putListeners(props);

        props.put("log.dirs", dataDir.toAbsolutePath().toString());

        // A single node: every internal topic has exactly one replica.
        props.put("offsets.topic.replication.factor", "1");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("min.insync.replicas", "1");
        props.put("default.replication.factor", "1");
        // One partition each: creating the default 50 would slow down the first consumer group
        // and the first transaction of every test run.
        props.put("offsets.topic.num.partitions", "1");
        props.put("transaction.state.log.num.partitions", "1");

        // Consumers in tests join at once instead of waiting 3 s for more members.
        props.put("group.initial.rebalance.delay.ms", "0");
        // Topics are created explicitly (by the operator or the test); a typo must not create one.
        props.put("auto.create.topics.enable", "false");
        // Controlled shutdown lets the controller fence this broker before it goes away. Without
        // it the broker's registration outlives a stop(), and start() would be refused as a
        // duplicate registration until the old session times out (about 10 s).
        props.put("controlled.shutdown.enable", "true");
        // The log cleaner preallocates 128 MiB by default; a test broker needs far less.
        props.put("log.cleaner.dedupe.buffer.size", String.valueOf(2 * 1024 * 1024));

        props.putAll(overrides);
        return props;
    }

    private void putListeners(Properties props) {
        String plaintext = BrokerPorts.PLAINTEXT_LISTENER + "://127.0.0.1:" + ports.plaintext();
        String advertised = plaintext;
        String protocolMap =
                BrokerPorts.PLAINTEXT_LISTENER
                        + ":PLAINTEXT,"
                        + BrokerPorts.CONTROLLER_LISTENER
                        + ":PLAINTEXT";
        if (ports.sasl().isPresent()) {
            advertised +=
                    "," + BrokerPorts.SASL_LISTENER + "://127.0.0.1:" + ports.sasl().getAsInt();
            protocolMap += "," + BrokerPorts.SASL_LISTENER + ":SASL_PLAINTEXT";
            props.put("sasl.enabled.mechanisms", "PLAIN");
            props.put(
                    "listener.name.sasl_plaintext.plain.sasl.jaas.config",
                    PlainJaas.serverConfig(saslPlainUsers));
        }
        advertised += secureListeners.listenerList();
        protocolMap += secureListeners.protocolMap();
        secureListeners.putProperties(props);
        props.put(
                "listeners",
                advertised
                        + ","
                        + BrokerPorts.CONTROLLER_LISTENER
                        + "://127.0.0.1:"
                        + ports.controller());
        // The controller listener is not advertised to clients.
        props.put("advertised.listeners", advertised);
        props.put("listener.security.protocol.map", protocolMap);
    }
}
