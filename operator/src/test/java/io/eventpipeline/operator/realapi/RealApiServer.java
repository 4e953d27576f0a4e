package io.eventpipeline.operator.realapi;

import io.fabric8.kubeapitest.KubeAPIServer;
import io.fabric8.kubeapitest.KubeAPIServerConfigBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A real kube-apiserver (with etcd) for the tests only a real server can answer, started through
 * {@code io.fabric8:kube-api-test} from binaries already in its cache directory ({@code
 * $KUBE_API_TEST_DIR}, default {@code ~/.kubeapitest}, under {@code k8s/<version>-linux-amd64/}).
 * kube-api-test would download them where there is internet; where there are none, the test class
 * is skipped with one line saying so, never failed.
 */
public final class RealApiServer implements AutoCloseable {
    private static final List<String> BINARIES = List.of("etcd", "kube-apiserver", "kubectl");

    private final KubeAPIServer server;
    private final KubernetesClient client;

    private RealApiServer(KubeAPIServer server, KubernetesClient client) {
        this.server = server;
        this.client = client;
    }

    /** Starts a server, or aborts the calling test class (skipped) when no binaries are at hand. */
    public static RealApiServer startOrSkip() {
        Path dir = cacheDirectory();
        Optional<String> version = versionWithBinaries(dir);
        if (version.isEmpty()) {
            String why =
                    "real-API-server tier skipped: no etcd, kube-apiserver and kubectl under "
                            + dir.resolve("k8s").resolve("<version>-linux-amd64")
                            + " (kube-api-test downloads them only where there is internet)";
            System.out.println(why);
            Assumptions.abort(why);
        }
        KubeAPIServer server =
                new KubeAPIServer(
                        KubeAPIServerConfigBuilder.anAPIServerConfig()
                                .withTestDir(dir.toString())
                                .withApiServerVersion(version.get())
                                .withOfflineMode(true)
                                .withUpdateKubeConfig(false)
                                .build());
        server.start();
        KubernetesClient client =
                new KubernetesClientBuilder()
                        .withConfig(Config.fromKubeconfig(server.getKubeConfigYaml()))
                        .build();
        return new RealApiServer(server, client);
    }

    public KubernetesClient client() {
        return client;
    }

    @Override
    public void close() {
        client.close();
        server.stop();
    }

    private static Path cacheDirectory() {
        String configured = System.getenv("KUBE_API_TEST_DIR");
        return configured != null
                ? Path.of(configured)
                : Path.of(System.getProperty("user.home"), ".kubeapitest");
    }

    private static int[] versionNumbers(String version) {
        return java.util.Arrays.stream(version.split("\\."))
                .mapToInt(part -> part.matches("\\d+") ? Integer.parseInt(part) : 0)
                .toArray();
    }

    private static int compare(int[] a, int[] b) {
        return java.util.Arrays.compare(a, b);
    }

    /** The newest version whose three binaries are all there. */
    static Optional<String> versionWithBinaries(Path dir) {
        Path k8s = dir.resolve("k8s");
        if (!Files.isDirectory(k8s)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(k8s)) {
            return versions.filter(v -> v.getFileName().toString().endsWith("-linux-amd64"))
                    .filter(v -> BINARIES.stream().allMatch(b -> Files.isExecutable(v.resolve(b))))
                    .map(v -> v.getFileName().toString().replace("-linux-amd64", ""))
                    .max(
                            Comparator.comparing(
                                    RealApiServer::versionNumbers, RealApiServer::compare));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
