package io.eventpipeline.operator.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.eventpipeline.kafka.embedded.EmbeddedKafkaBroker;
import io.eventpipeline.operator.api.EventPipeline;
import io.eventpipeline.operator.api.Phase;
import io.eventpipeline.operator.config.OperatorConfig;
import io.eventpipeline.operator.testing.KafkaTopics;
import io.eventpipeline.operator.testing.MockKubernetes;
import io.eventpipeline.operator.testing.OperatorHarness;
import io.eventpipeline.operator.testing.PipelineStatus;
import io.eventpipeline.operator.testing.Pipelines;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.ResourceRule;
import io.fabric8.kubernetes.api.model.authorization.v1.ResourceRuleBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.kubernetes.operator.api.FlinkDeployment;
import org.apache.flink.kubernetes.operator.api.spec.JobState;
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
    static final String PIPELINES = "shop";

    static EmbeddedKafkaBroker broker;

    @BeforeAll
    static void start() {
        broker =
                EmbeddedKafkaBroker.builder()
                        .saslPlainUsers(Map.of("pipelines", "secret-password"))
                        .build()
                        .start();
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    @Test
    void clusterWideRulesAreExactlyWhatTheOperatorUses() {
        HelmChart.Rendered chart = HelmChart.template(operatorValues(""));
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
                HelmChart.template(operatorValues("watchNamespaces: [" + PIPELINES + "]\n"));
        Lifecycle run = runLifecycle(chart);

        // Roles only: a cluster-scoped call (beyond the rules self-check) would be refused.
        assertThat(run.calls())
                .filteredOn(c -> !NEEDS_NO_RBAC.contains(c.permission()))
                .allSatisfy(c -> assertThat(c.namespace()).isIn(PIPELINES, HelmChart.NAMESPACE));
        assertThat(new ChartPermissions(chart, HelmChart.FULLNAME).granted())
                .as("Roles grant what the ClusterRole would")
                .isEqualTo(
                        new ChartPermissions(
                                        HelmChart.template(operatorValues("")), HelmChart.FULLNAME)
                                .granted());
        assertEveryCallIsAllowed(chart, run.calls());
        assertEveryGrantIsUsed(chart, run);
    }

    /** Chart values for an operator against the test broker, with leader election (2 replicas). */
    static String operatorValues(String more) {
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

    /**
     * Create (credentials from a Secret), Running via the Flink operator's status, a pattern
     * update, suspend, a restarted operator resuming it, and delete with and without topic
     * deletion; Events throughout (a repeated one included) and a Lease held.
     */
    static Lifecycle runLifecycle(HelmChart.Rendered chart) {
        OperatorConfig rendered = chart.operatorConfig();
        OperatorConfig.LeaderElection election = rendered.leaderElection();
        assertThat(election).isNotNull();
        // In a test JVM a lost lease must not end the process; everything else is as rendered.
        OperatorConfig config =
                rendered.withLeaderElection(
                        new OperatorConfig.LeaderElection(
                                election.leaseName(),
                                election.leaseNamespace(),
                                election.identity(),
                                false));
        // The operator's start-up permission check is answered from the chart's own rules.
        List<ResourceRule> leaseNamespaceRules =
                new ChartPermissions(chart, HelmChart.FULLNAME)
                        .resourceRulesIn(election.leaseNamespace());
        try (MockKubernetes kube = new MockKubernetes(leaseNamespaceRules);
                OperatorHarness harness = OperatorHarness.replica(kube, config);
                KafkaTopics kafka = new KafkaTopics(broker.clientConfig())) {
            kafkaSecret(harness);
            String secured =
                    Pipelines.flightDelays(PIPELINES, "checkout")
                            .replace(
                                    "spec:\n  input:",
                                    "spec:\n  kafka:\n    bootstrapServers: "
                                            + broker.saslBootstrapServers()
                                            + "\n"
                                            + "    authSecretRef: {name: kafka-client}\n"
                                            + "  input:");
            harness.applyRunning(secured, PIPELINES, "checkout");
            FlinkDeployment deployed = harness.flinkDeployment(PIPELINES, "checkout");

            harness.apply(secured.replace("event.minutes >= 30", "event.minutes >= 45"));
            await().atMost(OperatorHarness.WAIT)
                    .until(
                            () ->
                                    !harness.flinkDeployment(PIPELINES, "checkout")
                                            .getSpec()
                                            .getJob()
                                            .getArgs()[2]
                                            .equals(deployed.getSpec().getJob().getArgs()[2]));

            harness.apply(
                    secured.replace("event.minutes >= 30", "event.minutes >= 45")
                            .replace("suspend: false", "suspend: true"));
            await().atMost(OperatorHarness.WAIT)
                    .until(
                            () ->
                                    harness.flinkDeployment(PIPELINES, "checkout")
                                                    .getSpec()
                                                    .getJob()
                                                    .getState()
                                            == JobState.SUSPENDED);
            harness.reportJob(PIPELINES, "checkout", JobStatus.SUSPENDED);
            harness.awaitPhase(PIPELINES, "checkout", Phase.Suspended);

            // A successor (a restart, a new leader) resumes it: the PhaseRunning Event its
            // predecessor wrote is counted on (create refused, read, patch).
            harness.closeOperatorOnly();
            try (OperatorHarness successor = OperatorHarness.replica(kube, config)) {
                harness.apply(secured.replace("event.minutes >= 30", "event.minutes >= 45"));
                await().atMost(OperatorHarness.WAIT)
                        .until(
                                () ->
                                        harness.flinkDeployment(PIPELINES, "checkout")
                                                        .getSpec()
                                                        .getJob()
                                                        .getState()
                                                == JobState.RUNNING);
                harness.reportJob(PIPELINES, "checkout", JobStatus.RUNNING);
                harness.awaitPhase(PIPELINES, "checkout", Phase.Running);
                assertThat(runningEvents(harness)).extracting(Event::getCount).containsExactly(2);

                harness.apply(
                        Pipelines.flightDelays(PIPELINES, "purge")
                                .replace(
                                        "topicDeletionPolicy: Retain",
                                        "topicDeletionPolicy: Delete"));
                harness.awaitPhase(PIPELINES, "purge", Phase.Deploying);
                delete(harness, "purge");
                assertThat(harness.flinkDeployment(PIPELINES, "purge")).isNull();
                await().atMost(OperatorHarness.WAIT)
                        .until(() -> !kafka.names().contains("purge-events"));
                // Retained topics, no finalizer: its FlinkDeployment goes by garbage collection.
                delete(harness, "checkout");

                assertThat(PipelineStatus.eventReasons(harness.client(), PIPELINES, "checkout"))
                        .contains("PhaseRunning", "PhaseSuspended");
                Lease lease =
                        harness.client()
                                .leases()
                                .inNamespace(election.leaseNamespace())
                                .withName(election.leaseName())
                                .get();
                assertThat(lease.getSpec().getHolderIdentity()).isEqualTo(HelmChart.POD_NAME);

                List<MockKubernetes.Request> requests =
                        harness.kube().requests().stream()
                                .filter(
                                        r ->
                                                OperatorHarness.OPERATOR_USER_AGENT.equals(
                                                        r.userAgent()))
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
    }

    /** The checkout pipeline's PhaseRunning Events: one, however often it became Running. */
    static List<Event> runningEvents(OperatorHarness harness) {
        return harness.client().v1().events().inNamespace(PIPELINES).list().getItems().stream()
                .filter(e -> "PhaseRunning".equals(e.getReason()))
                .filter(e -> "checkout".equals(e.getInvolvedObject().getName()))
                .toList();
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
        HelmChart.Rendered chart = HelmChart.template(operatorValues(""));
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
        OperatorConfig config =
                chart.operatorConfig()
                        .withLeaderElection(
                                new OperatorConfig.LeaderElection(
                                        election.leaseName(),
                                        election.leaseNamespace(),
                                        election.identity(),
                                        false));
        try (MockKubernetes kube = new MockKubernetes(withoutUpdate)) {
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

    static void kafkaSecret(OperatorHarness harness) {
        harness.client()
                .secrets()
                .inNamespace(PIPELINES)
                .resource(
                        new SecretBuilder()
                                .withNewMetadata()
                                .withName("kafka-client")
                                .withNamespace(PIPELINES)
                                .endMetadata()
                                .addToStringData("security.protocol", "SASL_PLAINTEXT")
                                .addToStringData("sasl.mechanism", "PLAIN")
                                .addToStringData(
                                        "sasl.jaas.config",
                                        "org.apache.kafka.common.security.plain.PlainLoginModule"
                                                + " required username=\"pipelines\""
                                                + " password=\"secret-password\";")
                                .build())
                .create();
    }

    static void delete(OperatorHarness harness, String name) {
        harness.client()
                .resources(EventPipeline.class)
                .inNamespace(PIPELINES)
                .withName(name)
                .delete();
        await().atMost(OperatorHarness.WAIT).until(() -> harness.get(PIPELINES, name) == null);
    }
}
