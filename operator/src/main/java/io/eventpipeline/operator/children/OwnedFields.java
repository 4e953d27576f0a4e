package io.eventpipeline.operator.children;

import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.Objects;

/**
 * What the operator owns on a child resource it writes (its FlinkDeployment, its KafkaTopics): the
 * spec, the labels and the owner references. Everything else on the object (annotations,
 * finalizers, status) is left to whoever wrote it, so only a difference in these is a reason to
 * write.
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

    private static Object tree(Object value) {
        return value == null ? null : Serialization.jsonMapper().valueToTree(value);
    }
}
