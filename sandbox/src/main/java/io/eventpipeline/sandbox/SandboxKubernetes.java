package io.eventpipeline.sandbox;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;

/**
 * An in-process Kubernetes API: the fabric8 mock server in CRUD mode on 127.0.0.1 (plain HTTP),
 * with the EventPipeline CRD and the Flink operator's FlinkDeployment CRD installed, and a
 * kubeconfig for other clients. It stores and watches objects; it has no controllers, RBAC or
 * garbage collection — the operator deletes what it owns explicitly, so none is needed.
 */
public final class SandboxKubernetes implements AutoCloseable {
    static final String EVENTPIPELINE_CRD = "/sandbox-crds/eventpipelines.eventpipeline.io-v1.yml";
    static final String FLINK_CRD = "/META-INF/fabric8/flinkdeployments.flink.apache.org-v1.yml";

    /** Held so the level sticks: the mock logs every request at INFO through JUL. */
    private static final java.util.logging.Logger MOCK_LOG =
            java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");

    static {
        MOCK_LOG.setLevel(java.util.logging.Level.WARNING);
    }

    private final KubernetesMockServer server;
    private final KubernetesClient client;
    private final Path kubeconfig;

    private SandboxKubernetes(KubernetesMockServer server, Path kubeconfig) {
        this.server = server;
        this.client = server.createClient();
        this.kubeconfig = kubeconfig;
    }

    /**
     * @param port 0 for any free port
     */
    public static SandboxKubernetes start(int port, Path workDir) {
        Ports.requireFree(port, "Kubernetes API", "--kube-port");
        Map<ServerRequest, Queue<ServerResponse>> expectations = new HashMap<>();
        List<CustomResourceDefinition> crds = List.of(crd(EVENTPIPELINE_CRD), crd(FLINK_CRD));
        KubernetesMockServer server =
                new KubernetesMockServer(
                        new Context(),
                        new MockWebServer(),
                        expectations,
                        new Discovery(new KubernetesMixedDispatcher(expectations), crds),
                        false);
        server.init(InetAddress.getLoopbackAddress(), port);
        SandboxKubernetes kube =
                new SandboxKubernetes(server, workDir.resolve("kubeconfig").toAbsolutePath());
        crds.forEach(
                crd ->
                        kube.client
                                .apiextensions()
                                .v1()
                                .customResourceDefinitions()
                                .resource(crd)
                                .create());
        kube.writeKubeconfig();
        return kube;
    }

    private static CustomResourceDefinition crd(String resource) {
        try (InputStream in = SandboxKubernetes.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("CRD not on the classpath: " + resource);
            }
            return io.fabric8.kubernetes.client.utils.Serialization.unmarshal(
                    in, CustomResourceDefinition.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void writeKubeconfig() {
        String yaml =
                """
                apiVersion: v1
                kind: Config
                clusters:
                  - name: eventpipeline-sandbox
                    cluster: {server: "%s"}
                users:
                  - name: sandbox
                    user: {}
                contexts:
                  - name: eventpipeline-sandbox
                    context: {cluster: eventpipeline-sandbox, user: sandbox, namespace: default}
                current-context: eventpipeline-sandbox
                """
                        .formatted(url());
        try {
            Files.createDirectories(kubeconfig.getParent());
            Files.writeString(kubeconfig, yaml, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public KubernetesClient client() {
        return client;
    }

    public String url() {
        return "http://127.0.0.1:" + server.getPort();
    }

    public Path kubeconfig() {
        return kubeconfig;
    }

    @Override
    public void close() {
        client.close();
        server.destroy();
    }
}
