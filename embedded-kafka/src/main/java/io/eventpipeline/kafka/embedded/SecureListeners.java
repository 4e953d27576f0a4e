package io.eventpipeline.kafka.embedded;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/** The secure listeners a broker was built with, their fixed ports and their server properties. */
final class SecureListeners {

    private static final String SCRAM_LOGIN_MODULE =
            "org.apache.kafka.common.security.scram.ScramLoginModule required;";

    private final Map<SecureListener, Integer> ports;
    private final ServerTls tls;

    /**
     * @param tls the server's certificate; null only when no listener uses TLS
     */
    SecureListeners(Map<SecureListener, Integer> ports, ServerTls tls) {
        this.ports = ports.isEmpty() ? Map.of() : new EnumMap<>(ports);
        this.tls = tls;
        if (tls == null && this.ports.keySet().stream().anyMatch(SecureListener::usesTls)) {
            throw new IllegalArgumentException("A TLS listener needs serverTls(...)");
        }
    }

    static SecureListeners none() {
        return new SecureListeners(Map.of(), null);
    }

    /** Picks a free port, none of them in {@code taken}, for each listener. */
    static SecureListeners withFreePorts(
            Set<SecureListener> listeners, ServerTls tls, Set<Integer> taken) {
        var picked = FreePorts.pick(listeners.size(), taken).iterator();
        Map<SecureListener, Integer> ports = new EnumMap<>(SecureListener.class);
        for (SecureListener listener : listeners) {
            ports.put(listener, picked.next());
        }
        return new SecureListeners(ports, tls);
    }

    Map<SecureListener, Integer> ports() {
        return Collections.unmodifiableMap(ports);
    }

    boolean anyScram() {
        return ports.keySet().stream().anyMatch(SecureListener::usesScram);
    }

    /** {@code ,NAME://127.0.0.1:port} for each listener, to append to the listener lists. */
    String listenerList() {
        StringBuilder list = new StringBuilder();
        ports.forEach(
                (listener, port) ->
                        list.append(',')
                                .append(listener.listenerName())
                                .append("://127.0.0.1:")
                                .append(port));
        return list.toString();
    }

    /** {@code ,NAME:PROTOCOL} for each listener, to append to the security protocol map. */
    String protocolMap() {
        StringBuilder map = new StringBuilder();
        ports.keySet()
                .forEach(
                        listener ->
                                map.append(',')
                                        .append(listener.listenerName())
                                        .append(':')
                                        .append(listener.securityProtocol()));
        return map.toString();
    }

    void putProperties(Properties props) {
        if (tls != null && ports.keySet().stream().anyMatch(SecureListener::usesTls)) {
            props.put("ssl.keystore.type", "PEM");
            props.put("ssl.keystore.certificate.chain", tls.certificateChainPem());
            props.put("ssl.keystore.key", tls.privateKeyPem());
            props.put("ssl.truststore.type", "PEM");
            props.put("ssl.truststore.certificates", tls.trustedCaPem());
        }
        if (ports.containsKey(SecureListener.MTLS)) {
            props.put(SecureListener.MTLS.propertyPrefix() + "ssl.client.auth", "required");
        }
        for (SecureListener listener : ports.keySet()) {
            if (listener.usesScram()) {
                String prefix = listener.propertyPrefix();
                props.put(prefix + "sasl.enabled.mechanisms", SecureListener.SCRAM_MECHANISM);
                props.put(prefix + "scram-sha-512.sasl.jaas.config", SCRAM_LOGIN_MODULE);
            }
        }
    }

    void requireAllFree() {
        ports.forEach((listener, port) -> FreePorts.requireFree(port, listener.listenerName()));
    }
}
