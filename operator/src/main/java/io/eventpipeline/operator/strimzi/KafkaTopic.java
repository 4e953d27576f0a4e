package io.eventpipeline.operator.strimzi;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Version;
import java.util.List;
import java.util.Map;

/**
 * Strimzi's KafkaTopic ({@code kafka.strimzi.io/v1beta2}), only the fields the operator writes and
 * reads. Strimzi's own API jar is not a runtime dependency: it brings its own fabric8 version.
 * Existing objects are edited, never replaced, so fields not modelled here are kept.
 */
@Group(KafkaTopic.GROUP)
@Version(KafkaTopic.VERSION)
@Kind("KafkaTopic")
@Plural(KafkaTopic.PLURAL)
public class KafkaTopic extends CustomResource<KafkaTopic.Spec, KafkaTopic.Status>
        implements Namespaced {
    public static final String GROUP = "kafka.strimzi.io";
    public static final String VERSION = "v1beta2";
    public static final String PLURAL = "kafkatopics";

    /** The CRD's name, as a message names it when it is missing. */
    public static final String CRD = PLURAL + "." + GROUP;

    /** The label naming the Strimzi Kafka resource whose Topic Operator manages the topic. */
    public static final String CLUSTER_LABEL = "strimzi.io/cluster";

    /** What the topic should be. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public static class Spec {
        private String topicName;
        private Integer partitions;
        private Integer replicas;
        private Map<String, Object> config;

        public String getTopicName() {
            return topicName;
        }

        public void setTopicName(String topicName) {
            this.topicName = topicName;
        }

        public Integer getPartitions() {
            return partitions;
        }

        public void setPartitions(Integer partitions) {
            this.partitions = partitions;
        }

        public Integer getReplicas() {
            return replicas;
        }

        public void setReplicas(Integer replicas) {
            this.replicas = replicas;
        }

        public Map<String, Object> getConfig() {
            return config;
        }

        public void setConfig(Map<String, Object> config) {
            this.config = config;
        }
    }

    /** What Strimzi's Topic Operator reports. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public static class Status {
        private List<Condition> conditions;
        private Long observedGeneration;
        private String topicName;

        public List<Condition> getConditions() {
            return conditions;
        }

        public void setConditions(List<Condition> conditions) {
            this.conditions = conditions;
        }

        public Long getObservedGeneration() {
            return observedGeneration;
        }

        public void setObservedGeneration(Long observedGeneration) {
            this.observedGeneration = observedGeneration;
        }

        public String getTopicName() {
            return topicName;
        }

        public void setTopicName(String topicName) {
            this.topicName = topicName;
        }
    }

    /** The Kafka topic it stands for: spec.topicName, or else its own name. */
    public String kafkaTopicName() {
        return getSpec() != null && getSpec().getTopicName() != null
                ? getSpec().getTopicName()
                : getMetadata().getName();
    }
}
