package io.eventpipeline.operator.realapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.eventpipeline.operator.admission.AdmissionRequests;
import io.eventpipeline.operator.admission.ServingCertificate;
import io.eventpipeline.operator.admission.WebhookServer;
import io.eventpipeline.operator.api.EventPipeline;
import io.eventpipeline.operator.chart.HelmChart;
import io.eventpipeline.operator.testing.Pipelines;
import io.eventpipeline.operator.testing.TestCertificate;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhook;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.WebhookClientConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The webhook called by a real API server: the chart's own registration (rules, matchPolicy,
 * matchConditions, failurePolicy), pointed at the webhook on 127.0.0.1. What users see through
 * {@code kubectl apply} and {@code --dry-run=server}, and what stays possible while the webhook is
 * down. Skipped with one line where kube-api-test has no binaries ({@link RealApiServer}).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebhookOnRealApiServerIT {
    static final String NAMESPACE = "admission";
    static final String DENIED =
            "admission webhook \"validate.eventpipeline.io\" denied the request";

    static RealApiServer server;
    static KubernetesClient client;
    static WebhookServer webhook;
    @TempDir static Path certDir;

    @BeforeAll
    static void start() throws Exception {
        server = RealApiServer.startOrSkip();
        client = server.client();
        server.createNamespace(NAMESPACE);
        TestCertificate certificate =
                TestCertificate.forAddresses(List.of("127.0.0.1"), List.of("localhost"));
        certificate.mountIn(certDir);
        webhook =
                new WebhookServer(
                                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                                new ServingCertificate(certDir).sslContext(),
                                AdmissionRequests.admission(),
                                AdmissionRequests.JSON)
                        .start();
        // The chart's registration as rendered, only the address changed: the API server runs
        // outside any cluster network here, so it calls the webhook by URL.
        ValidatingWebhookConfiguration registration =
                HelmChart.template("").one(ValidatingWebhookConfiguration.class);
        ValidatingWebhook rendered = registration.getWebhooks().get(0);
        rendered.setClientConfig(
                new WebhookClientConfigBuilder()
                        .withUrl("https://127.0.0.1:" + webhook.port() + WebhookServer.PATH)
                        .withCaBundle(Base64.getEncoder().encodeToString(certificate.caBundle()))
                        .build());
        client.resource(registration).create();
        // Registrations take effect asynchronously: wait until an invalid pipeline is refused.
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(250))
                .until(
                        () -> {
                            try {
                                pipelines().resource(invalid("probe")).dryRun().create();
                                return false;
                            } catch (KubernetesClientException e) {
                                return e.getMessage().contains(DENIED);
                            }
                        });
    }

    @AfterAll
    static void stop() {
        if (webhook != null) {
            webhook.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    @Order(1)
    void anInvalidPipelineIsNeverStoredAndTheMessageNamesTheField() {
        assertThatThrownBy(() -> pipelines().resource(invalid("broken")).create())
                .isInstanceOfSatisfying(
                        KubernetesClientException.class,
                        e -> {
                            assertThat(e.getCode()).isEqualTo(422);
                            assertThat(e.getMessage())
                                    .contains(DENIED)
                                    .contains("spec.patterns[0].steps[0].where");
                        });
        assertThat(pipelines().withName("broken").get()).isNull();
    }

    @Test
    @Order(2)
    void aServerSideDryRunIsJudgedAndStoresNothing() {
        assertThatThrownBy(() -> pipelines().resource(invalid("dry")).dryRun().create())
                .hasMessageContaining(DENIED);
        assertThat(pipelines().resource(valid("dry")).dryRun().create()).isNotNull();
        assertThat(pipelines().withName("dry").get()).isNull();
    }

    @Test
    @Order(3)
    void aValidPipelineIsStoredAndABreakingEditRefused() {
        pipelines().resource(valid("flights")).create();

        EventPipeline edited = pipelines().withName("flights").get();
        edited.getSpec().getPatterns().get(0).getSteps().get(0).setWhere("event.type ==");
        assertThatThrownBy(() -> pipelines().resource(edited).update())
                .hasMessageContaining(DENIED);
        assertThat(
                        pipelines()
                                .withName("flights")
                                .get()
                                .getSpec()
                                .getPatterns()
                                .get(0)
                                .getSteps()
                                .get(0)
                                .getWhere())
                .isNotEqualTo("event.type ==");
    }

    @Test
    @Order(4)
    void withTheWebhookDownSpecChangesWaitButLabelsFinalizersAndDeletionDoNot() {
        pipelines().resource(valid("orphan")).create();
        pipelines()
                .withName("orphan")
                .edit(
                        p -> {
                            p.getMetadata().setFinalizers(List.of("eventpipeline.io/topics"));
                            return p;
                        });
        webhook.close();
        webhook = null;

        // failurePolicy Fail: a spec change cannot be judged, so it is refused...
        assertThatThrownBy(
                        () ->
                                pipelines()
                                        .withName("orphan")
                                        .edit(
                                                p -> {
                                                    p.getSpec().getOutput().setTopic("elsewhere");
                                                    return p;
                                                }))
                .isInstanceOf(KubernetesClientException.class);
        // ...but the match conditions keep the webhook out of everything else.
        pipelines()
                .withName("orphan")
                .edit(
                        p -> {
                            p.getMetadata().setLabels(Map.of("team", "ops"));
                            return p;
                        });
        pipelines().withName("orphan").delete();
        pipelines()
                .withName("orphan")
                .edit(
                        p -> {
                            p.getMetadata().setFinalizers(List.of());
                            return p;
                        });
        await().atMost(Duration.ofSeconds(10))
                .until(() -> pipelines().withName("orphan").get() == null);
    }

    static NonNamespaceOperation<
                    EventPipeline, KubernetesResourceList<EventPipeline>, Resource<EventPipeline>>
            pipelines() {
        return client.resources(EventPipeline.class).inNamespace(NAMESPACE);
    }

    static EventPipeline valid(String name) {
        return Serialization.unmarshal(
                Pipelines.flightDelays(NAMESPACE, name), EventPipeline.class);
    }

    static EventPipeline invalid(String name) {
        EventPipeline pipeline = valid(name);
        pipeline.getSpec().getPatterns().get(0).getSteps().get(0).setWhere("event.type ==");
        return pipeline;
    }
}
