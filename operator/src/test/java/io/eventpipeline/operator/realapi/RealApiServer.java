package io.eventpipeline.operator.realapi;

import io.eventpipeline.operator.testing.StrimziTopicOperator;
import io.eventpipeline.testsupport.kubernetes.KubernetesApi;
import io.eventpipeline.testsupport.kubernetes.MockKubernetes;
import io.fabric8.kubeapitest.KubeAPIServer;
import io.fabric8.kubeapitest.KubeAPIServerConfigBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.http.AsyncBody;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.fabric8.kubernetes.client.http.Interceptor;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A real kube-apiserver (with etcd) for the tests only a real server can answer, started through
 * {@code io.fabric8:kube-api-test} from binaries already in its cache directory ({@code
 * $KUBE_API_TEST_DIR}, default {@code ~/.kubeapitest}, under {@code k8s/<version>-linux-amd64/}),
 * with our CRD (as committed under crds/), the Flink operator's and Strimzi's KafkaTopic installed
 * and established. kube-api-test would download binaries where there is internet; where there are
 * none, the test class is skipped, never failed, and one line per test run says why.
 *
 * <p>What such a server lacks: kube-controller-manager (no garbage collection of owned objects, no
 * namespace deletion, no ServiceAccount tokens) and the ServiceAccount admission plugin.
 */
public final class RealApiServer implements KubernetesApi {
    static final Path CRD = Path.of("../crds/eventpipelines.eventpipeline.io-v1.yml");
    private static final List<String> BINARIES = List.of("etcd", "kube-apiserver", "kubectl");
    private static final AtomicBoolean SKIP_REPORTED = new AtomicBoolean();
    private static final long ESTABLISHED_SECONDS = 30;

    private final KubeAPIServer server;
    private final KubernetesClient client;
    private final List<Request> requests = new ArrayList<>();
    private final List<String> refused = new ArrayList<>();
    private final List<KubernetesClient> handedOut = new ArrayList<>();

    private RealApiServer(KubeAPIServer server) {
        this.server = server;
        this.client = new KubernetesClientBuilder().withConfig(config()).build();
    }

    /** Whether kube-api-test's binaries are at hand, so the tier runs. */
    public static boolean available() {
        return versionWithBinaries(cacheDirectory()).isPresent();
    }

    /** Aborts the calling test class (skipped) unless binaries are at hand. */
    public static void assumeAvailable() {
        Path dir = cacheDirectory();
        if (!available()) {
            String why =
                    "real-API-server tier skipped: no etcd, kube-apiserver and kubectl under "
                            + dir.resolve("k8s").resolve("<version>-linux-amd64")
                            + " (kube-api-test downloads them only where there is internet)";
            if (SKIP_REPORTED.compareAndSet(false, true)) {
                System.out.println(why);
            }
            Assumptions.abort(why);
        }
    }

