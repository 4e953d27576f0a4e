package io.eventpipeline.operator.reconciler;

import io.eventpipeline.spec.model.KafkaTopicsSpec;
import io.eventpipeline.spec.resolved.ResolvedTopicManagement;

/** The operator's default topic management written out as the spec field it stands for. */
final class DefaultTopics {
    private DefaultTopics() {}

    static KafkaTopicsSpec spec(ResolvedTopicManagement defaults) {
        KafkaTopicsSpec topics = new KafkaTopicsSpec();
        topics.setManagement(defaults.management());
        topics.setStrimziCluster(defaults.strimziCluster().orElse(null));
        return topics;
    }
}
