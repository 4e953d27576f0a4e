package io.eventpipeline.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.eventpipeline.kafka.embedded.EmbeddedKafkaBroker;
import io.eventpipeline.kafka.embedded.SecureListener;
import io.eventpipeline.operator.api.EventPipeline;
import io.eventpipeline.operator.api.Phase;
import io.eventpipeline.operator.api.StatusCondition;
import io.eventpipeline.operator.api.UpgradeSummary;
import io.eventpipeline.operator.config.OperatorConfig;
import io.eventpipeline.operator.flink.UpgradeReview;
import io.eventpipeline.operator.testing.OperatorHarness;
import io.eventpipeline.operator.testing.OperatorMockApi;
import io.eventpipeline.operator.testing.PipelineStatus;
import io.eventpipeline.operator.testing.Pipelines;
import io.eventpipeline.operator.topics.AdminFactory;
import io.eventpipeline.testsupport.kubernetes.MockKubernetes;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.flink.kubernetes.operator.api.FlinkDeployment;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A changed credentials Secret reaches the pipelines that use it: the watch on it reconciles them
 * at once (the periodic resync is out of reach here), their FlinkDeployment gets a new credentials
 * fingerprint and nothing else, the status and an Event say why, and the operator's own Kafka
 * client is made anew with the new credentials. An unchanged Secret writes nothing. The broker
 * authenticates with SCRAM, whose passwords change while it runs; each test has its own user.
 */
class KafkaCredentialsRotationIT {
    static final String NS = "secure";
    static final SecureListener SCRAM = SecureListener.SASL_PLAINTEXT_SCRAM;

    static EmbeddedKafkaBroker broker;
    static MockKubernetes kube;
    static OperatorHarness harness;
    static final List<Map<String, Object>> adminConfigs = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() {
        broker =
                EmbeddedKafkaBroker.builder()
                        .secureListeners(SCRAM)
                        .scramUsers(
                                Map.of(
                                        "rotating", "first-password",
                                        "resting", "resting-password",
                                        "shared", "shared-password",
                                        "shared-next", "shared-next-password",
                                        "orphan", "orphan-password"))
                        .build()
                        .start();
        kube = OperatorMockApi.start();
        Map<String, String> env = OperatorHarness.environment(broker);
        env.put("EP_RESYNC_INTERVAL", "10m");
        AdminFactory recording =
                config -> {
                    adminConfigs.add(config);
                    return AdminFactory.KAFKA.create(config);
                };
        harness = OperatorHarness.replica(kube, OperatorConfig.fromEnvironment(env), recording);
    }

    @AfterAll
    static void stop() {
        harness.close();
        kube.close();
        broker.close();
    }

    @Test
    void aRotatedPasswordRestartsTheJobOnceWithItsStateAndANewAdminClient() {
        secret("rotating-client", "rotating", "first-password");
        harness.applyRunning(pipeline("rotated", "rotating-client"), NS, "rotated");
        FlinkDeployment before = harness.flinkDeployment(NS, "rotated");
        String fingerprint = fingerprint(before);
        assertThat(fingerprint).startsWith("hmac-sha256:");

        setBrokerPassword("rotating", "second-password");
        int mark = kube.requests().size();
        secret("rotating-client", "rotating", "second-password");

        await().atMost(OperatorHarness.WAIT)
                .until(
                        () ->
                                !fingerprint.equals(
                                        fingerprint(harness.flinkDeployment(NS, "rotated"))));
        await().during(Duration.ofSeconds(2))
                .atMost(OperatorHarness.WAIT)
                .untilAsserted(() -> assertThat(deploymentWrites(mark, "rotated")).isEqualTo(1));
        FlinkDeployment after = harness.flinkDeployment(NS, "rotated");
        assertThat(tree(UpgradeReview.withoutCredentials(after.getSpec())))
                .as("nothing but the fingerprint changed")
                .isEqualTo(tree(UpgradeReview.withoutCredentials(before.getSpec())));

        UpgradeSummary upgrade = harness.get(NS, "rotated").getStatus().getLastUpgrade();
        assertThat(upgrade.getReason())
                .isEqualTo("Kafka credentials changed (Secret rotating-client)");
        assertThat(upgrade.getInputOffsets()).isEqualTo("Kept");
        assertThat(upgrade.getPatterns())
                .allSatisfy(p -> assertThat(p.getState()).isEqualTo("Kept"));
        assertThat(upgradingEvents("rotated"))
                .singleElement()
                .satisfies(
                        e ->
                                assertThat(e.getMessage())
                                        .startsWith(
                                                "Kafka credentials changed (Secret"
                                                        + " rotating-client): ")
                                        .doesNotContain("password"));

        assertThat(adminConfigs)
                .as("the operator's Kafka client was made anew with the new password")
                .anySatisfy(
                        c ->
                                assertThat(String.valueOf(c.get("sasl.jaas.config")))
                                        .contains("second-password"));
        EventPipeline pipeline = harness.get(NS, "rotated");
        assertThat(PipelineStatus.condition(pipeline, "TopicsReady").getStatus()).isEqualTo("True");
        assertThat(Serialization.asYaml(after) + Serialization.asYaml(pipeline))
                .doesNotContain("second-password")
                .doesNotContain("first-password");
    }

