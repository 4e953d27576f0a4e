package io.eventpipeline.kafka.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.EnumMap;
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
    void addsSecureListenersWithPemStoresClientAuthAndScram() {
        Map<SecureListener, Integer> ports = new EnumMap<>(SecureListener.class);
        ports.put(SecureListener.SSL, 9095);
        ports.put(SecureListener.MTLS, 9096);
        ports.put(SecureListener.SASL_SSL_SCRAM, 9097);
        ports.put(SecureListener.SASL_PLAINTEXT_SCRAM, 9098);
        Properties props =
                new BrokerConfig(
                                new BrokerPorts(9092, OptionalInt.empty(), 9093),
                                DATA_DIR,
                                Map.of(),
                                Map.of(),
                                new SecureListeners(ports, new ServerTls("CHAIN", "KEY", "CA")))
                        .toProperties();

        assertThat(props.getProperty("advertised.listeners"))
                .isEqualTo(
                        "PLAINTEXT://127.0.0.1:9092,SSL://127.0.0.1:9095,MTLS://127.0.0.1:9096,"
                                + "SASL_SSL://127.0.0.1:9097,SCRAM_PLAINTEXT://127.0.0.1:9098");
        assertThat(props.getProperty("listener.security.protocol.map"))
                .isEqualTo(
                        "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT,SSL:SSL,MTLS:SSL,"
                                + "SASL_SSL:SASL_SSL,SCRAM_PLAINTEXT:SASL_PLAINTEXT");
        assertThat(props)
                .containsEntry("ssl.keystore.type", "PEM")
                .containsEntry("ssl.keystore.certificate.chain", "CHAIN")
                .containsEntry("ssl.keystore.key", "KEY")
                .containsEntry("ssl.truststore.certificates", "CA")
                .containsEntry("listener.name.mtls.ssl.client.auth", "required")
                .containsEntry("listener.name.sasl_ssl.sasl.enabled.mechanisms", "SCRAM-SHA-512")
                .containsEntry(
                        "listener.name.scram_plaintext.sasl.enabled.mechanisms", "SCRAM-SHA-512")
                .doesNotContainKey("ssl.client.auth")
                .doesNotContainKey("sasl.enabled.mechanisms");
        assertThat(props.getProperty("inter.broker.listener.name")).isEqualTo("PLAINTEXT");
    }

    @Test
    void aTlsListenerNeedsAServerCertificate() {
        assertThatThrownBy(() -> new SecureListeners(Map.of(SecureListener.SSL, 9095), null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("serverTls");
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