    /**
     * Starts a server with both CRDs established, or aborts the calling test class (skipped) when
     * no binaries are at hand.
     *
     * @param apiServerFlags further kube-apiserver flags, e.g. {@code
     *     --enable-admission-plugins=OwnerReferencesPermissionEnforcement}
     */
    public static RealApiServer startOrSkip(String... apiServerFlags) {
        assumeAvailable();
        Path dir = cacheDirectory();
        KubeAPIServer server =
                new KubeAPIServer(
                        KubeAPIServerConfigBuilder.anAPIServerConfig()
                                .withTestDir(dir.toString())
                                .withApiServerVersion(versionWithBinaries(dir).orElseThrow())
                                .withOfflineMode(true)
                                .withUpdateKubeConfig(false)
                                .withApiServerFlags(Arrays.asList(apiServerFlags))
                                .build());
        server.start();
        RealApiServer started = new RealApiServer(server);
        try {
            started.install(Files.newInputStream(CRD));
            started.install(
                    RealApiServer.class.getResourceAsStream(MockKubernetes.FLINK_CRD_RESOURCE));
            started.install(
                    RealApiServer.class.getResourceAsStream(
                            MockKubernetes.FLINK_SESSION_JOB_CRD_RESOURCE));
            started.install(StrimziTopicOperator.kafkaTopicCrd());
            return started;
        } catch (IOException | RuntimeException e) {
            started.close();
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
    }

    /** Creates the CRD and waits until the server serves it (Established). */
    private void install(InputStream yaml) throws IOException {
        try (yaml) {
            CustomResourceDefinition crd =
                    client.getKubernetesSerialization()
                            .unmarshal(yaml, CustomResourceDefinition.class);
            client.apiextensions().v1().customResourceDefinitions().resource(crd).create();
            client.apiextensions()
                    .v1()
                    .customResourceDefinitions()
                    .withName(crd.getMetadata().getName())
                    .waitUntilCondition(
                            c ->
                                    c != null
                                            && c.getStatus() != null
                                            && c.getStatus().getConditions().stream()
                                                    .anyMatch(
                                                            s ->
                                                                    s.getType()
                                                                                    .equals(
                                                                                            "Established")
                                                                            && s.getStatus()
                                                                                    .equals(
                                                                                            "True")),
                            ESTABLISHED_SECONDS,
                            TimeUnit.SECONDS);
        }
    }

    private Config config() {
        return Config.fromKubeconfig(server.getKubeConfigYaml());
    }

    /** The admin's client (group system:masters); its requests are not recorded. */
    @Override
    public KubernetesClient client() {
        return client;
    }

    @Override
    public synchronized KubernetesClient newClient(String userAgent) {
        Config config = config();
        config.setUserAgent(userAgent);
        return recorded(config, userAgent);
    }

    /**
     * A client that acts as the ServiceAccount (impersonation by the admin), so the server's RBAC
     * authorizer judges every request by what is bound to that account, as for a pod running with
     * it. The account itself and its bindings must exist; no token is needed.
     */
    public synchronized KubernetesClient asServiceAccount(
            String namespace, String name, String userAgent) {
        Config config = config();
        config.setUserAgent(userAgent);
        config.setImpersonateUsername("system:serviceaccount:" + namespace + ":" + name);
        // The groups the server gives a ServiceAccount's token; system:authenticated is added by
        // the server to every impersonated user but anonymous.
        config.setImpersonateGroups(
                "system:serviceaccounts", "system:serviceaccounts:" + namespace);
        return recorded(config, userAgent);
    }

    private KubernetesClient recorded(Config config, String userAgent) {
        KubernetesClient recorded =
                new KubernetesClientBuilder()
                        .withConfig(config)
                        .withHttpClientBuilderConsumer(
                                b -> b.addOrReplaceInterceptor("recorder", new Recorder(userAgent)))
                        .build();
        handedOut.add(recorded);
        return recorded;
    }

    @Override
    public String kubeconfig() {
        return server.getKubeConfigYaml();
    }

    @Override
    public boolean speaksServerSideApply() {
        return true;
    }

    @Override
    public synchronized List<Request> requests() {
        return List.copyOf(requests);
    }

    /** Requests of handed-out clients that the server answered 403 Forbidden: "METHOD path". */
    public synchronized List<String> refused() {
        return List.copyOf(refused);
    }

    private synchronized void record(Request request, int code) {
        requests.add(request);
        if (code == 403) {
            refused.add(request.method() + " " + request.path());
        }
    }

    /** Records each response a handed-out client receives. */
    private final class Recorder implements Interceptor {
        private final String userAgent;

        Recorder(String userAgent) {
            this.userAgent = userAgent;
        }

        @Override
        public void after(
                HttpRequest request,
                HttpResponse<?> response,
                AsyncBody.Consumer<List<ByteBuffer>> consumer) {
            URI uri = request.uri();
            String path =
                    uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
            record(new Request(request.method(), path, userAgent), response.code());
        }
    }

    @Override
    public void close() {
        synchronized (this) {
            handedOut.forEach(KubernetesClient::close);
        }
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
        return Arrays.stream(version.split("\\."))
                .mapToInt(part -> part.matches("\\d+") ? Integer.parseInt(part) : 0)
                .toArray();
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
                    .max(Comparator.comparing(RealApiServer::versionNumbers, Arrays::compare));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
