package io.eventpipeline.operator.flink;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventpipeline.operator.api.EventPipeline;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import org.apache.flink.kubernetes.operator.api.FlinkDeployment;
import org.junit.jupiter.api.Test;

/** Whose a FlinkDeployment is: only its controller owner reference decides. */
class FlinkDeploymentStateTest {
    private static final EventPipeline PIPELINE = pipeline("orders");

    @Test
    void aFlinkDeploymentControlledByThePipelineIsItsOwn() {
        FlinkDeployment deployment = deployment(owner("EventPipeline", "orders", true));
        assertThat(FlinkDeploymentState.controlledBy(deployment, PIPELINE)).isTrue();
        assertThat(FlinkDeploymentState.controller(deployment)).isEqualTo("EventPipeline orders");
    }

    @Test
    void withoutAControllerItIsNobodysOwn() {
        FlinkDeployment deployment = deployment();
        assertThat(FlinkDeploymentState.controlledBy(deployment, PIPELINE)).isFalse();
        assertThat(FlinkDeploymentState.controller(deployment)).isEqualTo("none");
        // An owner that is not the controller does not make it the pipeline's either.
        assertThat(
                        FlinkDeploymentState.controlledBy(
                                deployment(owner("EventPipeline", "orders", false)), PIPELINE))
                .isFalse();
    }

    @Test
    void anotherPipelinesOrAnotherKindsIsNotItsOwn() {
        assertThat(
                        FlinkDeploymentState.controlledBy(
                                deployment(owner("EventPipeline", "payments", true)), PIPELINE))
                .isFalse();
        FlinkDeployment deployment = deployment(owner("FlinkSessionJob", "orders", true));
        assertThat(FlinkDeploymentState.controlledBy(deployment, PIPELINE)).isFalse();
        assertThat(FlinkDeploymentState.controller(deployment)).isEqualTo("FlinkSessionJob orders");
    }

    private static EventPipeline pipeline(String name) {
        EventPipeline pipeline = new EventPipeline();
        pipeline.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace("shop").build());
        return pipeline;
    }

    private static FlinkDeployment deployment(OwnerReference... owners) {
        FlinkDeployment deployment = new FlinkDeployment();
        deployment.setMetadata(
                new ObjectMetaBuilder()
                        .withName("orders")
                        .withNamespace("shop")
                        .withOwnerReferences(owners)
                        .build());
        return deployment;
    }

    private static OwnerReference owner(String kind, String name, boolean controller) {
        return new OwnerReferenceBuilder()
                .withApiVersion("eventpipeline.io/v1alpha1")
                .withKind(kind)
                .withName(name)
                .withUid("uid-" + name)
                .withController(controller)
                .build();
    }
}
