package io.eventpipeline.kafka.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BrokerConfigTest {

    private static final Path DATA_DIR = Path.of("kafka-data").toAbsolutePath();

    @Test
    void bindsEveryListenerToLoopbackAndAdvertisesOnlyClientListeners() {
        Properties props =
                new BrokerConfig(
                                new BrokerPorts(9092, OptionalInt.of(9094), 9093),
                                DATA_DIR,
                                Map.of("alice", "alice-secret"),
                                Map.of())
                        .toProperties();

        assertThat(props.getProperty("listeners"))
                .isEqualTo(
                        "PLAINTEXT://127.0.0.1:9092,SASL_PLAINTEXT://127.0.0.1:9094,"
                                + "CONTROLLER://127.0.0.1:9093");
        assertThat(props.getProperty("advertised.listeners"))
                .isEqualTo("PLAINTEXT://127.0.0.1:9092,SASL_PLAINTEXT://127.0.0.1:9094");
        assertThat(props.getProperty("controller.quorum.voters")).isEqualTo("1@127.0.0.1:9093");
        assertThat(props.getProperty("inter.broker.listener.name")).isEqualTo("PLAINTEXT");
        assertThat(props.getProperty("sasl.enabled.mechanisms")).isEqualTo("PLAIN");
        assertThat(props.getProperty("listener.name.sasl_plaintext.plain.sasl.jaas.config"))
                .isEqualTo(
                        "org.apache.kafka.common.security.plain.PlainLoginModule required"
                                + " user_alice=\"alice-secret\";");
        assertThat(props.getProperty("transaction.max.timeout.ms")).isNull();
    }

    @Test
    void brokerPropertiesOverrideDefaults() {
        Properties props =
                new BrokerConfig(
                                new BrokerPorts(9092, OptionalInt.empty(), 9093),
                                DATA_DIR,
                                Map.of(),
                                Map.of("auto.create.topics.enable", "true"))
                        .toProperties();

        assertThat(props.getProperty("auto.create.topics.enable")).isEqualTo("true");
        assertThat(props.getProperty("listeners")).doesNotContain("SASL");
        assertThat(props).doesNotContainKey("sasl.enabled.mechanisms");
    }

    @Test
    void escapesQuotesInJaasValuesAndRejectsUnsafeUserNames() {
        assertThat(PlainJaas.clientConfig("bob", "a\"b\\c"))
                .isEqualTo(
                        "org.apache.kafka.common.security.plain.PlainLoginModule required"
                                + " username=\"bob\" password=\"a\\\"b\\\\c\";");
        assertThatThrownBy(() -> PlainJaas.serverConfig(Map.of("bob smith", "pw")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void picksDistinctFreePortsOnceAndKeepsFixedOnes() {
        BrokerPorts ports = BrokerPorts.resolve(0, true, 0);
        assertThat(Set.of(ports.plaintext(), ports.sasl().getAsInt(), ports.controller()))
                .hasSize(3);

        BrokerPorts fixed = BrokerPorts.resolve(19092, false, 0);
        assertThat(fixed.plaintext()).isEqualTo(19092);
        assertThat(fixed.sasl()).isEmpty();
        assertThat(fixed.controller()).isNotEqualTo(19092);
    }
}
