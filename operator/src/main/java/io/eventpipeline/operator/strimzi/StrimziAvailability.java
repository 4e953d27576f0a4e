package io.eventpipeline.operator.strimzi;

import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the cluster serves Strimzi's KafkaTopic, asked once at start through API discovery (which
 * every authenticated user may read, so it needs no RBAC). The operator starts either way; without
 * it, no KafkaTopic informer is started and pipelines asking for Strimzi topics are told why.
 */
public final class StrimziAvailability {
    private static final Logger LOG = LoggerFactory.getLogger(StrimziAvailability.class);

    private StrimziAvailability() {}

    public static boolean detect(KubernetesClient client) {
        boolean served;
        try {
            APIResourceList resources =
                    client.getApiResources(KafkaTopic.GROUP + "/" + KafkaTopic.VERSION);
            served =
                    resources != null
                            && resources.getResources().stream()
                                    .anyMatch(r -> KafkaTopic.PLURAL.equals(r.getName()));
        } catch (KubernetesClientException e) {
            served = false;
        }
        if (served) {
            LOG.info(
                    "Strimzi's KafkaTopic ({}/{}) is served: pipelines may have Strimzi manage"
                            + " their topics",
                    KafkaTopic.CRD,
                    KafkaTopic.VERSION);
        } else {
            LOG.info(
                    "Strimzi's KafkaTopic ({}/{}) is not served: pipelines asking for Strimzi"
                            + " topics report TopicsReady=False until it is installed and the"
                            + " operator restarted",
                    KafkaTopic.CRD,
                    KafkaTopic.VERSION);
        }
        return served;
    }
}
