package io.eventpipeline.kafka.embedded;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** Configures an {@link EmbeddedKafkaBroker}; ports left at 0 are picked once, in build(). */
public final class EmbeddedKafkaBrokerBuilder {

    private int plaintextPort;
    private int saslPort;
    private Map<String, String> saslPlainUsers = Map.of();
    private Path dataDir;
    private ServerTls serverTls;
    private final Set<SecureListener> secureListeners = EnumSet.noneOf(SecureListener.class);
    private Map<String, String> scramUsers = Map.of();
    private final Map<String, String> brokerProperties = new LinkedHashMap<>();

    EmbeddedKafkaBrokerBuilder() {}

    /** The PLAINTEXT listener's port; 0 (the default) picks a free one, kept across restarts. */
    public EmbeddedKafkaBrokerBuilder port(int plaintextPort) {
        this.plaintextPort = checkPort(plaintextPort);
        return this;
    }

    /**
     * Adds a SASL_PLAINTEXT listener with mechanism PLAIN accepting these users. User names are
     * limited to letters, digits, '.', '_' and '-'.
     */
    public EmbeddedKafkaBrokerBuilder saslPlainUsers(Map<String, String> usernameToPassword) {
        this.saslPlainUsers = Map.copyOf(usernameToPassword);
        return this;
    }

    /** The SASL_PLAINTEXT listener's port; 0 (the default) picks a free one. */
    public EmbeddedKafkaBrokerBuilder saslPort(int port) {
        this.saslPort = checkPort(port);
        return this;
    }

    /** Adds client listeners secured with TLS and/or SCRAM-SHA-512, each on a free port. */
    public EmbeddedKafkaBrokerBuilder secureListeners(SecureListener... listeners) {
        secureListeners.addAll(List.of(listeners));
        return this;
    }

    /** The certificate of the TLS listeners and the CA the mTLS listener trusts. */
    public EmbeddedKafkaBrokerBuilder serverTls(ServerTls tls) {
        this.serverTls = Objects.requireNonNull(tls, "tls");
        return this;
    }

    /** SCRAM-SHA-512 users, created in the cluster metadata once the broker has started. */
    public EmbeddedKafkaBrokerBuilder scramUsers(Map<String, String> usernameToPassword) {
        this.scramUsers = Map.copyOf(usernameToPassword);
        return this;
    }

    /**
     * A directory dedicated to this broker's data, kept on close. The default is a fresh temp
     * directory deleted on {@link EmbeddedKafkaBroker#close()}.
     */
    public EmbeddedKafkaBrokerBuilder dataDir(Path dir) {
        this.dataDir = Objects.requireNonNull(dir, "dir");
        return this;
    }

    /** Adds or overrides a server property (applied after all defaults). */
    public EmbeddedKafkaBrokerBuilder brokerProperty(String key, String value) {
        brokerProperties.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value));
        return this;
    }

    /** Creates the broker without starting it. */
    public EmbeddedKafkaBroker build() {
        boolean withSasl = !saslPlainUsers.isEmpty();
        if (!withSasl && saslPort != 0) {
            throw new IllegalStateException("saslPort(...) needs saslPlainUsers(...)");
        }
        boolean withScram = secureListeners.stream().anyMatch(SecureListener::usesScram);
        if (withScram == scramUsers.isEmpty()) {
            throw new IllegalStateException(
                    "A SCRAM listener needs scramUsers(...) and vice versa");
        }
        BrokerPorts ports = BrokerPorts.resolve(plaintextPort, withSasl, saslPort);
        Set<Integer> taken = new HashSet<>(Set.of(ports.plaintext(), ports.controller()));
        ports.sasl().ifPresent(taken::add);
        SecureListeners secure = SecureListeners.withFreePorts(secureListeners, serverTls, taken);
        DataDirectory directory =
                dataDir == null ? DataDirectory.createTemporary() : DataDirectory.given(dataDir);
        BrokerConfig config =
                new BrokerConfig(ports, directory.path(), saslPlainUsers, brokerProperties, secure);
        return new EmbeddedKafkaBroker(config, directory, new ScramUsers(scramUsers));
    }

    private static int checkPort(int port) {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("Not a TCP port: " + port);
        }
        return port;
    }
}
