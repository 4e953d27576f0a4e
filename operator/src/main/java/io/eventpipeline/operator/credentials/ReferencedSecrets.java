package io.eventpipeline.operator.credentials;

import io.eventpipeline.operator.api.EventPipeline;
import io.eventpipeline.operator.flink.KafkaCredentials;
import io.eventpipeline.operator.topics.TopicFailure;
import io.eventpipeline.operator.topics.TopicOperationException;
import io.eventpipeline.spec.resolved.ResolvedPipeline;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.javaoperatorsdk.operator.processing.event.Event;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.AbstractEventSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Secrets pipelines read Kafka credentials from, watched one by one, so that a changed Secret
 * reconciles (and so restarts) the pipelines that use it within moments. Each referenced Secret has
 * its own informer, listing and watching that one name ({@code fieldSelector=metadata.name=...}):
 * only referenced Secrets are ever sent to or cached by the operator, never every Secret of a
 * namespace. An informer starts when the first pipeline references its Secret and stops when the
 * last one stops referencing it. Why not one informer on all Secrets, nor polling: DESIGN.md,
 * "Credential rotation".
 *
 * <p>A change reconciles only the pipelines that have not already read that version of the Secret
 * (the echo of the list an informer starts with reconciles nobody). Informers reconnect by
 * themselves; while one has not synced, or cannot (its list refused), Secrets are read with a
 * {@code get} and rotation still arrives with the periodic resync. Only reconciles track Secrets,
 * and only the leader reconciles, so a follower watches none; JOSDK stops this event source when
 * the operator stops, which stops every informer.
 */
public final class ReferencedSecrets extends AbstractEventSource<Secret, EventPipeline> {
    private static final Logger LOG = LoggerFactory.getLogger(ReferencedSecrets.class);

    /** The version a pipeline read of a Secret that did not exist. */
    private static final String ABSENT = "";

    private final KubernetesClient client;
    // Guarded by this.
    private final Map<SecretId, Watch> watches = new HashMap<>();
    private final Map<ResourceID, Set<SecretId>> referenced = new HashMap<>();

    public ReferencedSecrets(KubernetesClient client) {
        super(Secret.class, "referenced-secrets");
        this.client = client;
    }

    record SecretId(String namespace, String name) {
        String key() {
            return namespace + "/" + name;
        }
    }

    /** One watched Secret: its informer (null while stopped) and who read which version. */
    private static final class Watch {
        SharedIndexInformer<Secret> informer;

        /** Referencing pipelines, with the resourceVersion each last read (null: none yet). */
        final Map<ResourceID, String> readBy = new HashMap<>();
    }

    /** The pipeline now references exactly {@code names} in {@code namespace} (none: forget it). */
    public void track(ResourceID pipeline, String namespace, List<String> names) {
        List<SharedIndexInformer<Secret>> unused = new ArrayList<>();
        synchronized (this) {
            Set<SecretId> now = new HashSet<>();
            names.forEach(name -> now.add(new SecretId(namespace, name)));
            Set<SecretId> before =
                    now.isEmpty() ? referenced.remove(pipeline) : referenced.put(pipeline, now);
            for (SecretId id : now) {
                Watch watch = watches.computeIfAbsent(id, this::watch);
                watch.readBy.putIfAbsent(pipeline, null);
            }
            for (SecretId id : before == null ? Set.<SecretId>of() : before) {
                Watch watch = watches.get(id);
                if (!now.contains(id) && watch != null) {
                    watch.readBy.remove(pipeline);
                    if (watch.readBy.isEmpty()) {
                        watches.remove(id);
                        if (watch.informer != null) {
                            unused.add(watch.informer);
                        }
                    }
                }
            }
        }
        unused.forEach(SharedIndexInformer::stop);
    }

    /** The pipeline is gone. */
    public void forget(ResourceID pipeline) {
        track(pipeline, null, List.of());
    }

    /**
     * The fingerprint of the pipeline's referenced Secrets (empty: it references none).
     *
     * @throws TopicOperationException {@code AuthSecretNotFound} when one of them does not exist
     */
    public Optional<KafkaCredentials> credentials(
            EventPipeline pipeline, ResolvedPipeline resolved) {
        List<String> names = resolved.kafka().referencedSecretNames();
        if (names.isEmpty()) {
            return Optional.empty();
        }
        ResourceID id = ResourceID.fromResource(pipeline);
        List<Secret> secrets = new ArrayList<>();
        for (String name : names) {
            Secret secret = read(id, new SecretId(resolved.namespace(), name));
            if (secret == null) {
                throw new TopicOperationException(
                        TopicFailure.AuthSecretNotFound,
                        "Secret "
                                + resolved.namespace()
                                + "/"
                                + name
                                + " ("
                                + resolved.kafka().fieldsNaming(name)
                                + ") does not exist",
                        null);
            }
            secrets.add(secret);
        }
        String uid = pipeline.getMetadata().getUid();
        return Optional.of(new KafkaCredentials(CredentialsFingerprint.of(uid, secrets), names));
    }

