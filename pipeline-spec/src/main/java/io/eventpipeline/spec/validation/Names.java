package io.eventpipeline.spec.validation;

import java.util.regex.Pattern;

/** The naming rules of Kubernetes, Kafka and this project, as patterns with their reasons. */
final class Names {
    /**
     * A FlinkDeployment name: the Flink Kubernetes Operator 1.10 rejects any other in {@code
     * DefaultValidator.validateDeploymentName} (DEPLOYMENT_NAME_PATTERN); the pipeline's name
     * becomes that name.
     */
    static final Pattern FLINK_DEPLOYMENT_NAME = Pattern.compile("[a-z]([-a-z0-9]{0,43}[a-z0-9])?");

    static final int FLINK_DEPLOYMENT_NAME_MAX = 45;

    /** A DNS-1123 label: namespaces, pattern names. */
    static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");

    static final int DNS_LABEL_MAX = 63;

    /** A DNS-1123 subdomain: Secret names. */
    static final Pattern DNS_SUBDOMAIN =
            Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

    static final int DNS_SUBDOMAIN_MAX = 253;

    /** Kafka's legal topic characters (org.apache.kafka.common.internals.Topic). */
    static final Pattern TOPIC_CHARS = Pattern.compile("[a-zA-Z0-9._-]+");

    static final int TOPIC_MAX = 249;

    /** A Kubernetes memory quantity, as the CRD accepts it (e.g. 512Mi, 2Gi, 1.5G). */
    static final Pattern MEMORY = Pattern.compile("[0-9]+(\\.[0-9]+)?(Ki|Mi|Gi|Ti|k|M|G|T)?");

    private Names() {}

    /** Kafka refuses a topic whose name equals an existing one once '.' and '_' are unified. */
    static String topicCollisionKey(String topic) {
        return topic.replace('.', '_');
    }
}
