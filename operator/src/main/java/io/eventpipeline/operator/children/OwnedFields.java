package io.eventpipeline.operator.children;

import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.LinkedHashMap;
import java.util.Objects;

/**
 * What the operator owns on a child resource it writes (its FlinkDeployment, its KafkaTopics): the
 * spec, the labels and the owner references. Everything else on the object (annotations,
 * finalizers, status) is left to whoever wrote it: only a difference in these is a reason to write,
 * and a write changes only these.
 *
 * <p>Every write goes through the child's informer twice. Before: it carries JOSDK's mark ({@code
 * javaoperatorsdk.io/previous}: the informer's id and the version written over), by which the
 * informer drops the watch event of the write (its echo) even when that arrives before the write's
 * response; every later event, others' status writes included, is passed on. After: the written
 * object goes into the informer's cache, so the next reconcile sees it even if the watch has not
 * delivered it yet (no second create). The mark is not among what {@link #differ} compares, so a
 * new id after a restart causes no write.
 */
public final class OwnedFields {
    private OwnedFields() {}

    /**
     * Whether the object on the cluster differs from the desired one in what the operator owns
     * (true when there is none). Spec and owner references are compared as JSON trees, so field
     * order and absent-versus-default in the Java objects cause no spurious write.
     *
     * @param actual the object as the informer has it, or null
     */
    public static boolean differ(CustomResource<?, ?> desired, CustomResource<?, ?> actual) {
        if (actual == null) {
            return true;
        }
        return !Objects.equals(tree(desired.getSpec()), tree(actual.getSpec()))
                || !Objects.equals(
                        desired.getMetadata().getLabels(), actual.getMetadata().getLabels())
                || !Objects.equals(
                        tree(desired.getMetadata().getOwnerReferences()),
                        tree(actual.getMetadata().getOwnerReferences()));
    }

    /** Creates the desired object, marked as ours, and puts it into the informer's cache. */
    public static <R extends CustomResource<?, ?>> R create(
            KubernetesClient client, InformerEventSource<R, ?> informer, R desired) {
        R created = client.resource(markAsOurs(informer, desired, null)).create();
        informer.handleRecentResourceCreate(ResourceID.fromResource(created), created);
        return created;
    }

    /**
     * Edits the existing object, not replaces it, so that what others keep on it stays: only the
     * spec, labels and owner references become the desired ones; marked as ours, and put into the
     * informer's cache.
     */
    public static <S, R extends CustomResource<S, ?>> R edit(
            KubernetesClient client, InformerEventSource<R, ?> informer, R desired, R actual) {
        R edited =
                client.resource(actual)
                        .edit(
                                current -> {
                                    current.setSpec(desired.getSpec());
                                    current.getMetadata()
                                            .setLabels(desired.getMetadata().getLabels());
                                    current.getMetadata()
                                            .setOwnerReferences(
                                                    desired.getMetadata().getOwnerReferences());
                                    return markAsOurs(
                                            informer,
                                            current,
                                            actual.getMetadata().getResourceVersion());
                                });
        informer.handleRecentResourceUpdate(ResourceID.fromResource(edited), edited, actual);
        return edited;
    }

    private static <R extends CustomResource<?, ?>> R markAsOurs(
            InformerEventSource<R, ?> informer, R target, String previousVersion) {
        if (target.getMetadata().getAnnotations() == null) {
            target.getMetadata().setAnnotations(new LinkedHashMap<>());
        }
        return informer.addPreviousAnnotation(previousVersion, target);
    }

    private static Object tree(Object value) {
        return value == null ? null : Serialization.jsonMapper().valueToTree(value);
    }
}
