package io.eventpipeline.operator.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.eventpipeline.kafka.embedded.EmbeddedKafkaBroker;
import io.eventpipeline.operator.admission.AdmissionRequests;
import io.eventpipeline.operator.admission.CredentialAccess;
import io.eventpipeline.operator.admission.PipelineAdmission;
import io.eventpipeline.operator.api.EventPipeline;
import io.eventpipeline.operator.api.Phase;
import io.eventpipeline.operator.config.OperatorConfig;
import io.eventpipeline.operator.flink.UpgradeReview;
import io.eventpipeline.operator.reconciler.PipelineResolver;
import io.eventpipeline.operator.testing.OperatorHarness;
import io.eventpipeline.operator.testing.PipelineStatus;
import io.eventpipeline.operator.testing.Pipelines;
import io.eventpipeline.operator.testing.SessionClusters;
import io.eventpipeline.operator.testing.StrimziTopicOperator;
import io.eventpipeline.spec.validation.PipelineValidator;
import io.eventpipeline.testsupport.kafka.KafkaTopics;
import io.eventpipeline.testsupport.kubernetes.KubernetesApi;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.kubernetes.operator.api.FlinkDeployment;
import org.apache.flink.kubernetes.operator.api.FlinkSessionJob;
import org.apache.flink.kubernetes.operator.api.spec.JobState;

/**
 * The pipeline lifecycle the chart's RBAC is judged by, run by the operator as the chart configures
 * it: create (credentials from a Secret), Running via the Flink operator's status, a pattern
 * update, a rotation of the credentials Secret, suspend, a restarted operator resuming it, delete
 * with and without topic deletion (the finalizer), and a pipeline whose topics Strimzi manages
 * (KafkaTopics), a pipeline on a session cluster (a FlinkSessionJob); Events throughout (a repeated
 * one included) and a Lease held; and the admission webhook's access review of the credentials
 * Secret the pipeline names. The same steps run against the mock ({@link ChartRbacIT}, which
 * compares the calls with the chart's rules) and a real API server ({@link ChartRbacRealApiIT},
 * whose authorizer judges them).
 */
final class ChartLifecycle {
    static final String PIPELINES = "shop";

    /**
     * The broker's SASL/PLAIN users; a rotation moves the pipeline from the first to the second.
     */
    static final Map<String, String> KAFKA_USERS =
            Map.of("pipelines", "secret-password", "pipelines-next", "next-password");

    private ChartLifecycle() {}

    /**
     * The chart's operator configuration, except that in a test JVM a lost lease must not end the
     * process.
     */
    static OperatorConfig operatorConfig(HelmChart.Rendered chart) {
        OperatorConfig rendered = chart.operatorConfig();
        OperatorConfig.LeaderElection election = rendered.leaderElection();
        assertThat(election).isNotNull();
        return rendered.withLeaderElection(
                new OperatorConfig.LeaderElection(
                        election.leaseName(),
                        election.leaseNamespace(),
                        election.identity(),
                        false));
    }

    /**
     * Runs the lifecycle; {@code replicas} starts an operator replica (twice: the second is the
     * restarted one). Returns the FlinkDeployment as first deployed.
     */
    static FlinkDeployment run(
            KubernetesApi kube,
            EmbeddedKafkaBroker broker,
            OperatorConfig config,
            Supplier<OperatorHarness> replicas) {
        kube.createNamespace(HelmChart.NAMESPACE);
        kube.createNamespace(PIPELINES);
        OperatorConfig.LeaderElection election = config.leaderElection();
        try (OperatorHarness harness = replicas.get();
                KafkaTopics kafka = new KafkaTopics(broker.clientConfig())) {
            kafkaSecret(harness, "pipelines");
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
            admitAsTheWebhook(harness, config, secured);

            harness.apply(secured.replace("event.minutes >= 30", "event.minutes >= 45"));
            await().atMost(OperatorHarness.WAIT)
                    .until(
                            () ->
                                    !harness.flinkDeployment(PIPELINES, "checkout")
                                            .getSpec()
                                            .getJob()
                                            .getArgs()[2]
                                            .equals(deployed.getSpec().getJob().getArgs()[2]));

            // A rotated credentials Secret restarts the job: its watch by name reconciles at once.
            String fingerprint = credentialsFingerprint(harness);
            kafkaSecret(harness, "pipelines-next");
            await().atMost(OperatorHarness.WAIT)
                    .until(() -> !fingerprint.equals(credentialsFingerprint(harness)));

            harness.apply(
                    secured.replace("event.minutes >= 30", "event.minutes >= 45")
                            .replace("suspend: false", "suspend: true"));
            awaitJobState(harness, JobState.SUSPENDED);
            harness.reportJob(PIPELINES, "checkout", JobStatus.SUSPENDED);
            harness.awaitPhase(PIPELINES, "checkout", Phase.Suspended);

            // A successor (a restart, a new leader) resumes it: the PhaseRunning Event its
            // predecessor wrote is counted on (create refused, read, patch).
            harness.closeOperatorOnly();
            try (OperatorHarness successor = replicas.get()) {
                harness.apply(secured.replace("event.minutes >= 30", "event.minutes >= 45"));
                awaitJobState(harness, JobState.RUNNING);
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

                strimziTopics(harness);
                sessionJob(harness);

                assertThat(PipelineStatus.eventReasons(harness.client(), PIPELINES, "checkout"))
                        .contains("PhaseRunning", "PhaseSuspended");
                Lease lease =
                        harness.client()
                                .leases()
                                .inNamespace(election.leaseNamespace())
                                .withName(election.leaseName())
                                .get();
                assertThat(lease.getSpec().getHolderIdentity()).isEqualTo(HelmChart.POD_NAME);
            }
            return deployed;
        }
    }

