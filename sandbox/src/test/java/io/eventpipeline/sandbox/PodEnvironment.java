package io.eventpipeline.sandbox;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarSource;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretEnvSource;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The environment variables a container's process would see, as the kubelet builds them from the
 * container's {@code envFrom} and {@code env} and the Secrets of the pod's namespace: {@code
 * envFrom} Secrets first, then {@code env} in order, a later name replacing an earlier one. A
 * {@code secretKeyRef} to an absent Secret or key leaves the variable out when it is optional and
 * fails otherwise (the kubelet would not start the container). Plain values are taken as they are.
 *
 * <p>Only what rendered pods use is supported: anything else ({@code configMapKeyRef}, {@code
 * fieldRef}, {@code $(VAR)} references, ...) fails, so a test never runs on an environment that
 * differs from a pod's.
 */
final class PodEnvironment {
    private final Map<String, Map<String, String>> secretData;

    private PodEnvironment(Collection<Secret> secrets) {
        this.secretData = new HashMap<>();
        for (Secret secret : secrets) {
            secretData.put(secret.getMetadata().getName(), decoded(secret));
        }
    }

    /**
     * @param secrets the Secrets of the pod's namespace, with {@code data} (base64) and/or {@code
     *     stringData}, as a user creates them
     */
    static Map<String, String> of(Container container, Collection<Secret> secrets) {
        return new PodEnvironment(secrets).resolve(container);
    }

    private Map<String, String> resolve(Container container) {
        Map<String, String> env = new LinkedHashMap<>();
        for (EnvFromSource source : container.getEnvFrom()) {
            addAll(env, source);
        }
        for (EnvVar variable : container.getEnv()) {
            String value = value(variable);
            // An optional reference that finds nothing sets nothing; it does not unset.
            if (value != null) {
                env.put(variable.getName(), value);
            }
        }
        return env;
    }

    private void addAll(Map<String, String> env, EnvFromSource source) {
        SecretEnvSource ref = source.getSecretRef();
        if (ref == null || source.getConfigMapRef() != null) {
            throw new UnsupportedOperationException("envFrom other than secretRef: " + source);
        }
        Map<String, String> data = secretData.get(ref.getName());
        if (data == null) {
            if (Boolean.TRUE.equals(ref.getOptional())) {
                return;
            }
            throw new IllegalStateException("envFrom: Secret " + ref.getName() + " not found");
        }
        String prefix = source.getPrefix() == null ? "" : source.getPrefix();
        data.forEach((key, value) -> env.put(prefix + key, value));
    }

    /** The variable's value, or null when it is left out. */
    private String value(EnvVar variable) {
        EnvVarSource from = variable.getValueFrom();
        if (from == null) {
            String value = variable.getValue() == null ? "" : variable.getValue();
            if (value.contains("$(")) {
                throw new UnsupportedOperationException(
                        variable.getName() + ": $(VAR) references are not expanded here");
            }
            return value;
        }
        SecretKeySelector ref = from.getSecretKeyRef();
        if (ref == null) {
            throw new UnsupportedOperationException(
                    variable.getName() + ": valueFrom other than secretKeyRef");
        }
        Map<String, String> data = secretData.get(ref.getName());
        String value = data == null ? null : data.get(ref.getKey());
        if (value == null && !Boolean.TRUE.equals(ref.getOptional())) {
            throw new IllegalStateException(
                    variable.getName()
                            + ": "
                            + (data == null ? "Secret " + ref.getName() : "key " + ref.getKey())
                            + " not found"
                            + (data == null ? "" : " in Secret " + ref.getName()));
        }
        return value;
    }

    /** {@code data} decoded, with {@code stringData} over it, as the API server stores them. */
    private static Map<String, String> decoded(Secret secret) {
        Map<String, String> data = new HashMap<>();
        if (secret.getData() != null) {
            secret.getData()
                    .forEach(
                            (key, base64) ->
                                    data.put(
                                            key,
                                            new String(
                                                    Base64.getDecoder().decode(base64),
                                                    StandardCharsets.UTF_8)));
        }
        if (secret.getStringData() != null) {
            data.putAll(secret.getStringData());
        }
        return data;
    }
}
