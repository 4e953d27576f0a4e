package io.eventpipeline.operator.testing;

import io.eventpipeline.testsupport.kubernetes.MockKubernetes;
import io.fabric8.kubernetes.api.model.authorization.v1.ResourceRule;
import java.nio.file.Path;
import java.util.List;

/** The mock API server with the EventPipeline CRD this module's build generates installed. */
public final class OperatorMockApi {
    public static final Path EVENTPIPELINE_CRD =
            Path.of("target/classes/META-INF/fabric8/eventpipelines.eventpipeline.io-v1.yml");

    private OperatorMockApi() {}

    /** Answers permission self-checks as if every lease operation were allowed. */
    public static MockKubernetes start() {
        return MockKubernetes.builder().crd(EVENTPIPELINE_CRD).start();
    }

    /**
     * @param selfSubjectRules what a SelfSubjectRulesReview answers: the rules the caller holds
     */
    public static MockKubernetes start(List<ResourceRule> selfSubjectRules) {
        return MockKubernetes.builder()
                .crd(EVENTPIPELINE_CRD)
                .selfSubjectRules(selfSubjectRules)
                .start();
    }

    /** As {@link #start(List)}, with Strimzi's KafkaTopic CRD installed too. */
    public static MockKubernetes startWithStrimzi(List<ResourceRule> selfSubjectRules) {
        return MockKubernetes.builder()
                .crd(EVENTPIPELINE_CRD)
                .crd(StrimziTopicOperator.kafkaTopicCrd())
                .selfSubjectRules(selfSubjectRules)
                .start();
    }

    /** As {@link #start()}, with Strimzi's KafkaTopic CRD installed too. */
    public static MockKubernetes startWithStrimzi() {
        return MockKubernetes.builder()
                .crd(EVENTPIPELINE_CRD)
                .crd(StrimziTopicOperator.kafkaTopicCrd())
                .start();
    }
}
