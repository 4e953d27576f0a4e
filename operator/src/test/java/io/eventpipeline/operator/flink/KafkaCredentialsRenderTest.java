package io.eventpipeline.operator.flink;

import static io.eventpipeline.operator.flink.FlinkDeploymentRendererTest.OWNER;
import static io.eventpipeline.operator.flink.FlinkDeploymentRendererTest.example;
import static io.eventpipeline.operator.flink.FlinkDeploymentRendererTest.resolved;
import static io.eventpipeline.operator.flink.FlinkDeploymentRendererTest.withAuthSecret;
import static org.assertj.core.api.Assertions.assertThat;

import io.eventpipeline.operator.testing.CrdSchema;
import io.eventpipeline.spec.resolved.ResolvedPipeline;
import io.eventpipeline.spec.state.PatternVerdict;
import io.eventpipeline.spec.state.UpgradePlan;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.flink.kubernetes.operator.api.FlinkDeployment;
import org.junit.jupiter.api.Test;

/** The credentials fingerprint on the rendered pod template, and what a change of it restarts. */
class KafkaCredentialsRenderTest {
    static final KafkaCredentials BEFORE =
            new KafkaCredentials("hmac-sha256:" + "a".repeat(64), List.of("kafka-client"));
    static final KafkaCredentials AFTER =
            new KafkaCredentials("hmac-sha256:" + "b".repeat(64), List.of("kafka-client"));

    private final FlinkDeploymentRenderer renderer =
            new FlinkDeploymentRenderer(FlinkDeploymentRendererTest.CONFIG.jobDefaults());

    FlinkDeployment render(Optional<KafkaCredentials> credentials) throws Exception {
        return renderer.render(resolved(withAuthSecret(example())), OWNER, credentials);
    }

    @Test
    void theFingerprintIsThePodTemplatesOnlyAnnotationAndTheOnlyDifference() throws Exception {
        FlinkDeployment without = render(Optional.empty());
        FlinkDeployment with = render(Optional.of(BEFORE));

        assertThat(without.getSpec().getPodTemplate().getMetadata())
                .as("a render without a cluster stays as it was")
                .isNull();
        assertThat(with.getSpec().getPodTemplate().getMetadata().getAnnotations())
                .containsExactly(Map.entry(KafkaCredentials.ANNOTATION, BEFORE.fingerprint()));
        assertThat(UpgradeReview.withoutCredentials(with.getSpec())).isEqualTo(without.getSpec());
        assertThat(Serialization.asYaml(render(Optional.of(BEFORE))))
                .as("deterministic")
                .isEqualTo(Serialization.asYaml(with));
        CrdSchema schema =
                CrdSchema.fromResource(
                        "/META-INF/fabric8/flinkdeployments.flink.apache.org-v1.yml", "v1beta1");
        assertThat(schema.problems(with)).isEmpty();
    }

    @Test
    void newCredentialsRestartTheJobKeepingAllItsState() throws Exception {
        FlinkDeployment running = render(Optional.of(BEFORE));
        FlinkDeployment next = render(Optional.of(AFTER));

        UpgradePlan plan = UpgradeReview.of(running, next).orElseThrow();
        assertThat(plan.keepsAll()).isTrue();
        assertThat(plan.patterns())
                .isNotEmpty()
                .allSatisfy(p -> assertThat(p.outcome()).isEqualTo(PatternVerdict.Outcome.KEPT));
        assertThat(UpgradeReview.reason(running, next, Optional.of(AFTER)))
                .isEqualTo("Kafka credentials changed (Secret kafka-client)");
        assertThat(UpgradeReview.summary(plan, 3L, "Kafka credentials changed").getReason())
                .isEqualTo("Kafka credentials changed");
    }

    @Test
    void aSpecChangeWithNewCredentialsSaysBoth() throws Exception {
        FlinkDeployment running = render(Optional.of(BEFORE));
        ResolvedPipeline changed =
                resolved(withAuthSecret(example()).replace("parallelism: 2", "parallelism: 3"));
        FlinkDeployment next = renderer.render(changed, OWNER, Optional.of(AFTER));
        assertThat(UpgradeReview.reason(running, next, Optional.of(AFTER)))
                .isEqualTo("spec changed; Kafka credentials changed (Secret kafka-client)");
        assertThat(UpgradeReview.reason(running, render(Optional.of(BEFORE)), Optional.of(BEFORE)))
                .isEmpty();
    }
}
