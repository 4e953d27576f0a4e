package io.eventpipeline.spec.resolved;

import io.eventpipeline.spec.model.KafkaConnectionSpec;
import io.eventpipeline.spec.model.KafkaTlsSpec;
import io.eventpipeline.spec.model.SecretReference;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The Kafka cluster holding the pipeline's topics, and how to authenticate to it: either an auth
 * Secret of client settings, or TLS and SASL from the Secrets they are in ({@code spec.kafka.tls},
 * {@code sasl}, or {@code strimzi}, which is read as both).
 *
 * @param bootstrapServers its bootstrap servers; empty only before the operator filled in its
 *     default cluster (the {@code test} command needs none)
 * @param authSecretName the Secret in the pipeline's namespace holding its client credentials
 * @param tls TLS from stores; empty: no TLS unless the auth Secret sets it
 * @param sasl SASL from a Secret key; empty: none unless the auth Secret sets it
 * @param topics how the topics are made (the operator's default already filled in)
 */
public record ResolvedKafka(
        Optional<String> bootstrapServers,
        Optional<String> authSecretName,
        Optional<ResolvedKafkaTls> tls,
        Optional<ResolvedKafkaSasl> sasl,
        ResolvedTopicManagement topics) {

    public ResolvedKafka(Optional<String> bootstrapServers, Optional<String> authSecretName) {
        this(
                bootstrapServers,
                authSecretName,
                Optional.empty(),
                Optional.empty(),
                ResolvedTopicManagement.ADMIN);
    }

    /** Credentials from stores and Secret keys; topics by the Admin API. */
    public ResolvedKafka(
            Optional<String> bootstrapServers,
            Optional<String> authSecretName,
            Optional<ResolvedKafkaTls> tls,
            Optional<ResolvedKafkaSasl> sasl) {
        this(bootstrapServers, authSecretName, tls, sasl, ResolvedTopicManagement.ADMIN);
    }

    static ResolvedKafka of(KafkaConnectionSpec kafka) {
        if (kafka == null) {
            return new ResolvedKafka(Optional.empty(), Optional.empty());
        }
        Optional<ResolvedKafkaTls> tls =
                Optional.ofNullable(kafka.getTls()).map(ResolvedKafka::tls);
        Optional<ResolvedKafkaSasl> sasl =
                Optional.ofNullable(kafka.getSasl())
                        .map(
                                s ->
                                        new ResolvedKafkaSasl(
                                                s.getMechanism(),
                                                new KafkaSecretKey(
                                                        s.getJaasConfig().getSecretName(),
                                                        s.getJaasConfig().getKey(),
                                                        "spec.kafka.sasl.jaasConfig")));
        if (kafka.getStrimzi() != null) {
            tls = Optional.of(StrimziCredentials.tls(kafka.getStrimzi()));
            sasl = StrimziCredentials.sasl(kafka.getStrimzi());
        }
        return new ResolvedKafka(
                Optional.ofNullable(kafka.getBootstrapServers()).filter(s -> !s.isBlank()),
                Optional.ofNullable(kafka.getAuthSecretRef()).map(SecretReference::getName),
                tls,
                sasl,
                ResolvedTopicManagement.of(kafka.getTopics(), kafka.getStrimzi()));
    }

    /** The Secret Strimzi keeps the CA certificate of cluster {@code cluster} in. */
    public static String strimziClusterCaSecret(String cluster) {
        return StrimziCredentials.clusterCaSecret(cluster);
    }

    private static ResolvedKafkaTls tls(KafkaTlsSpec tls) {
        return new ResolvedKafkaTls(
                Optional.ofNullable(tls.getTruststore())
                        .map(t -> KafkaStore.of(t, "spec.kafka.tls.truststore")),
                Optional.ofNullable(tls.getKeystore())
                        .map(k -> KafkaStore.of(k, "spec.kafka.tls.keystore")));
    }

    /**
     * Kafka's {@code security.protocol} for TLS and SASL given as stores and Secret keys; empty
     * when neither is (then the auth Secret, if any, says it).
     */
    public Optional<String> securityProtocol() {
        if (tls.isPresent()) {
            return Optional.of(sasl.isPresent() ? "SASL_SSL" : "SSL");
        }
        return sasl.map(s -> "SASL_PLAINTEXT");
    }

    /**
     * Every Secret (in the pipeline's namespace) the Kafka connection reads credentials from,
     * sorted and without repeats: a change of any of them is a change of the job's credentials. The
     * auth Secret, each store's Secret, the SASL JAAS config's, Strimzi's CA and user Secrets.
     */
    public List<String> referencedSecretNames() {
        return List.copyOf(references().keySet());
    }

    /**
     * The fields that name the Secret, for messages: e.g. {@code spec.kafka.tls.truststore,
     * spec.kafka.tls.keystore}; {@code spec.kafka} for a name no field gives.
     */
    public String fieldsNaming(String secretName) {
        List<String> fields = references().get(secretName);
        return fields == null ? "spec.kafka" : String.join(", ", fields);
    }

    private java.util.SortedMap<String, List<String>> references() {
        java.util.SortedMap<String, List<String>> references = new java.util.TreeMap<>();
        java.util.function.BiConsumer<String, String> add =
                (name, path) ->
                        references
                                .computeIfAbsent(name, n -> new java.util.ArrayList<>())
                                .add(path);
        authSecretName.ifPresent(name -> add.accept(name, "spec.kafka.authSecretRef"));
        tls.ifPresent(
                t ->
                        Stream.of(t.truststore(), t.keystore())
                                .flatMap(Optional::stream)
                                .forEach(store -> add.accept(store.secretName(), store.path())));
        sasl.ifPresent(s -> add.accept(s.jaasConfig().secretName(), s.jaasConfig().path()));
        return references;
    }
}
