package io.eventpipeline.operator.flink;

import io.eventpipeline.spec.KafkaAuthSettings;
import io.eventpipeline.spec.model.StoreType;
import io.eventpipeline.spec.resolved.KafkaStore;
import io.eventpipeline.spec.resolved.ResolvedKafka;
import io.eventpipeline.spec.resolved.ResolvedKafkaSasl;
import io.eventpipeline.spec.resolved.ResolvedKafkaTls;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How a pipeline's Kafka credentials reach the job's pods, never as values in the manifest: auth
 * Secret keys and store passwords as {@code secretKeyRef} environment variables, PKCS12 and JKS
 * stores as read-only files from Secret volumes (only the store's key), and what is not secret
 * (store locations and types, {@code security.protocol}, {@code sasl.mechanism}) as plain values.
 */
final class KafkaCredentialsTemplate {
    /** Where stores are mounted: {@code <MOUNT_ROOT>/truststore/truststore.p12}. */
    static final String MOUNT_ROOT = "/opt/eventpipeline/kafka";

    /**
     * The Flink image's {@code flink} group (gid 9999): given as the pod's fsGroup, it owns the
     * mounted stores, which are then readable by the Flink user and no one else.
     */
    static final long FLINK_GROUP = 9999L;

    /** Owner and group may read, nobody may write: 0440. */
    private static final int STORE_FILE_MODE = 0440;

    private final List<EnvVar> env = new ArrayList<>();
    private final List<Volume> volumes = new ArrayList<>();
    private final List<VolumeMount> mounts = new ArrayList<>();

    KafkaCredentialsTemplate(ResolvedKafka kafka) {
        kafka.authSecretName().ifPresent(this::authSecret);
        kafka.securityProtocol().ifPresent(protocol -> value("security.protocol", protocol));
        kafka.tls().ifPresent(this::tls);
        kafka.sasl().ifPresent(this::sasl);
    }

    List<EnvVar> env() {
        return List.copyOf(env);
    }

    List<Volume> volumes() {
        return List.copyOf(volumes);
    }

    List<VolumeMount> volumeMounts() {
        return List.copyOf(mounts);
    }

    /** Whether a store file is mounted, so the pod needs the Flink group to read it. */
    boolean mountsStores() {
        return !volumes.isEmpty();
    }

    private void authSecret(String secret) {
        for (String key : KafkaAuthSettings.SECRET_KEYS) {
            secretKeyRef(key, secret, key, true);
        }
    }

    private void tls(ResolvedKafkaTls tls) {
        tls.truststore().ifPresent(store -> store("truststore", store));
        tls.keystore().ifPresent(store -> store("keystore", store));
    }

    private void store(String role, KafkaStore store) {
        value("ssl." + role + ".type", store.type().yamlName());
        if (store.type() == StoreType.PEM) {
            // Only truststores are PEM here: certificates are text, no file needed.
            secretKeyRef("ssl." + role + ".certificates", store.secretName(), store.key(), false);
            return;
        }
        String directory = MOUNT_ROOT + "/" + role;
        String file = role + "." + store.type().yamlName().toLowerCase(Locale.ROOT);
        String volume = "kafka-" + role;
        volumes.add(
                new VolumeBuilder()
                        .withName(volume)
                        .withNewSecret()
                        .withSecretName(store.secretName())
                        .addNewItem()
                        .withKey(store.key())
                        .withPath(file)
                        .endItem()
                        .withDefaultMode(STORE_FILE_MODE)
                        .withOptional(false)
                        .endSecret()
                        .build());
        mounts.add(
                new VolumeMountBuilder()
                        .withName(volume)
                        .withMountPath(directory)
                        .withReadOnly(true)
                        .build());
        value("ssl." + role + ".location", directory + "/" + file);
        secretKeyRef(
                "ssl." + role + ".password",
                store.secretName(),
                store.passwordKey().orElseThrow(),
                false);
    }

    private void sasl(ResolvedKafkaSasl sasl) {
        value("sasl.mechanism", sasl.mechanism().yamlName());
        secretKeyRef(
                "sasl.jaas.config", sasl.jaasConfig().secretName(), sasl.jaasConfig().key(), false);
    }

    private void value(String setting, String value) {
        env.add(
                new EnvVarBuilder()
                        .withName(KafkaAuthSettings.envVarName(setting))
                        .withValue(value)
                        .build());
    }

    private void secretKeyRef(String setting, String secret, String key, boolean optional) {
        env.add(
                new EnvVarBuilder()
                        .withName(KafkaAuthSettings.envVarName(setting))
                        .withNewValueFrom()
                        .withNewSecretKeyRef(key, secret, optional)
                        .endValueFrom()
                        .build());
    }
}
