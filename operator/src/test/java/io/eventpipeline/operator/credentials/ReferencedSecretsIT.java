package io.eventpipeline.operator.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.eventpipeline.operator.api.EventPipeline;
import io.eventpipeline.operator.config.OperatorConfig;
import io.eventpipeline.operator.reconciler.PipelineResolver;
import io.eventpipeline.operator.testing.OperatorMockApi;
import io.eventpipeline.operator.testing.Pipelines;
import io.eventpipeline.operator.topics.TopicFailure;
import io.eventpipeline.operator.topics.TopicOperationException;
import io.eventpipeline.spec.PipelineDefinition;
import io.eventpipeline.spec.resolved.ResolvedPipeline;
import io.eventpipeline.spec.validation.PipelineValidator;
import io.eventpipeline.testsupport.kubernetes.MockKubernetes;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.javaoperatorsdk.operator.processing.event.Event;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Which pipelines a Secret's change reconciles: those that reference it and have not read that
 * version of it; none once they stop referencing it or the operator stops.
 */
class ReferencedSecretsIT {
    static final String NS = "team";
    static final OperatorConfig CONFIG =
            OperatorConfig.fromEnvironment(
                    Map.of(
                            "EP_KAFKA_BOOTSTRAP_SERVERS", "kafka:9092",
                            "EP_SAVEPOINT_DIR", "s3://flink-state/savepoints",
                            "EP_CHECKPOINT_DIR", "s3://flink-state/checkpoints"));
    static final ResourceID A = new ResourceID("a", NS);
    static final ResourceID B = new ResourceID("b", NS);

    MockKubernetes kube;
    ReferencedSecrets secrets;
    final List<ResourceID> reconciled = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() {
        kube = OperatorMockApi.start();
        kube.createNamespace(NS);
        secrets = new ReferencedSecrets(kube.newClient("operator"));
        secrets.setEventHandler((Event e) -> reconciled.add(e.getRelatedCustomResourceID()));
        secrets.start();
    }

    @AfterEach
    void stop() {
        secrets.stop();
        kube.close();
    }

    @Test
    void aChangeReconcilesEveryPipelineThatHasNotReadItOnce() throws Exception {
        secret("shared", "one");
        secrets.track(A, NS, List.of("shared"));
        secrets.track(B, NS, List.of("shared"));
        // Neither has read the Secret yet: the informer's first list concerns both.
        await().until(() -> reconciled.containsAll(List.of(A, B)));
        String a = fingerprint(A, "shared");
        String b = fingerprint(B, "shared");
        reconciled.clear();
        settle();
        assertThat(reconciled).as("both read this version already").isEmpty();

        secret("shared", "two");
        await().until(() -> reconciled.size() >= 2);
        settle();
        assertThat(reconciled).containsExactlyInAnyOrder(A, B);
        assertThat(fingerprint(A, "shared")).isNotEqualTo(a);
        assertThat(fingerprint(B, "shared")).isNotEqualTo(b);
    }

    @Test
    void aSecretNoLongerReferencedOrAStoppedSourceReconcilesNobody() throws Exception {
        secret("old", "one");
        secret("new", "one");
        secrets.track(A, NS, List.of("old"));
        secrets.track(B, NS, List.of("new"));
        await().until(() -> reconciled.containsAll(List.of(A, B)));
        secrets.track(A, NS, List.of("new"));
        secrets.forget(B);
        reconciled.clear();

        secret("old", "two");
        settle();
        assertThat(reconciled).as("nobody references it any more").isEmpty();

        secret("new", "two");
        await().until(() -> reconciled.contains(A));
        reconciled.clear();

        secrets.stop();
        secret("new", "three");
        settle();
        assertThat(reconciled).as("stopped").isEmpty();
    }

    @Test
    void aDeletedSecretReconcilesAndIsNotFound() throws Exception {
        secret("gone", "one");
        secrets.track(A, NS, List.of("gone"));
        fingerprint(A, "gone");
        await().until(() -> secrets.getSecondaryResources(pipeline(A, "gone")).size() == 1);
        reconciled.clear();

        kube.client().secrets().inNamespace(NS).withName("gone").delete();
        await().until(() -> reconciled.contains(A));
        assertThatThrownBy(() -> fingerprint(A, "gone"))
                .isInstanceOfSatisfying(
                        TopicOperationException.class,
                        e -> {
                            assertThat(e.failure()).isEqualTo(TopicFailure.AuthSecretNotFound);
                            assertThat(e.getMessage()).contains(NS + "/gone");
                        });

        reconciled.clear();
        secret("gone", "back");
        await().until(() -> reconciled.contains(A));
    }

    private String fingerprint(ResourceID id, String secret) throws Exception {
        EventPipeline pipeline = pipeline(id, secret);
        return secrets.credentials(pipeline, resolved(id, secret)).orElseThrow().fingerprint();
    }

    private static EventPipeline pipeline(ResourceID id, String secret) {
        EventPipeline pipeline =
                io.fabric8.kubernetes.client.utils.Serialization.unmarshal(
                        yaml(id, secret), EventPipeline.class);
        pipeline.getMetadata().setUid("uid-" + id.getName());
        return pipeline;
    }

    private static ResolvedPipeline resolved(ResourceID id, String secret) throws Exception {
        return new PipelineResolver(CONFIG, new PipelineValidator())
                .resolve(PipelineDefinition.parse(yaml(id, secret)));
    }

    private static String yaml(ResourceID id, String secret) {
        return Pipelines.flightDelays(NS, id.getName())
                .replace(
                        "spec:\n  input:",
                        "spec:\n  kafka:\n    bootstrapServers: kafka:9092\n    authSecretRef:"
                                + " {name: "
                                + secret
                                + "}\n  input:");
    }

    private void secret(String name, String password) {
        kube.client()
                .secrets()
                .inNamespace(NS)
                .resource(
                        new SecretBuilder()
                                .withNewMetadata()
                                .withName(name)
                                .withNamespace(NS)
                                .endMetadata()
                                .addToStringData("sasl.jaas.config", "password=" + password)
                                .build())
                .createOr(r -> r.update());
    }

    /** Long enough for a watch event to arrive. */
    private static void settle() throws InterruptedException {
        Thread.sleep(Duration.ofSeconds(1).toMillis());
    }
}
