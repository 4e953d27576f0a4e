package io.eventpipeline.spec.validation;

import io.eventpipeline.spec.model.KafkaConnectionSpec;
import io.eventpipeline.spec.model.KafkaSaslSpec;
import io.eventpipeline.spec.model.KafkaStoreSpec;
import io.eventpipeline.spec.model.StoreType;
import io.eventpipeline.spec.model.StrimziSpec;
import java.util.regex.Pattern;

/**
 * How the pipeline authenticates to Kafka: one of an auth Secret, stores and SASL from Secrets, or
 * the Strimzi shorthand; and every Secret name and key they give well-formed.
 */
final class KafkaAuthRules {
    /** A Secret's data key (Kubernetes' IsConfigMapKey). */
    private static final Pattern SECRET_KEY = Pattern.compile("[-._a-zA-Z0-9]+");

    /** Strimzi appends this to the cluster's name for the Secret of its CA certificate. */
    private static final String STRIMZI_CA_SUFFIX = "-cluster-ca-cert";

    private KafkaAuthRules() {}

    static void check(KafkaConnectionSpec kafka, Problems problems) {
        boolean storesOrSasl = kafka.getTls() != null || kafka.getSasl() != null;
        if (kafka.getAuthSecretRef() != null && (storesOrSasl || kafka.getStrimzi() != null)) {
            problems.add(
                    "spec.kafka.authSecretRef",
                    "cannot be combined with spec.kafka.tls, spec.kafka.sasl or"
                            + " spec.kafka.strimzi: give the credentials one way");
        }
        if (kafka.getStrimzi() != null && storesOrSasl) {
            problems.add(
                    "spec.kafka.strimzi",
                    "cannot be combined with spec.kafka.tls or spec.kafka.sasl: strimzi sets"
                            + " both from the Secrets Strimzi writes");
        }
        if (kafka.getTls() != null) {
            store(kafka.getTls().getTruststore(), "spec.kafka.tls.truststore", problems);
            KafkaStoreSpec keystore = kafka.getTls().getKeystore();
            store(keystore, "spec.kafka.tls.keystore", problems);
            if (keystore != null && keystore.getType() == StoreType.PEM) {
                problems.add(
                        "spec.kafka.tls.keystore.type",
                        "PEM is not supported for a keystore: use PKCS12 or JKS, or give the PEM"
                                + " certificate chain and key in an authSecretRef Secret"
                                + " (ssl.keystore.certificate.chain, ssl.keystore.key)");
            }
        }
        if (kafka.getSasl() != null) {
            sasl(kafka.getSasl(), problems);
        }
        if (kafka.getStrimzi() != null) {
            strimzi(kafka.getStrimzi(), problems);
        }
    }

    private static void store(KafkaStoreSpec store, String path, Problems problems) {
        if (store == null) {
            return;
        }
        secretName(store.getSecretName(), path + ".secretName", problems);
        secretKey(store.getKey(), path + ".key", problems);
        if (store.getType() == null) {
            problems.add(path + ".type", "is required: PKCS12, JKS or PEM");
            return;
        }
        if (store.getType() == StoreType.PEM) {
            if (store.getPasswordKey() != null) {
                problems.add(
                        path + ".passwordKey",
                        "is not allowed for type PEM: PEM certificates have no password");
            }
        } else if (store.getPasswordKey() == null) {
            problems.add(
                    path + ".passwordKey",
                    "is required for type "
                            + store.getType().yamlName()
                            + ": name the key of the same Secret holding the store's password");
        } else {
            secretKey(store.getPasswordKey(), path + ".passwordKey", problems);
        }
    }

    private static void sasl(KafkaSaslSpec sasl, Problems problems) {
        if (sasl.getMechanism() == null) {
            problems.add(
                    "spec.kafka.sasl.mechanism",
                    "is required: SCRAM-SHA-256, SCRAM-SHA-512 or PLAIN");
        }
        if (sasl.getJaasConfig() == null) {
            problems.add(
                    "spec.kafka.sasl.jaasConfig",
                    "is required: the Secret key holding the client's sasl.jaas.config");
            return;
        }
        String path = "spec.kafka.sasl.jaasConfig";
        secretName(sasl.getJaasConfig().getSecretName(), path + ".secretName", problems);
        secretKey(sasl.getJaasConfig().getKey(), path + ".key", problems);
    }

    private static void strimzi(StrimziSpec strimzi, Problems problems) {
        String cluster = strimzi.getCluster();
        if (Problems.isBlank(cluster)) {
            problems.add("spec.kafka.strimzi.cluster", "is required: the Strimzi Kafka's name");
        } else if (!isSecretName(cluster + STRIMZI_CA_SUFFIX)) {
            problems.add(
                    "spec.kafka.strimzi.cluster",
                    "'" + cluster + "' is not a Strimzi Kafka name (lowercase DNS subdomain)");
        }
        if (strimzi.getUser() != null) {
            secretName(strimzi.getUser(), "spec.kafka.strimzi.user", problems);
        }
        if ((strimzi.getUser() == null) != (strimzi.getAuthentication() == null)) {
            problems.add(
                    "spec.kafka.strimzi",
                    "user and authentication go together: name the KafkaUser and its"
                            + " authentication type (tls or scram-sha-512), or neither for TLS"
                            + " without client authentication");
        }
    }

    private static void secretName(String name, String path, Problems problems) {
        if (Problems.isBlank(name)) {
            problems.add(path, "is required");
        } else if (!isSecretName(name)) {
            problems.add(
                    path, "'" + name + "' is not a valid Secret name (lowercase DNS subdomain)");
        }
    }

    private static boolean isSecretName(String name) {
        return name.length() <= Names.DNS_SUBDOMAIN_MAX
                && Names.DNS_SUBDOMAIN.matcher(name).matches();
    }

    private static void secretKey(String key, String path, Problems problems) {
        if (Problems.isBlank(key)) {
            problems.add(path, "is required");
        } else if (key.length() > Names.DNS_SUBDOMAIN_MAX
                || !SECRET_KEY.matcher(key).matches()
                || key.equals(".")
                || key.equals("..")) {
            problems.add(
                    path,
                    "'" + key + "' is not a Secret key: use letters, digits, '-', '_' and '.'");
        }
    }
}
