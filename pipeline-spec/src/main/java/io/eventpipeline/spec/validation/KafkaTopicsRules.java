package io.eventpipeline.spec.validation;

import io.eventpipeline.spec.model.KafkaTopicsSpec;
import io.eventpipeline.spec.model.StrimziSpec;
import io.eventpipeline.spec.model.TopicManagement;

/** spec.kafka.topics: the CRD's rules, repeated for what does not pass the API server. */
final class KafkaTopicsRules {
    private static final String PATH = "spec.kafka.topics";

    private KafkaTopicsRules() {}

    /**
     * @param credentials the Strimzi credentials shorthand, whose cluster the topics take when they
     *     name none
     */
    static void check(KafkaTopicsSpec topics, StrimziSpec credentials, Problems problems) {
        if (topics == null) {
            return;
        }
        if (topics.getManagement() == null) {
            problems.add(PATH + ".management", "is required: admin or strimzi");
            return;
        }
        String cluster = topics.getStrimziCluster();
        boolean strimzi = topics.getManagement() == TopicManagement.STRIMZI;
        if (!strimzi) {
            if (cluster != null) {
                problems.add(PATH + ".strimziCluster", "applies only when management is strimzi");
            }
            return;
        }
        if (cluster == null && credentials != null && credentials.getCluster() != null) {
            return; // spec.kafka.strimzi's cluster, checked there
        }
        if (Problems.isBlank(cluster)) {
            problems.add(
                    PATH + ".strimziCluster",
                    "is required when management is strimzi: the name of the Strimzi Kafka"
                            + " resource, set as the strimzi.io/cluster label of each KafkaTopic"
                            + " (or give it once in spec.kafka.strimzi.cluster)");
        } else if (cluster.length() > KafkaTopicsSpec.CLUSTER_NAME_MAX
                || !Names.DNS_LABEL.matcher(cluster).matches()) {
            problems.add(
                    PATH + ".strimziCluster",
                    "'"
                            + cluster
                            + "' is not a Strimzi Kafka resource name (a DNS-1123 label of at most"
                            + " 63 characters)");
        }
    }
}
