package io.eventpipeline.spec.resolved;

import io.eventpipeline.spec.model.SaslMechanism;
import io.eventpipeline.spec.model.StoreType;
import io.eventpipeline.spec.model.StrimziSpec;
import java.util.Optional;

/**
 * What {@code spec.kafka.strimzi} stands for, in the Secret names and keys Strimzi writes: the
 * cluster CA in {@code <cluster>-cluster-ca-cert} ({@code ca.crt}), a TLS KafkaUser's {@code
 * user.p12} with {@code user.password}, a SCRAM KafkaUser's {@code sasl.jaas.config}, each in the
 * Secret named after the user.
 */
final class StrimziCredentials {
    static final String PATH = "spec.kafka.strimzi";

    private StrimziCredentials() {}

    /** The Secret Strimzi keeps a cluster's CA certificate in. */
    static String clusterCaSecret(String cluster) {
        return cluster + "-cluster-ca-cert";
    }

    static ResolvedKafkaTls tls(StrimziSpec strimzi) {
        KafkaStore truststore =
                new KafkaStore(
                        clusterCaSecret(strimzi.getCluster()),
                        "ca.crt",
                        StoreType.PEM,
                        Optional.empty(),
                        PATH);
        Optional<KafkaStore> keystore = Optional.empty();
        if (strimzi.getAuthentication() != null) {
            keystore =
                    switch (strimzi.getAuthentication()) {
                        case TLS ->
                                Optional.of(
                                        new KafkaStore(
                                                strimzi.getUser(),
                                                "user.p12",
                                                StoreType.PKCS12,
                                                Optional.of("user.password"),
                                                PATH));
                        case SCRAM_SHA_512 -> Optional.empty();
                    };
        }
        return new ResolvedKafkaTls(Optional.of(truststore), keystore);
    }

    static Optional<ResolvedKafkaSasl> sasl(StrimziSpec strimzi) {
        if (strimzi.getAuthentication() == null) {
            return Optional.empty();
        }
        return switch (strimzi.getAuthentication()) {
            case TLS -> Optional.empty();
            case SCRAM_SHA_512 ->
                    Optional.of(
                            new ResolvedKafkaSasl(
                                    SaslMechanism.SCRAM_SHA_512,
                                    new KafkaSecretKey(
                                            strimzi.getUser(), "sasl.jaas.config", PATH)));
        };
    }
}
