package io.eventpipeline.sandbox;

import io.eventpipeline.testsupport.kubernetes.MockKubernetes;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The in-process Kubernetes API on a port of the developer's choice: the shared mock API server
 * (CRUD, discovery for kubectl) with the EventPipeline CRD as committed under {@code crds/} and the
 * FlinkDeployment CRD, and a kubeconfig file for other clients. It has no controllers, RBAC or
 * garbage collection (see {@link OwnerGarbageCollector}).
 */
public final class SandboxKubernetes implements AutoCloseable {
    static final String EVENTPIPELINE_CRD = "/sandbox-crds/eventpipelines.eventpipeline.io-v1.yml";

    private final MockKubernetes mock;
    private final KubectlFront front;
    private final Path kubeconfig;

    private SandboxKubernetes(MockKubernetes mock, KubectlFront front, Path kubeconfig) {
        this.mock = mock;
        this.front = front;
        this.kubeconfig = kubeconfig;
    }

    /**
     * @param port 0 for any free port
     */
    public static SandboxKubernetes start(int port, Path workDir) {
        Ports.requireFree(port, "Kubernetes API", "--kube-port");
        // The mock on a port of its own; kubectl and the user talk to the front on the chosen one.
        MockKubernetes mock = MockKubernetes.builder().crdResource(EVENTPIPELINE_CRD).start();
        KubectlFront front;
        try {
            front = KubectlFront.start(port, mock.url(), mock.tables());
        } catch (IOException e) {
            mock.close();
            throw new UncheckedIOException(e);
        }
        SandboxKubernetes kube =
                new SandboxKubernetes(mock, front, workDir.resolve("kubeconfig").toAbsolutePath());
        try {
            Files.createDirectories(kube.kubeconfig.getParent());
            Files.writeString(
                    kube.kubeconfig,
                    mock.kubeconfig("eventpipeline-sandbox", "sandbox")
                            .replace(mock.url(), front.url()),
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            kube.close();
            throw new UncheckedIOException(e);
        }
        return kube;
    }

    public KubernetesClient client() {
        return mock.client();
    }

    /** Where kubectl and other clients reach the API (the kubeconfig's server). */
    public String url() {
        return front.url();
    }

    public Path kubeconfig() {
        return kubeconfig;
    }

    @Override
    public void close() {
        front.close();
        mock.close();
    }
}