    /** From the Secret's informer once it has synced, else from the API server. */
    private Secret read(ResourceID pipeline, SecretId id) {
        SharedIndexInformer<Secret> informer;
        synchronized (this) {
            Watch watch = watches.get(id);
            informer = watch == null ? null : watch.informer;
        }
        Secret secret =
                informer != null && informer.hasSynced()
                        ? informer.getStore().getByKey(id.key())
                        : client.secrets().inNamespace(id.namespace()).withName(id.name()).get();
        synchronized (this) {
            Watch watch = watches.get(id);
            if (watch != null && watch.readBy.containsKey(pipeline)) {
                watch.readBy.put(pipeline, version(secret));
            }
        }
        return secret;
    }

    @Override
    public Set<Secret> getSecondaryResources(EventPipeline pipeline) {
        Set<Secret> found = new HashSet<>();
        synchronized (this) {
            for (SecretId id :
                    referenced.getOrDefault(ResourceID.fromResource(pipeline), Set.of())) {
                Watch watch = watches.get(id);
                if (watch != null && watch.informer != null) {
                    Optional.ofNullable(watch.informer.getStore().getByKey(id.key()))
                            .ifPresent(found::add);
                }
            }
        }
        return found;
    }

    @Override
    public synchronized void start() {
        super.start();
        watches.forEach((id, watch) -> watch.informer = inform(id));
    }

    /** Stops every informer and forgets every reference: a successor starts from its reconciles. */
    @Override
    public void stop() {
        List<SharedIndexInformer<Secret>> running = new ArrayList<>();
        synchronized (this) {
            super.stop();
            watches.values().stream()
                    .filter(w -> w.informer != null)
                    .forEach(w -> running.add(w.informer));
            watches.clear();
            referenced.clear();
        }
        running.forEach(SharedIndexInformer::stop);
    }

    /** A new watch; its informer runs only while this event source does. */
    private Watch watch(SecretId id) {
        Watch watch = new Watch();
        if (isRunning()) {
            watch.informer = inform(id);
        }
        return watch;
    }

    private SharedIndexInformer<Secret> inform(SecretId id) {
        SharedIndexInformer<Secret> informer =
                client.secrets()
                        .inNamespace(id.namespace())
                        .withName(id.name())
                        .runnableInformer(0);
        informer.addEventHandler(
                new ResourceEventHandler<>() {
                    @Override
                    public void onAdd(Secret secret) {
                        changed(id, version(secret));
                    }

                    @Override
                    public void onUpdate(Secret before, Secret after) {
                        changed(id, version(after));
                    }

                    @Override
                    public void onDelete(Secret secret, boolean finalStateUnknown) {
                        changed(id, ABSENT);
                    }
                });
        // Keep trying (with the informer's backoff) also when the first list fails: reads fall
        // back to get meanwhile.
        informer.exceptionHandler(
                (started, e) -> {
                    LOG.debug("watch of Secret {} failed; retrying", id.key(), e);
                    return true;
                });
        informer.start()
                .exceptionally(
                        e -> {
                            LOG.warn("cannot watch Secret {}: {}", id.key(), e.getMessage());
                            return null;
                        });
        return informer;
    }

    /** Reconciles the Secret's pipelines that have not read this version of it. */
    private void changed(SecretId id, String version) {
        List<ResourceID> stale = new ArrayList<>();
        synchronized (this) {
            Watch watch = watches.get(id);
            if (watch == null || !isRunning()) {
                return;
            }
            watch.readBy.forEach(
                    (pipeline, read) -> {
                        if (!version.equals(read)) {
                            stale.add(pipeline);
                        }
                    });
        }
        if (!stale.isEmpty()) {
            LOG.info("Secret {} changed: reconciling {}", id.key(), stale);
        }
        stale.forEach(pipeline -> getEventHandler().handleEvent(new Event(pipeline)));
    }

    private static String version(Secret secret) {
        return secret == null ? ABSENT : secret.getMetadata().getResourceVersion();
    }
}
