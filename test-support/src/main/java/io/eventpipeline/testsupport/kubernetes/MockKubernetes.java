package io.eventpipeline.testsupport.kubernetes;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.authorization.v1.ResourceRule;
import io.fabric8.kubernetes.api.model.authorization.v1.ResourceRuleBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReviewBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.internal.MockDispatcher;
import io.fabric8.mockwebserver.internal.SimpleRequest;
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
import java.util.concurrent.TimeUnit;

/**
 * The fabric8 mock API server in CRUD mode on the loopback address (plain HTTP), with the Flink
 * operator's FlinkDeployment and FlinkSessionJob CRDs and the CRDs its user passes in installed,
 * API discovery and OpenAPI v3 for them (which kubectl needs), and a record of every request so
 * tests can count writes and tell who made them. In front of the CRUD store, reads and writes
 * behave as on a real API server where the mock differs ({@link ReadSemantics}, {@link
 * WriteSemantics}): patches, dry runs, field selectors, strict field validation. It stores and
 * watches objects; it has no controllers, RBAC or garbage collection.
 */
public final class MockKubernetes implements KubernetesApi {
    /** The FlinkDeployment CRD, from the Flink operator's API jar. */
    public static final String FLINK_CRD_RESOURCE =
            "/META-INF/fabric8/flinkdeployments.flink.apache.org-v1.yml";

    /** The FlinkSessionJob CRD, from the same jar: the operator watches session jobs too. */
    public static final String FLINK_SESSION_JOB_CRD_RESOURCE =
            "/META-INF/fabric8/flinksessionjobs.flink.apache.org-v1.yml";

    /** Held so the level sticks: the mock logs every request at INFO through JUL. */
    private static final java.util.logging.Logger MOCK_LOG =
            java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");

    static {
        MOCK_LOG.setLevel(java.util.logging.Level.WARNING);
    }

    private final KubernetesMockServer server;
    private final KubernetesClient client;
    private final NamespaceTermination termination;
    private final List<RecordedRequest> seen = new ArrayList<>();
    private final ServerTables tables;

    private MockKubernetes(Builder builder) {
        List<CustomResourceDefinition> crds = new ArrayList<>(builder.crds);
        crds.add(parse(MockKubernetes.class.getResourceAsStream(FLINK_CRD_RESOURCE)));
        crds.add(parse(MockKubernetes.class.getResourceAsStream(FLINK_SESSION_JOB_CRD_RESOURCE)));
        Map<ServerRequest, Queue<ServerResponse>> expectations = new HashMap<>();
        termination = new NamespaceTermination();
        tables = new ServerTables(crds, java.time.Clock.systemUTC());
        // Expectations first (e.g. /version), then CRUD: what @EnableKubernetesMockClient(crud)
        // uses, with an index by name (IndexedCrudDispatcher); discovery documents in front of
        // both.
        MockDispatcher expected = new MockDispatcher(expectations);
        IndexedCrudDispatcher store = new IndexedCrudDispatcher();
        Dispatcher crud =
                new Dispatcher() {
                    @Override
                    public MockResponse dispatch(RecordedRequest request) {
                        MockResponse refused = termination.refuse(request);
                        if (refused != null) {
                            return refused;
                        }
                        Queue<ServerResponse> queue =
                                expectations.get(
                                        new SimpleRequest(
                                                HttpMethod.valueOf(request.getMethod()),
                                                request.getPath()));
                        return queue != null && !queue.isEmpty()
                                ? expected.dispatch(request)
                                : store.dispatch(request);
                    }

                    @Override
                    public void shutdown() {
                        expected.shutdown();
                        store.shutdown();
                    }
                };
        server =
                new KubernetesMockServer(
                        new Context(),
                        new MockWebServer(),
                        expectations,
                        new Discovery(
                                new TableResponses(
                                        new ReadSemantics(new WriteSemantics(crud, crds)), tables),
                                crds),
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
                                .withResourceRules(builder.selfSubjectRules)
                                .endStatus()
                                .build())
                .always();
        server.init(InetAddress.getLoopbackAddress(), builder.port);
        client = server.createClient();
        crds.forEach(
                crd ->
                        client.apiextensions()
                                .v1()
                                .customResourceDefinitions()
                                .resource(crd)
                                .create());
    }

    /** A mock with only the FlinkDeployment CRD on any free port; see {@link #builder()}. */
    public static MockKubernetes start() {
        return builder().start();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** What to install and where to listen. */
    public static final class Builder {
        private final List<CustomResourceDefinition> crds = new ArrayList<>();
        private int port;
        private List<ResourceRule> selfSubjectRules =
                List.of(
                        new ResourceRuleBuilder()
                                .withApiGroups("coordination.k8s.io")
                                .withResources("leases")
                                .withVerbs("get", "create", "update")
                                .build());

        private Builder() {}

        /** Installs the CRD in this YAML file (a module's generated CRD, say). */
        public Builder crd(Path yaml) {
            try {
                return crd(Files.newInputStream(yaml));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Installs the CRD in this classpath resource. */
        public Builder crdResource(String resource) {
            InputStream in = MockKubernetes.class.getResourceAsStream(resource);
            if (in == null) {
                throw new IllegalStateException("CRD not on the classpath: " + resource);
            }
            return crd(in);
        }

        /** Installs the CRD read from the stream, which is closed. */
        public Builder crd(InputStream yaml) {
            crds.add(parse(yaml));
            return this;
        }

        /**
         * @param port 0 (the default) for any free port
         */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /**
         * What a SelfSubjectRulesReview answers: the rules the caller holds. By default every lease
         * operation leader election needs.
         */
        public Builder selfSubjectRules(List<ResourceRule> rules) {
            this.selfSubjectRules = List.copyOf(rules);
            return this;
        }

        public MockKubernetes start() {
            return new MockKubernetes(this);
        }
    }

    private static CustomResourceDefinition parse(InputStream yaml) {
        try (InputStream in = yaml) {
            return Serialization.unmarshal(in, CustomResourceDefinition.class);
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
        termination.terminate(namespace);
    }

    /** How this server renders its custom resources as Tables (for watches streamed elsewhere). */
    public ServerTables tables() {
        return tables;
    }

    @Override
    public KubernetesClient client() {
        return client;
    }

    @Override
    public boolean speaksServerSideApply() {
        return false;
    }

    public int port() {
        return server.getPort();
    }

    public String url() {
        return "http://" + InetAddress.getLoopbackAddress().getHostAddress() + ":" + port();
    }

    @Override
    public String kubeconfig() {
        return kubeconfig("mock", "operator");
    }

    /** A kubeconfig for this server, its cluster and context named {@code name}. */
    public String kubeconfig(String name, String user) {
        return """
        apiVersion: v1
        kind: Config
        clusters:
          - name: %1$s
            cluster: {server: "%3$s"}
        users:
          - name: %2$s
            user: {}
        contexts:
          - name: %1$s
            context: {cluster: %1$s, user: %2$s, namespace: default}
        current-context: %1$s
        """
                .formatted(name, user, url());
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
