package io.eventpipeline.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The in-process API: what kubectl needs of it, its kubeconfig, and a taken port. */
class SandboxKubernetesIT {
    @TempDir Path workDir;

    @Test
    void servesDiscoveryForTheCrdsAndWritesAKubeconfig() throws Exception {
        try (SandboxKubernetes kube = SandboxKubernetes.start(0, workDir)) {
            // kubectl asks with a query string and checks the content type.
            HttpResponse<String> resources =
                    get(kube.url() + "/apis/eventpipeline.io/v1alpha1?timeout=32s");
            assertThat(resources.statusCode()).isEqualTo(200);
            assertThat(resources.headers().firstValue("Content-Type")).hasValue("application/json");
            assertThat(resources.body())
                    .contains("\"name\":\"eventpipelines\"", "\"shortNames\":[\"evp\",\"evpipe\"]");
            assertThat(get(kube.url() + "/apis").body())
                    .contains("\"name\":\"eventpipeline.io\"", "\"name\":\"flink.apache.org\"");
            // Objects still go through the CRUD store behind the discovery documents.
            assertThat(get(kube.url() + "/apis/eventpipeline.io/v1alpha1/eventpipelines").body())
                    .contains("\"items\"");

            assertThat(Files.readString(kube.kubeconfig()))
                    .contains("server: \"" + kube.url() + "\"", "current-context:");
        }
    }

    @Test
    void aTakenPortIsNamedWithTheOptionToChangeIt() {
        try (SandboxKubernetes first = SandboxKubernetes.start(0, workDir)) {
            int port = URI.create(first.url()).getPort();
            assertThatThrownBy(() -> SandboxKubernetes.start(port, workDir))
                    .isInstanceOf(PortInUseException.class)
                    .hasMessageContaining("port " + port)
                    .hasMessageContaining("Kubernetes API")
                    .hasMessageContaining("--kube-port");
        }
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(url)).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
    }
}
