package io.eventpipeline.testsupport.kubernetes;

import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Namespaces being deleted, which refuse creates as a real API server does: 403 Forbidden with the
 * cause {@code NamespaceTerminating}.
 */
final class NamespaceTermination {
    private final Set<String> terminating = ConcurrentHashMap.newKeySet();

    void terminate(String namespace) {
        terminating.add(namespace);
    }

    /** The refusal of a create in a terminating namespace; null for every other request. */
    MockResponse refuse(RecordedRequest request) {
        if (!request.getMethod().equals("POST")) {
            return null;
        }
        String path = request.getPath();
        for (String namespace : terminating) {
            String prefix = "/namespaces/" + namespace + "/";
            int at = path.indexOf(prefix);
            if (at >= 0) {
                String resource = path.substring(at + prefix.length()).split("[/?]")[0];
                return new MockResponse()
                        .setResponseCode(403)
                        .setHeader("Content-Type", "application/json")
                        .setBody(Serialization.asJson(forbidden(namespace, resource)));
            }
        }
        return null;
    }

    private static Status forbidden(String namespace, String resource) {
        String message =
                resource
                        + " is forbidden: unable to create new content in namespace "
                        + namespace
                        + " because it is being terminated";
        return new StatusBuilder()
                .withStatus("Failure")
                .withCode(403)
                .withReason("Forbidden")
                .withMessage(message)
                .withNewDetails()
                .withKind(resource)
                .addNewCause()
                .withReason("NamespaceTerminating")
                .withField("metadata.namespace")
                .withMessage("namespace " + namespace + " is being terminated")
                .endCause()
                .endDetails()
                .build();
    }
}
