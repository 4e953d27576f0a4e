package io.eventpipeline.kafka.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Finds and checks TCP ports on the loopback interface, the only one the broker binds to. */
final class FreePorts {

    static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private FreePorts() {}

    /**
     * Picks {@code count} distinct free ports, none of them in {@code reserved}. The sockets stay
     * open until all ports are picked so the OS cannot hand out the same port twice.
     */
    static List<Integer> pick(int count, Set<Integer> reserved) {
        List<ServerSocket> held = new ArrayList<>();
        List<Integer> ports = new ArrayList<>();
        try {
            while (ports.size() < count) {
                ServerSocket socket = new ServerSocket(0, 1, LOOPBACK);
                held.add(socket);
                if (!reserved.contains(socket.getLocalPort())) {
                    ports.add(socket.getLocalPort());
                }
            }
            return ports;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not find a free port on 127.0.0.1", e);
        } finally {
            held.forEach(FreePorts::closeQuietly);
        }
    }

    /** Fails with {@link BrokerPortInUseException} if something already listens on the port. */
    static void requireFree(int port, String listenerName) {
        try (ServerSocket socket = new ServerSocket()) {
            // Same option Kafka's own acceptor uses, so leftover TIME_WAIT connections of a
            // previous run of this broker do not count as "in use".
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(LOOPBACK, port), 1);
        } catch (BindException e) {
            throw new BrokerPortInUseException(port, listenerName, e);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not check port " + port + " on 127.0.0.1", e);
        }
    }

    private static void closeQuietly(ServerSocket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Nothing was accepted on it; the port is released either way.
        }
    }
}
