package io.eventpipeline.operator.reconciler;

import io.eventpipeline.operator.api.EventPipeline;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusCause;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.net.HttpURLConnection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A namespace being deleted refuses every new object in it (HTTP 403, cause {@code
 * NamespaceTerminating}) while its content goes. A pipeline there may still be reconciled, find its
 * FlinkDeployment gone and try to create it again: expected, and nothing to retry or to report more
 * than once.
 */
final class NamespaceTermination {
    private static final Logger LOG = LoggerFactory.getLogger(NamespaceTermination.class);

    /** The cause the API server's NamespaceLifecycle admission names. */
    static final String CAUSE = "NamespaceTerminating";

    private final Set<ResourceID> reported = ConcurrentHashMap.newKeySet();

    /** Whether the API server refused a write because the namespace is being deleted. */
    static boolean causedBy(Throwable error) {
        for (Throwable e = error; e != null; e = e.getCause()) {
            if (e instanceof KubernetesClientException k
                    && k.getCode() == HttpURLConnection.HTTP_FORBIDDEN
                    && refusedForTermination(k)) {
                return true;
            }
        }
        return false;
    }

    private static boolean refusedForTermination(KubernetesClientException e) {
        Status status = e.getStatus();
        boolean named =
                status != null
                        && status.getDetails() != null
                        && status.getDetails().getCauses().stream()
                                .map(StatusCause::getReason)
                                .anyMatch(CAUSE::equals);
        // Servers before the cause existed only say so in the message.
        return named || String.valueOf(e.getMessage()).contains("because it is being terminated");
    }

    /** Logs one line the first time a pipeline meets its namespace's deletion. */
    void report(EventPipeline pipeline) {
        if (reported.add(ResourceID.fromResource(pipeline))) {
            LOG.info(
                    "{}/{}: namespace is being deleted, nothing more is created for the pipeline",
                    pipeline.getMetadata().getNamespace(),
                    pipeline.getMetadata().getName());
        }
    }

    void forget(EventPipeline pipeline) {
        reported.remove(ResourceID.fromResource(pipeline));
    }
}
