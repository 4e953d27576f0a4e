package io.eventpipeline.operator.admission;

import io.fabric8.kubernetes.api.model.authentication.UserInfo;
import io.fabric8.kubernetes.api.model.authorization.v1.LocalSubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.LocalSubjectAccessReviewBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * Whether the author of a pipeline may read a Secret it names for Kafka credentials (the auth
 * Secret, a store's, the SASL JAAS config's, Strimzi's). The operator reads those Secrets with its
 * own, wider rights and hands their contents to brokers the pipeline chooses; without this check
 * anyone who may write an EventPipeline could have any Secret of the namespace sent to a broker of
 * theirs.
 */
@FunctionalInterface
public interface CredentialAccess {

    /**
     * @throws io.fabric8.kubernetes.client.KubernetesClientException when the API server cannot
     *     answer (the write is then refused: an unchecked reference is never let through)
     */
    boolean mayRead(UserInfo author, String namespace, String secret);

    /** Asks the API server, as a LocalSubjectAccessReview in the pipeline's namespace. */
    static CredentialAccess reviewedBy(KubernetesClient client) {
        return (author, namespace, secret) -> {
            LocalSubjectAccessReview review =
                    new LocalSubjectAccessReviewBuilder()
                            .withNewMetadata()
                            .withNamespace(namespace)
                            .endMetadata()
                            .withNewSpec()
                            .withUser(author.getUsername())
                            .withGroups(author.getGroups())
                            .withUid(author.getUid())
                            .withExtra(author.getExtra())
                            .withNewResourceAttributes()
                            .withNamespace(namespace)
                            .withVerb("get")
                            .withResource("secrets")
                            .withName(secret)
                            .endResourceAttributes()
                            .endSpec()
                            .build();
            LocalSubjectAccessReview answer =
                    client.authorization()
                            .v1()
                            .localSubjectAccessReview()
                            .inNamespace(namespace)
                            .create(review);
            return answer.getStatus() != null
                    && Boolean.TRUE.equals(answer.getStatus().getAllowed());
        };
    }
}
