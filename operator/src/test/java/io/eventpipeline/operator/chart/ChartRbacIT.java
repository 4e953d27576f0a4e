package io.eventpipeline.operator.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventpipeline.kafka.embedded.EmbeddedKafkaBroker;
import io.eventpipeline.operator.config.OperatorConfig;
import io.eventpipeline.operator.testing.OperatorHarness;
import io.eventpipeline.operator.testing.OperatorMockApi;
import io.eventpipeline.testsupport.kubernetes.MockKubernetes;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.authorization.v1.ResourceRule;
import io.fabric8.kubernetes.api.model.authorization.v1.ResourceRuleBuilder;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.flink.kubernetes.operator.api.FlinkDeployment;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The chart's RBAC, derived from what the operator really does: the operator runs with the
 * configuration the chart renders, through a whole pipeline lifecycle against the mock API server,
 * and every API call it made must be allowed by the chart's rules, and every rule must have been
 * needed.
 */
class ChartRbacIT {
    static final String PIPELINES = ChartLifecycle.PIPELINES;

    static EmbeddedKafkaBroker broker;

    @BeforeAll
    static void start() {
        broker =
                EmbeddedKafkaBroker.builder()
                        .saslPlainUsers(ChartLifecycle.KAFKA_USERS)
                        .build()
                        .start();
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    @Test
    void clusterWideRulesAreExactlyWhatTheOperatorUses() {
        HelmChart.Rendered chart = HelmChart.template(operatorValues(broker, ""));
        Lifecycle run = runLifecycle(chart);

        assertEveryCallIsAllowed(chart, run.calls());
        assertEveryGrantIsUsed(chart, run);
        System.out.println(
                "RBAC the operator needs (derived):\n  "
                        + String.join(
                                "\n  ", run.permissions().stream().map(Object::toString).toList()));
    }

    @Test
    void namespacedRulesAreExactlyWhatTheOperatorUses() {
        HelmChart.Rendered chart =
                HelmChart.template(
                        operatorValues(broker, "watchNamespaces: [" + PIPELINES + "]\n"));
        Lifecycle run = runLifecycle(chart);

        // Roles only: a cluster-scoped call (beyond the rules self-check) would be refused.
        assertThat(run.calls())
                .filteredOn(c -> !NEEDS_NO_RBAC.contains(c.permission()))
                .allSatisfy(c -> assertThat(c.namespace()).isIn(PIPELINES, HelmChart.NAMESPACE));
        assertThat(new ChartPermissions(chart, HelmChart.FULLNAME).granted())
                .as("Roles grant what the ClusterRole would")
                .isEqualTo(
                        new ChartPermissions(
                                        HelmChart.template(operatorValues(broker, "")),
                                        HelmChart.FULLNAME)
                                .granted());
        assertEveryCallIsAllowed(chart, run.calls());
        assertEveryGrantIsUsed(chart, run);
    }

    /** Chart values for an operator against the test broker, with leader election (2 replicas). */
    static String operatorValues(EmbeddedKafkaBroker broker, String more) {
        return more
                + "replicaCount: 2\n"
                + "kafka: {bootstrapServers: \""
                + broker.bootstrapServers()
                + "\", adminTimeout: 3s}\n"
                + "job: {savepointDir: \"s3://flink-state/savepoints\","
                + " checkpointDir: \"s3://flink-state/checkpoints\"}\n"
                + "resyncInterval: 2s\n";
    }

    /** What one lifecycle run showed. */
    record Lifecycle(
            List<ApiCall> calls, List<String> nonResourceCalls, boolean blocksOwnerDeletion) {
        Set<ApiCall.Permission> permissions() {
            Set<ApiCall.Permission> permissions = new TreeSet<>(ChartPermissions.PERMISSION_ORDER);
            calls.forEach(c -> permissions.add(c.permission()));
            return permissions;
        }
    }

    /** {@link ChartLifecycle} against the mock, recording every API call the operator made. */
    static Lifecycle runLifecycle(HelmChart.Rendered chart) {
        OperatorConfig config = ChartLifecycle.operatorConfig(chart);
        // The operator's start-up permission check is answered from the chart's own rules.
        List<ResourceRule> leaseNamespaceRules =
                new ChartPermissions(chart, HelmChart.FULLNAME)
                        .resourceRulesIn(config.leaderElection().leaseNamespace());
        try (MockKubernetes kube = OperatorMockApi.startWithStrimzi(leaseNamespaceRules)) {
            FlinkDeployment deployed =
                    ChartLifecycle.run(
                            kube, broker, config, () -> OperatorHarness.replica(kube, config));
            List<MockKubernetes.Request> requests =
                    kube.requests().stream()
                            .filter(r -> OperatorHarness.OPERATOR_USER_AGENT.equals(r.userAgent()))
                            .toList();
            return new Lifecycle(
                    requests.stream()
                            .flatMap(r -> ApiCall.of(r.method(), r.path()).stream())
                            .toList(),
                    requests.stream()
                            .filter(r -> ApiCall.of(r.method(), r.path()).isEmpty())
                            .map(r -> r.method() + " " + r.path())
                            .toList(),
                    deployed.getMetadata().getOwnerReferences().stream()
                            .map(OwnerReference::getBlockOwnerDeletion)
                            .anyMatch(Boolean.TRUE::equals));
        }
    }

    static void assertEveryCallIsAllowed(HelmChart.Rendered chart, List<ApiCall> calls) {
        ChartPermissions permissions = new ChartPermissions(chart, HelmChart.FULLNAME);
        assertThat(calls).as("the operator's API calls").isNotEmpty();
        assertThat(calls.stream().filter(c -> !NEEDS_NO_RBAC.contains(c.permission())))
                .as("calls the chart's RBAC would refuse")
                .allSatisfy(
                        call -> assertThat(permissions.allows(call)).as(call.toString()).isTrue());
    }

    static void assertEveryGrantIsUsed(HelmChart.Rendered chart, Lifecycle run) {
        Set<ApiCall.Permission> unused = new TreeSet<>(ChartPermissions.PERMISSION_ORDER);
        unused.addAll(new ChartPermissions(chart, HelmChart.FULLNAME).granted());
        unused.removeAll(run.permissions());
        if (run.blocksOwnerDeletion()) {
            // Not an API call: with blockOwnerDeletion on an owner reference to an EventPipeline,
            // the OwnerReferencesPermissionEnforcement admission plugin checks this permission.
            unused.remove(
                    new ApiCall.Permission(
                            "eventpipeline.io", "eventpipelines/finalizers", "update"));
        }
        // Not an API call either: JOSDK refuses to start leader election unless a
        // SelfSubjectRulesReview lists update (the elector itself patches);
        // leaseUpdateIsNeededForTheOperatorToStart shows it.
        unused.remove(LEASE_UPDATE);
        assertThat(unused).as("granted but never used by the operator").isEmpty();
        assertThat(run.nonResourceCalls())
                .as("non-resource URLs: every authenticated user may read them (system:discovery)")
                .allSatisfy(call -> assertThat(call).matches("GET /(version|apis?)(/.*)?"));
    }

    static final ApiCall.Permission LEASE_UPDATE =
            new ApiCall.Permission("coordination.k8s.io", "leases", "update");

    @Test
    void leaseUpdateIsNeededForTheOperatorToStart() {
        HelmChart.Rendered chart = HelmChart.template(operatorValues(broker, ""));
        OperatorConfig.LeaderElection election = chart.operatorConfig().leaderElection();
        List<ResourceRule> withoutUpdate =
                new ChartPermissions(chart, HelmChart.FULLNAME)
                        .resourceRulesIn(election.leaseNamespace()).stream()
                                .map(
                                        rule ->
                                                new ResourceRuleBuilder(rule)
                                                        .withVerbs(
                                                                rule.getVerbs().stream()
                                                                        .filter(
                                                                                v ->
                                                                                        !v.equals(
                                                                                                "update"))
                                                                        .toList())
                                                        .build())
                                .toList();
        OperatorConfig config = ChartLifecycle.operatorConfig(chart);
        try (MockKubernetes kube = OperatorMockApi.start(withoutUpdate)) {
            assertThatThrownBy(() -> OperatorHarness.replica(kube, config).close())
                    .hasStackTraceContaining("No permission to lease resource");
        }
    }

    /**
     * JOSDK's leader election first asks what it may do; every authenticated user may ask that (the
     * system:basic-user ClusterRole), so the chart grants nothing for it.
     */
    static final Set<ApiCall.Permission> NEEDS_NO_RBAC =
            Set.of(
                    new ApiCall.Permission(
                            "authorization.k8s.io", "selfsubjectrulesreviews", "create"));
}
