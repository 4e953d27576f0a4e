package io.eventpipeline.operator.testing;

import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.authorization.v1.ResourceRule;
import io.fabric8.kubernetes.api.model.authorization.v1.ResourceRuleBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReviewBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The fabric8 mock API server in CRUD mode with the EventPipeline and FlinkDeployment CRDs
 * installed, plus a record of every request so tests can count writes and tell who made them.
 */
public final class MockKubernetes implements KubernetesApi {
    public static final Path EVENTPIPELINE_CRD =
            Path.of("target/classes/META-INF/fabric8/eventpipelines.eventpipeline.io-v1.yml");
    public static final String FLINK_CRD_RESOURCE =
            "/META-INF/fabric8/flinkdeployments.flink.apache.org-v1.yml";

    /** Held so the level sticks: the mock logs every request at INFO through JUL. */
    private static final java.util.logging.Logger MOCK_LOG =
            java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");

    static {
        MOCK_LOG.setLevel(java.util.logging.Level.WARNING);
    }

    private final KubernetesMockServer server;
    private final KubernetesClient client;
    private final List<RecordedRequest> seen = new ArrayList<>();
    private final Set<String> terminating = ConcurrentHashMap.newKeySet();

    /** Answers permission self-checks as if every lease operation were allowed. */
    public MockKubernetes() {
        this(
                List.of(
                        new ResourceRuleBuilder()
                                .withApiGroups("coordination.k8s.io")
                                .withResources("leases")
                                .withVerbs("get", "create", "update")
                                .build()));
    }

    /**
     * @param selfSubjectRules what a SelfSubjectRulesReview answers: the rules the caller holds
     */
    public MockKubernetes(List<ResourceRule> selfSubjectRules) {
        Map<ServerRequest, Queue<ServerResponse>> expectations = new HashMap<>();
        // Expectations first (e.g. /version), then CRUD: what @EnableKubernetesMockClient(crud)
        // uses.
        server =
                new KubernetesMockServer(
                        new Context(),
                        new MockWebServer(),
                        expectations,
                        new KubernetesMixedDispatcher(expectations) {
                            @Override
                            public MockResponse dispatch(RecordedRequest request) {
                                MockResponse refused = refuseInTerminatingNamespace(request);
                                return refused != null ? refused : super.dispatch(request);
                            }
                        },
                        false);
        // fabric8's leader election first asks what it may do; the mock has no RBAC to answer.
        server.expect()
                .post()
                .withPath("/apis/authorization.k8s.io/v1/selfsubjectrulesreviews")
                .andReturn(
                        201,
                        new SelfSubjectRulesReviewBuilder()
                                .withNewStatus()
                                .withIncomplete(false)
                                .withResourceRules(selfSubjectRules)
                                .endStatus()
                                .build())
                .always();
        server.init(InetAddress.getLoopbackAddress(), 0);
        client = server.createClient();
        try (InputStream ours = Files.newInputStream(EVENTPIPELINE_CRD);
                InputStream flink = MockKubernetes.class.getResourceAsStream(FLINK_CRD_RESOURCE)) {
            install(
                    client.getKubernetesSerialization()
                            .unmarshal(ours, CustomResourceDefinition.class));
            install(
                    client.getKubernetesSerialization()
                            .unmarshal(flink, CustomResourceDefinition.class));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * From now on, the namespace refuses every create as a real API server does while the namespace
     * is being deleted: 403 Forbidden with the cause {@code NamespaceTerminating}. Existing objects
     * can still be read, changed and deleted.
     */
    public void terminateNamespace(String namespace) {
        terminating.add(namespace);
    }

    private MockResponse refuseInTerminatingNamespace(RecordedRequest request) {
        if (!request.getMethod().equals("POST")) {
            return null;
        }
        String path = request.getPath();
        for (String namespace : terminating) {
            String prefix = "/namespaces/" + namespace + "/";
            int at = path.indexOf(prefix);
            if (at >= 0) {
                String resource = path.substring(at + prefix.length()).split("[/?]")[0];
                String message =
                        resource
                                + " is forbidden: unable to create new content in namespace "
                                + namespace
                                + " because it is being terminated";
                Status status =
                        new StatusBuilder()
                                .withStatus("Failure")
                                .withCode(403)
                                .withReason("Forbidden")
                                .withMessage(message)
                                .withNewDetails()
                                .withKind(resource)
                                .addNewCause()
                                .withReason("NamespaceTerminating")
                                .withField("metadata.namespace")
                                .withMessage("namespace " + namespace + " is being terminated")
                                .endCause()
                                .endDetails()
                                .build();
                return new MockResponse()
                        .setResponseCode(403)
                        .setHeader("Content-Type", "application/json")
                        .setBody(client.getKubernetesSerialization().asJson(status));
            }
        }
        return null;
    }

    private void install(CustomResourceDefinition crd) {
        client.apiextensions().v1().customResourceDefinitions().resource(crd).create();
    }

    @Override
    public KubernetesClient client() {
        return client;
    }

    @Override
    public boolean speaksServerSideApply() {
        return false;
    }

    @Override
    public String kubeconfig() {
        String server =
                "http://" + InetAddress.getLoopbackAddress().getHostAddress() + ":" + port();
        return """
        apiVersion: v1
        kind: Config
        clusters:
          - name: mock
            cluster: {server: "%s"}
        users:
          - name: operator
            user: {}
        contexts:
          - name: mock
            context: {cluster: mock, user: operator, namespace: default}
        current-context: mock
        """
                .formatted(server);
    }

    public int port() {
        return server.getPort();
    }

    /**
     * A further client of this server whose requests carry the given User-Agent, so that {@link
     * #requests()} can tell them from everyone else's.
     */
    @Override
    public KubernetesClient newClient(String userAgent) {
        return server.createClient(b -> b.editOrNewConfig().withUserAgent(userAgent).endConfig());
    }

    /** Every request received so far (anyone's), in order. */
    @Override
    public synchronized List<Request> requests() {
        drain();
        return seen.stream()
                .map(r -> new Request(r.getMethod(), r.getPath(), r.getHeader("User-Agent")))
                .toList();
    }

    private void drain() {
        try {
            RecordedRequest request;
            while ((request = server.takeRequest(1, TimeUnit.MILLISECONDS)) != null) {
                seen.add(request);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        client.close();
        server.destroy();
    }
}
