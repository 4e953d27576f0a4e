package io.eventpipeline.operator.credentials;

import io.fabric8.kubernetes.api.model.Secret;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A keyed hash of the Secrets a pipeline's Kafka connection reads: every key and value of their
 * data, Secret by Secret in the given order, keys sorted. HMAC-SHA256 keyed with the pipeline's
 * uid, so that the annotation it ends up in neither shows nor lets anyone test a guessed password
 * with a plain SHA-256, nor tells that two pipelines use the same credentials. Every field is
 * length-prefixed, so no two different contents hash the same input.
 */
public final class CredentialsFingerprint {
    static final String ALGORITHM = "HmacSHA256";
    static final String PREFIX = "hmac-sha256:";

    private CredentialsFingerprint() {}

    /**
     * @param pipelineUid the EventPipeline's metadata.uid
     * @param secrets the referenced Secrets, in the order of their names
     */
    public static String of(String pipelineUid, List<Secret> secrets) {
        Mac mac = mac(pipelineUid);
        for (Secret secret : secrets) {
            update(mac, secret.getMetadata().getName().getBytes(StandardCharsets.UTF_8));
            Map<String, byte[]> data = data(secret);
            update(mac, ByteBuffer.allocate(4).putInt(data.size()).array());
            data.forEach(
                    (key, value) -> {
                        update(mac, key.getBytes(StandardCharsets.UTF_8));
                        update(mac, value);
                    });
        }
        return PREFIX + HexFormat.of().formatHex(mac.doFinal());
    }

    /** Decoded data, sorted by key; stringData wins, as the API server merges it on write. */
    static Map<String, byte[]> data(Secret secret) {
        Map<String, byte[]> data = new TreeMap<>();
        if (secret.getData() != null) {
            secret.getData().forEach((k, v) -> data.put(k, Base64.getDecoder().decode(v)));
        }
        if (secret.getStringData() != null) {
            secret.getStringData()
                    .forEach((k, v) -> data.put(k, v.getBytes(StandardCharsets.UTF_8)));
        }
        return data;
    }

    private static void update(Mac mac, byte[] field) {
        mac.update(ByteBuffer.allocate(4).putInt(field.length).array());
        mac.update(field);
    }

    private static Mac mac(String pipelineUid) {
        byte[] key = ("eventpipeline.io/" + pipelineUid).getBytes(StandardCharsets.UTF_8);
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(key, ALGORITHM));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(ALGORITHM + " is part of every Java runtime", e);
        }
    }
}
