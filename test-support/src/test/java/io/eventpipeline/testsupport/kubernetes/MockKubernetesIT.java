package io.eventpipeline.testsupport.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** What operator tests and the sandbox need of the mock API server. */
class MockKubernetesIT {
    @Test
    void servesDiscoveryForItsCrdsInFrontOfTheCrudStore() throws Exception {
        try (MockKubernetes kube = MockKubernetes.start()) {
            // kubectl asks with a query string and checks the content type.
            HttpResponse<String> resources =
                    get(kube.url() + "/apis/flink.apache.org/v1beta1?timeout=32s");
            assertThat(resources.statusCode()).isEqualTo(200);
            assertThat(resources.headers().firstValue("Content-Type")).hasValue("application/json");
            assertThat(resources.body())
                    .contains("\"name\":\"flinkdeployments\"", "\"shortNames\":[\"flinkdep\"]");
            assertThat(get(kube.url() + "/apis").body()).contains("\"name\":\"flink.apache.org\"");
            assertThat(get(kube.url() + "/apis/flink.apache.org/v1beta1/flinkdeployments").body())
                    .contains("\"items\"");
            assertThat(kube.kubeconfig("sandbox", "me"))
                    .contains("server: \"" + kube.url() + "\"", "current-context: sandbox");
        }
    }

    @Test
    void listsEveryKindOfAGroupVersionInDiscoveryAndOpenApi() throws Exception {
        try (MockKubernetes kube = MockKubernetes.start()) {
            assertThat(get(kube.url() + "/apis/flink.apache.org/v1beta1").body())
                    .contains("\"name\":\"flinkdeployments\"", "\"name\":\"flinksessionjobs\"");
            assertThat(get(kube.url() + "/apis").body())
                    .containsOnlyOnce("\"name\":\"flink.apache.org\"");
            assertThat(get(kube.url() + "/openapi/v3/apis/flink.apache.org/v1beta1").body())
                    .contains(
                            "org.apache.flink.v1beta1.FlinkDeployment",
                            "org.apache.flink.v1beta1.FlinkSessionJob");
        }
    }

    @Test
    void recordsWhoMadeEachRequest() {
        try (MockKubernetes kube = MockKubernetes.start();
                KubernetesClient other = kube.newClient("someone-else")) {
            other.configMaps().inNamespace("ns").resource(configMap("a")).create();

            assertThat(kube.requests())
                    .anySatisfy(
                            r -> {
                                assertThat(r.method()).isEqualTo("POST");
                                assertThat(r.path()).contains("/namespaces/ns/configmaps");
                                assertThat(r.userAgent()).isEqualTo("someone-else");
                            });
            assertThat(kube.writesTo("/configmaps")).isEqualTo(1);
        }
    }

    @Test
    void aTerminatingNamespaceRefusesCreatesButNotChanges() {
        try (MockKubernetes kube = MockKubernetes.start()) {
            var configMaps = kube.client().configMaps().inNamespace("going");
            configMaps.resource(configMap("kept")).create();
            kube.terminateNamespace("going");

            assertThatThrownBy(() -> configMaps.resource(configMap("new")).create())
                    .isInstanceOfSatisfying(
                            KubernetesClientException.class,
                            e -> {
                                assertThat(e.getCode()).isEqualTo(403);
                                assertThat(
                                                e.getStatus()
                                                        .getDetails()
                                                        .getCauses()
                                                        .get(0)
                                                        .getReason())
                                        .isEqualTo("NamespaceTerminating");
                            });
            configMaps.withName("kept").delete();
            assertThat(configMaps.withName("kept").get()).isNull();
        }
    }

    private static io.fabric8.kubernetes.api.model.ConfigMap configMap(String name) {
        return new ConfigMapBuilder().withNewMetadata().withName(name).endMetadata().build();
    }

    private static HttpResponse<String> get(String url) throws Exception {
        // HTTP/1.1, as kubectl speaks to a plain-HTTP server: the JDK client's default asks for
        // an upgrade to HTTP/2, which the mock's server half-accepts on large answers.
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .build()
                .send(
                        HttpRequest.newBuilder(URI.create(url)).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
    }
}