    @Test
    void theOperatorReadsAndWatchesSecretsOnlyByName() {
        secret("named-client", "resting", "resting-password");
        harness.applyRunning(pipeline("named", "named-client"), NS, "named");
        List<String> secretRequests =
                kube.requests().stream()
                        .filter(r -> OperatorHarness.OPERATOR_USER_AGENT.equals(r.userAgent()))
                        .filter(r -> r.path().contains("/secrets"))
                        .map(r -> r.method() + " " + r.path())
                        .toList();
        assertThat(secretRequests)
                .as("a watch of the Secret, by name")
                .anyMatch(r -> r.contains("watch=true"))
                .allSatisfy(
                        r ->
                                assertThat(r)
                                        .matches(
                                                "GET /api/v1/namespaces/"
                                                        + NS
                                                        + "/secrets(/[a-z-]+|\\?.*"
                                                        + "fieldSelector=metadata\\.name%3D[a-z-]+.*)"));
    }

    @Test
    void anUnchangedSecretWritesNothingEvenWhenItsMetadataChanges() {
        secret("resting-client", "resting", "resting-password");
        harness.applyRunning(pipeline("resting", "resting-client"), NS, "resting");
        int mark = kube.requests().size();
        long reconciles = reconciles("resting");
        await().during(Duration.ofSeconds(3))
                .atMost(OperatorHarness.WAIT)
                .untilAsserted(() -> assertThat(reconciles("resting")).isEqualTo(reconciles));

        harness.client()
                .secrets()
                .inNamespace(NS)
                .withName("resting-client")
                .edit(
                        s ->
                                new SecretBuilder(s)
                                        .editMetadata()
                                        .addToLabels("team", "a")
                                        .endMetadata()
                                        .build());
        await().atMost(OperatorHarness.WAIT).until(() -> reconciles("resting") > reconciles);
        await().during(Duration.ofSeconds(2))
                .atMost(OperatorHarness.WAIT)
                .untilAsserted(() -> assertThat(operatorWrites(mark)).isEmpty());
    }

    @Test
    void aSecretSharedByTwoPipelinesRestartsBoth() {
        secret("shared-client", "shared", "shared-password");
        harness.applyRunning(pipeline("shared-a", "shared-client"), NS, "shared-a");
        harness.applyRunning(pipeline("shared-b", "shared-client"), NS, "shared-b");
        String a = fingerprint(harness.flinkDeployment(NS, "shared-a"));
        String b = fingerprint(harness.flinkDeployment(NS, "shared-b"));
        assertThat(a).as("keyed per pipeline").isNotEqualTo(b);

        secret("shared-client", "shared-next", "shared-next-password");

        await().atMost(OperatorHarness.WAIT)
                .untilAsserted(
                        () -> {
                            assertThat(fingerprint(harness.flinkDeployment(NS, "shared-a")))
                                    .isNotEqualTo(a);
                            assertThat(fingerprint(harness.flinkDeployment(NS, "shared-b")))
                                    .isNotEqualTo(b);
                        });
    }