    /**
     * Topics Strimzi manages: KafkaTopics created, one raised, and deleted with their pipeline
     * (topicDeletionPolicy Delete), with the test playing Strimzi's Topic Operator.
     */
    private static void strimziTopics(OperatorHarness harness) {
        StrimziTopicOperator strimzi = new StrimziTopicOperator(harness.client());
        String stock =
                Pipelines.flightDelays(PIPELINES, "stock")
                        .replace("topicDeletionPolicy: Retain", "topicDeletionPolicy: Delete")
                        .replace(
                                "spec:\n  input:",
                                "spec:\n  kafka:\n    topics: {management: strimzi,"
                                        + " strimziCluster: events}\n  input:");
        harness.apply(stock);
        List<String> topics = List.of("stock-events", "stock-alerts", "stock-dlq");
        topics.forEach(topic -> strimzi.ready(PIPELINES, topic));
        harness.awaitPhase(PIPELINES, "stock", Phase.Deploying);
        harness.apply(stock.replace("partitions: 3", "partitions: 4"));
        await().atMost(OperatorHarness.WAIT)
                .until(() -> strimzi.get(PIPELINES, "stock-alerts").getSpec().getPartitions() == 4);
        delete(harness, "stock");
        assertThat(strimzi.list(PIPELINES))
                .extracting(t -> t.getMetadata().getName())
                .doesNotContainAnyElementsOf(topics);
    }

    /**
     * A pipeline on a session cluster: its FlinkSessionJob created, changed by a pattern update and
     * deleted with the pipeline (topicDeletionPolicy Delete, so by the operator).
     */
    private static void sessionJob(OperatorHarness harness) {
        SessionClusters.create(harness.client(), PIPELINES, "shared");
        String shared =
                SessionClusters.onSessionCluster(
                                Pipelines.flightDelays(PIPELINES, "shared-job"), "shared")
                        .replace("topicDeletionPolicy: Retain", "topicDeletionPolicy: Delete");
        harness.apply(shared);
        harness.awaitPhase(PIPELINES, "shared-job", Phase.Deploying);
        FlinkSessionJob first =
                SessionClusters.sessionJob(harness.client(), PIPELINES, "shared-job");
        harness.apply(shared.replace("event.minutes >= 30", "event.minutes >= 45"));
        await().atMost(OperatorHarness.WAIT)
                .until(
                        () ->
                                !SessionClusters.sessionJob(
                                                harness.client(), PIPELINES, "shared-job")
                                        .getSpec()
                                        .getJob()
                                        .getArgs()[2]
                                        .equals(first.getSpec().getJob().getArgs()[2]));
        delete(harness, "shared-job");
        assertThat(SessionClusters.sessionJob(harness.client(), PIPELINES, "shared-job")).isNull();
    }

    private static void awaitJobState(OperatorHarness harness, JobState state) {
        await().atMost(OperatorHarness.WAIT)
                .until(
                        () ->
                                harness.flinkDeployment(PIPELINES, "checkout")
                                                .getSpec()
                                                .getJob()
                                                .getState()
                                        == state);
    }

    /** The checkout pipeline's PhaseRunning Events: one, however often it became Running. */
    static List<Event> runningEvents(OperatorHarness harness) {
        return harness.client().v1().events().inNamespace(PIPELINES).list().getItems().stream()
                .filter(e -> "PhaseRunning".equals(e.getReason()))
                .filter(e -> "checkout".equals(e.getInvolvedObject().getName()))
                .toList();
    }

    /**
     * What the chart's webhook does with the operator's rights on a create naming a credentials
     * Secret: it asks whether the author may read that Secret.
     */
    static void admitAsTheWebhook(OperatorHarness harness, OperatorConfig config, String yaml) {
        new PipelineAdmission(
                        new PipelineResolver(config, new PipelineValidator())::resolve,
                        CredentialAccess.reviewedBy(harness.operatorClient()),
                        AdmissionRequests.JSON)
                .review(
                        AdmissionRequests.review(
                                "CREATE",
                                AdmissionRequests.JSON.valueToTree(
                                        harness.client()
                                                .getKubernetesSerialization()
                                                .unmarshal(yaml, EventPipeline.class)),
                                null));
    }

    static String credentialsFingerprint(OperatorHarness harness) {
        return UpgradeReview.credentialsOf(
                harness.flinkDeployment(PIPELINES, "checkout").getSpec());
    }

    /** Creates or replaces the pipeline's credentials Secret, logging in as {@code user}. */
    static void kafkaSecret(OperatorHarness harness, String user) {
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
                                                + " required username=\""
                                                + user
                                                + "\" password=\""
                                                + KAFKA_USERS.get(user)
                                                + "\";")
                                .build())
                .createOr(r -> r.update());
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
