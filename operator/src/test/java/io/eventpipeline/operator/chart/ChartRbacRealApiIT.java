package io.eventpipeline.operator.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventpipeline.kafka.embedded.EmbeddedKafkaBroker;
import io.eventpipeline.operator.config.OperatorConfig;
import io.eventpipeline.operator.realapi.RealApiServer;
import io.eventpipeline.operator.testing.OperatorHarness;
import io.eventpipeline.testsupport.kubernetes.KubernetesApi;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The chart's RBAC judged by a real API server's authorizer: the chart's ServiceAccount, Roles,
 * ClusterRoles and bindings are created as rendered, and the operator runs {@link ChartLifecycle}
 * acting as that ServiceAccount (impersonation), with production's server-side apply for status.
 * Not one request may be refused (403). The server also runs the
 * OwnerReferencesPermissionEnforcement admission plugin, so the owner reference with
 * blockOwnerDeletion must be allowed too. Skipped where kube-api-test has no binaries, before the
 * broker starts.
 */
class ChartRbacRealApiIT {
    static final String USER_AGENT = OperatorHarness.OPERATOR_USER_AGENT;
    static final Set<String> RBAC_KINDS =
            Set.of("ServiceAccount", "ClusterRole", "ClusterRoleBinding", "Role", "RoleBinding");

    static EmbeddedKafkaBroker broker;

    @BeforeAll
    static void start() {
        RealApiServer.assumeAvailable();
        broker =
                EmbeddedKafkaBroker.builder()
                        .saslPlainUsers(ChartLifecycle.KAFKA_USERS)
                        .build()
                        .start();
    }

    @AfterAll
    static void stop() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void theClusterWideRbacAllowsTheWholeLifecycle() {
        assertNothingRefused(HelmChart.template(ChartRbacIT.operatorValues(broker, "")));
    }

    @Test
    void theNamespacedRbacAllowsTheWholeLifecycle() {
        assertNothingRefused(
                HelmChart.template(
                        ChartRbacIT.operatorValues(
                                broker, "watchNamespaces: [" + ChartLifecycle.PIPELINES + "]\n")));
    }

    private static void assertNothingRefused(HelmChart.Rendered chart) {
        OperatorConfig config = ChartLifecycle.operatorConfig(chart);
        try (RealApiServer server =
                RealApiServer.startOrSkip(
                        "--enable-admission-plugins", "OwnerReferencesPermissionEnforcement")) {
            server.createNamespace(HelmChart.NAMESPACE);
            server.createNamespace(ChartLifecycle.PIPELINES);
            installRbac(server, chart);

            try {
                ChartLifecycle.run(
                        server,
                        broker,
                        config,
                        () ->
                                OperatorHarness.replica(
                                        server,
                                        server.asServiceAccount(
                                                HelmChart.NAMESPACE,
                                                HelmChart.FULLNAME,
                                                USER_AGENT),
                                        config));
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError("lifecycle failed; refused: " + server.refused(), e);
            }

            List<KubernetesApi.Request> calls = server.requests();
            assertThat(calls).as("the operator's API calls").isNotEmpty();
            assertThat(server.refused()).as("calls the chart's RBAC refused").isEmpty();
            // Server-side apply of status went through the authorizer too.
            assertThat(calls)
                    .anySatisfy(
                            c -> {
                                assertThat(c.method()).isEqualTo("PATCH");
                                assertThat(c.path()).contains("/eventpipelines/checkout/status");
                            });
            // The operator did act as the ServiceAccount: what the chart does not grant is refused.
            try (KubernetesClient probe =
                    server.asServiceAccount(HelmChart.NAMESPACE, HelmChart.FULLNAME, "probe")) {
                assertThatThrownBy(() -> probe.namespaces().list())
                        .isInstanceOfSatisfying(
                                KubernetesClientException.class,
                                e -> assertThat(e.getCode()).isEqualTo(403));
            }
        }
    }

    /** The chart's ServiceAccount and RBAC objects, created by the admin as rendered. */
    private static void installRbac(KubernetesApi server, HelmChart.Rendered chart) {
        List<HasMetadata> rbac =
                chart.objects().stream().filter(o -> RBAC_KINDS.contains(o.getKind())).toList();
        assertThat(rbac).extracting(HasMetadata::getKind).contains("ServiceAccount", "RoleBinding");
        for (HasMetadata object : rbac) {
            server.client().resource(object).create();
        }
    }
}
