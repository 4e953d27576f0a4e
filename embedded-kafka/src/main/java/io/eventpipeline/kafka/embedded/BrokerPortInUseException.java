package io.eventpipeline.kafka.embedded;

/** Thrown by {@link EmbeddedKafkaBroker#start()} when one of the broker's ports is taken. */
public final class BrokerPortInUseException extends RuntimeException {

    private final int port;

    BrokerPortInUseException(int port, String listenerName, Throwable cause) {
        super(
                "Port "
                        + port
                        + " on 127.0.0.1 (Kafka "
                        + listenerName
                        + " listener) is already in use; stop whatever is using it or choose"
                        + " another port",
                cause);
        this.port = port;
    }

    public int port() {
        return port;
    }
}