    @Test
    void aDeletedSecretIsNamedAndItsReturnIsNoticed() {
        secret("orphan-client", "orphan", "orphan-password");
        harness.applyRunning(pipeline("orphan", "orphan-client"), NS, "orphan");

        harness.client().secrets().inNamespace(NS).withName("orphan-client").delete();
        EventPipeline degraded = harness.awaitPhase(NS, "orphan", Phase.Degraded);
        StatusCondition topicsReady = PipelineStatus.condition(degraded, "TopicsReady");
        assertThat(topicsReady.getReason()).isEqualTo("AuthSecretNotFound");
        assertThat(topicsReady.getMessage()).contains(NS + "/orphan-client");

        // Retries back off; the watch sees the Secret come back at once.
        secret("orphan-client", "orphan", "orphan-password");
        harness.awaitPhase(NS, "orphan", Phase.Running);
    }

    static void secret(String name, String user, String password) {
        harness.client()
                .secrets()
                .inNamespace(NS)
                .resource(
                        new SecretBuilder()
                                .withNewMetadata()
                                .withName(name)
                                .withNamespace(NS)
                                .endMetadata()
                                .addToStringData("security.protocol", SCRAM.securityProtocol())
                                .addToStringData("sasl.mechanism", SecureListener.SCRAM_MECHANISM)
                                .addToStringData(
                                        "sasl.jaas.config",
                                        "org.apache.kafka.common.security.scram.ScramLoginModule"
                                                + " required username=\""
                                                + user
                                                + "\" password=\""
                                                + password
                                                + "\";")
                                .build())
                .createOr(r -> r.update());
    }

    static String pipeline(String name, String secret) {
        return Pipelines.flightDelays(NS, name)
                .replace(
                        "spec:\n  input:",
                        "spec:\n  kafka:\n    bootstrapServers: "
                                + broker.bootstrapServers(SCRAM)
                                + "\n    authSecretRef: {name: "
                                + secret
                                + "}\n  input:");
    }

    /** Changes a SCRAM user's password on the broker, as a rotation by its admin would. */
    static void setBrokerPassword(String user, String password) {
        try (Admin admin = Admin.create(broker.clientConfig())) {
            admin.alterUserScramCredentials(
                            List.of(
                                    new UserScramCredentialUpsertion(
                                            user,
                                            new ScramCredentialInfo(
                                                    ScramMechanism.SCRAM_SHA_512, 4096),
                                            password)))
                    .all()
                    .get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String fingerprint(FlinkDeployment deployment) {
        return UpgradeReview.credentialsOf(deployment.getSpec());
    }

    /** The operator's writes of this pipeline's FlinkDeployment since request {@code mark}. */
    static long deploymentWrites(int mark, String name) {
        return operatorWrites(mark).stream()
                .filter(r -> r.path().contains("/flinkdeployments/" + name))
                .count();
    }

    /** Every request by the operator since {@code mark} that changes something. */
    static List<MockKubernetes.Request> operatorWrites(int mark) {
        List<MockKubernetes.Request> all = kube.requests();
        return all.subList(mark, all.size()).stream()
                .filter(r -> OperatorHarness.OPERATOR_USER_AGENT.equals(r.userAgent()))
                .filter(r -> !r.method().equals("GET"))
                .toList();
    }

    static List<Event> upgradingEvents(String name) {
        return harness.client().v1().events().inNamespace(NS).list().getItems().stream()
                .filter(e -> "Upgrading".equals(e.getReason()))
                .filter(e -> name.equals(e.getInvolvedObject().getName()))
                .toList();
    }

    static long reconciles(String name) {
        return harness.registry().find("operator.sdk.reconciliations.started").counters().stream()
                .filter(c -> c.getId().getTags().stream().anyMatch(t -> name.equals(t.getValue())))
                .mapToLong(c -> (long) c.count())
                .sum();
    }

    static Object tree(Object value) {
        return Serialization.jsonMapper().valueToTree(value);
    }
}
