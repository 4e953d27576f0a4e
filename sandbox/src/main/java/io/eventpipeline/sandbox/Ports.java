package io.eventpipeline.sandbox;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Checks a fixed port before a server binds it, so the user gets one clear sentence. */
final class Ports {
    private Ports() {}

    static void requireFree(int port, String part, String option) {
        if (port == 0) {
            return;
        }
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        } catch (IOException e) {
            throw new PortInUseException(part, port, option);
        }
    }
}
