package io.eventpipeline.testsupport.kubernetes;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.List;

/**
 * An API server with the EventPipeline and FlinkDeployment CRDs installed, for the operator under
 * test: the fabric8 mock ({@link MockKubernetes}, the fast tier) or a real kube-apiserver (the
 * real-API-server tier). Tests written against this run on both.
 */
public interface KubernetesApi extends AutoCloseable {
    /** The test's own client, allowed everything. */
    KubernetesClient client();

    /**
     * A further client (an operator's), allowed everything, whose requests carry the User-Agent.
     */
    KubernetesClient newClient(String userAgent);

    /** A kubeconfig for a process of its own (an operator's {@code main}), allowed everything. */
    String kubeconfig();

    /**
     * Whether status can be patched with server-side apply, as the operator does in production (the
     * mock answers 415).
     */
    boolean speaksServerSideApply();

    /** One request the server received. */
    record Request(String method, String path, String userAgent) {}

    /**
     * Requests received so far, in order: the mock records everyone's, a real server those of the
     * clients it handed out through {@link #newClient} (and its other operator clients).
     */
    List<Request> requests();

    /** Recorded requests that changed something (not GET) whose path contains the text. */
    default long writesTo(String pathFragment) {
        return requests().stream()
                .filter(r -> !r.method().equals("GET"))
                .filter(r -> r.path().contains(pathFragment))
                .count();
    }

    /** Creates the namespace unless it exists (a real server refuses objects in a missing one). */
    default void createNamespace(String name) {
        try {
            client().namespaces()
                    .resource(
                            new NamespaceBuilder()
                                    .withNewMetadata()
                                    .withName(name)
                                    .endMetadata()
                                    .build())
                    .create();
        } catch (KubernetesClientException e) {
            if (e.getCode() != 409) {
                throw e;
            }
        }
    }

    @Override
    void close();
}
