package io.eventpipeline.kafka.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

class PortInUseIT {

    @Test
    void refusesToStartOnAPortThatIsTaken() throws Exception {
        try (ServerSocket squatter = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                EmbeddedKafkaBroker broker =
                        EmbeddedKafkaBroker.builder().port(squatter.getLocalPort()).build()) {
            int port = squatter.getLocalPort();

            assertThatThrownBy(broker::start)
                    .isInstanceOf(BrokerPortInUseException.class)
                    .hasMessageContaining("Port " + port)
                    .hasMessageContaining("already in use")
                    .satisfies(
                            e -> assertThat(((BrokerPortInUseException) e).port()).isEqualTo(port));
            assertThat(broker.isRunning()).isFalse();
        }
    }
}
