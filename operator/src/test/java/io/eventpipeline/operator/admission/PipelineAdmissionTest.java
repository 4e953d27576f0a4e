package io.eventpipeline.operator.admission;

import static io.eventpipeline.operator.admission.AdmissionRequests.JSON;
import static io.eventpipeline.operator.admission.AdmissionRequests.flightDelays;
import static io.eventpipeline.operator.admission.AdmissionRequests.review;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eventpipeline.spec.PipelineDefinition;
import io.eventpipeline.spec.model.EventPipelineSpec;
import io.eventpipeline.spec.validation.InvalidPipelineException;
import io.eventpipeline.spec.validation.ValidationProblem;
import io.fabric8.kubernetes.api.model.StatusCause;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionResponse;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionReview;
import java.util.List;
import org.junit.jupiter.api.Test;

class PipelineAdmissionTest {
    private final PipelineAdmission admission = AdmissionRequests.admission();

    @Test
    void aValidPipelineIsAdmittedAndTheAnswerCarriesTheRequestsUid() {
        AdmissionReview answer =
                admission.review(review("CREATE", flightDelays("airline", "flights"), null));

        assertThat(answer.getApiVersion()).isEqualTo("admission.k8s.io/v1");
        assertThat(answer.getKind()).isEqualTo("AdmissionReview");
        assertThat(answer.getResponse().getUid()).isEqualTo("705ab4f5-6393-11e8-b7cc-42010a800002");
        assertThat(answer.getResponse().getAllowed()).isTrue();
        assertThat(answer.getResponse().getStatus()).isNull();
    }

    @Test
    void anInvalidPipelineIsRefusedWithEveryProblemTheReconcilerWouldReport() throws Exception {
        ObjectNode pipeline = broken(flightDelays("airline", "flights"));
        List<ValidationProblem> reconcilerSees = reconcilerProblems(pipeline);
        assertThat(reconcilerSees).hasSizeGreaterThanOrEqualTo(2);

        AdmissionResponse response =
                admission.review(review("CREATE", pipeline, null)).getResponse();

        assertThat(response.getAllowed()).isFalse();
        assertThat(response.getStatus().getCode()).isEqualTo(422);
        assertThat(response.getStatus().getReason()).isEqualTo("Invalid");
        assertThat(response.getStatus().getMessage())
                .startsWith("EventPipeline \"flights\" is invalid:\n");
        for (ValidationProblem problem : reconcilerSees) {
            assertThat(response.getStatus().getMessage()).contains("  " + problem);
        }
        assertThat(response.getStatus().getDetails().getCauses())
                .extracting(StatusCause::getField, StatusCause::getMessage)
                .containsExactlyElementsOf(
                        reconcilerSees.stream()
                                .map(
                                        p ->
                                                org.assertj.core.groups.Tuple.tuple(
                                                        p.path(), p.message()))
                                .toList());
    }

    @Test
    void aDryRunGetsTheSameVerdict() {
        ObjectNode request = review("CREATE", broken(flightDelays("airline", "flights")), null);
        ((ObjectNode) request.get("request")).put("dryRun", true);

        assertThat(admission.review(request).getResponse().getAllowed()).isFalse();
    }

    @Test
    void theOperatorsOwnRulesApplyToo() {
        ObjectNode pipeline = flightDelays("airline", "flights");
        ((ObjectNode) pipeline.get("spec").get("flink")).put("upgradeMode", "last-state");
        PipelineAdmission noStateDirs =
                new PipelineAdmission(
                        new io.eventpipeline.operator.reconciler.PipelineResolver(
                                        io.eventpipeline.operator.config.OperatorConfig.defaults(),
                                        new io.eventpipeline.spec.validation.PipelineValidator())
                                ::resolve,
                        (author, namespace, secret) -> true,
                        JSON);

        AdmissionResponse response =
                noStateDirs.review(review("CREATE", pipeline, null)).getResponse();

        assertThat(response.getAllowed()).isFalse();
        // Both come from the operator's configuration: no default cluster, no checkpoint dir.
        assertThat(response.getStatus().getDetails().getCauses())
                .extracting(StatusCause::getField)
                .containsExactlyInAnyOrder("spec.kafka.bootstrapServers", "spec.flink.upgradeMode");
    }

    @Test
    void anUpdateThatLeavesTheSpecAloneIsAdmittedEvenWhenTheSpecIsInvalid() {
        // A pipeline stored before the webhook, or under older rules: its finalizer and labels
        // must still change, or it could never be deleted.
        ObjectNode old = broken(flightDelays("airline", "flights"));
        ObjectNode relabelled = old.deepCopy();
        ((ObjectNode) relabelled.get("metadata")).putObject("labels").put("team", "ops");

        assertThat(admission.review(review("UPDATE", relabelled, old)).getResponse().getAllowed())
                .isTrue();
    }

    @Test
    void anUpdateThatBreaksTheSpecIsRefused() {
        ObjectNode old = flightDelays("airline", "flights");
        ObjectNode changed = broken(old.deepCopy());

        assertThat(admission.review(review("UPDATE", changed, old)).getResponse().getAllowed())
                .isFalse();
    }

    @Test
    void aPipelineBeingDeletedIsAlwaysAdmitted() {
        ObjectNode old = flightDelays("airline", "flights");
        ObjectNode deleting = broken(old.deepCopy());
        ((ObjectNode) deleting.get("metadata")).put("deletionTimestamp", "2026-12-05T10:00:00Z");

        assertThat(admission.review(review("UPDATE", deleting, old)).getResponse().getAllowed())
                .isTrue();
    }

    @Test
    void aPipelineWithoutSpecIsRefusedForIt() {
        ObjectNode pipeline = flightDelays("airline", "flights");
        pipeline.remove("spec");

        AdmissionResponse response =
                admission.review(review("CREATE", pipeline, null)).getResponse();

        assertThat(response.getStatus().getDetails().getCauses())
                .extracting(StatusCause::getField, StatusCause::getMessage)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("spec", "is required"));
    }

    @Test
    void aFieldOfTheWrongTypeIsRefusedWithItsPath() {
        ObjectNode pipeline = flightDelays("airline", "flights");
        ((ObjectNode) pipeline.get("spec").get("input")).put("partitions", "many");

        AdmissionResponse response =
                admission.review(review("CREATE", pipeline, null)).getResponse();

        assertThat(response.getAllowed()).isFalse();
        assertThat(response.getStatus().getDetails().getCauses())
                .singleElement()
                .satisfies(
                        cause -> {
                            assertThat(cause.getField()).isEqualTo("spec.input.partitions");
                            assertThat(cause.getMessage()).startsWith("cannot be read: ");
                        });
    }

    @Test
    void aGeneratedNameIsJudgedAtTheLengthTheApiServerWillGiveIt() {
        ObjectNode pipeline = flightDelays("airline", "ignored");
        ObjectNode metadata = (ObjectNode) pipeline.get("metadata");
        metadata.remove("name");
        metadata.put("generateName", "flights-");
        ObjectNode request = review("CREATE", pipeline, null);
        ((ObjectNode) request.get("request")).put("name", "");
        List<String> judged = new java.util.ArrayList<>();
        PipelineAdmission recording =
                new PipelineAdmission(
                        definition -> judged.add(definition.name()), (a, n, s) -> true, JSON);

        assertThat(recording.review(request).getResponse().getAllowed()).isTrue();
        assertThat(judged).containsExactly("flights-xxxxx");
    }

    @Test
    void aVersionThisModelCannotReadIsLetThroughWithAWarning() {
        ObjectNode request = review("CREATE", broken(flightDelays("airline", "flights")), null);
        ((ObjectNode) request.get("request").get("kind")).put("version", "v1beta1");

        AdmissionResponse response = admission.review(request).getResponse();

        assertThat(response.getAllowed()).isTrue();
        assertThat(response.getWarnings()).singleElement().asString().contains("v1beta1");
    }

    @Test
    void anythingButAPipelineIsLetThroughWithAWarning() {
        ObjectNode request = review("CREATE", flightDelays("airline", "flights"), null);
        ((ObjectNode) request.get("request").get("kind")).put("kind", "FlinkDeployment");
        ((ObjectNode) request.get("request").get("kind")).put("group", "flink.apache.org");

        AdmissionResponse response = admission.review(request).getResponse();

        assertThat(response.getAllowed()).isTrue();
        assertThat(response.getWarnings()).singleElement().asString().contains("flink.apache.org");
    }

    @Test
    void aProblemFromTheCheckReachesTheAnswerUnchanged() {
        // The webhook's verdict and the reconciler's come from one method: a problem the resolver
        // raises for any reason reaches the answer unchanged.
        PipelineAdmission refusing =
                new PipelineAdmission(
                        definition -> {
                            throw new InvalidPipelineException(
                                    List.of(new ValidationProblem("spec.x", "is refused")));
                        },
                        (author, namespace, secret) -> true,
                        JSON);
        assertThat(
                        refusing.review(review("CREATE", flightDelays("a", "b"), null))
                                .getResponse()
                                .getStatus()
                                .getMessage())
                .isEqualTo("EventPipeline \"b\" is invalid:\n  spec.x: is refused");
    }

    @Test
    void aCredentialsSecretItsAuthorMayNotReadIsRefused() {
        List<String> asked = new java.util.ArrayList<>();
        PipelineAdmission onlyOwnSecrets =
                AdmissionRequests.admission(
                        (author, namespace, secret) -> {
                            asked.add(author.getUsername() + " " + namespace + "/" + secret);
                            return secret.equals("alice-kafka");
                        });

        AdmissionResponse others =
                onlyOwnSecrets
                        .review(review("CREATE", withCredentials("billing-db"), null))
                        .getResponse();
        AdmissionResponse own =
                onlyOwnSecrets
                        .review(review("CREATE", withCredentials("alice-kafka"), null))
                        .getResponse();

        assertThat(asked).containsExactly("alice airline/billing-db", "alice airline/alice-kafka");
        assertThat(own.getAllowed()).isTrue();
        assertThat(others.getAllowed()).isFalse();
        assertThat(others.getStatus().getDetails().getCauses())
                .singleElement()
                .satisfies(
                        cause -> {
                            assertThat(cause.getField()).isEqualTo("spec.kafka.authSecretRef.name");
                            assertThat(cause.getMessage())
                                    .startsWith(
                                            "names Secret \"billing-db\", which alice may not"
                                                    + " read (get secrets in namespace airline)");
                        });
    }

    @Test
    void credentialsAreCheckedAgainWhenTheyGoToOtherBrokersButNotOnOtherEdits() {
        List<String> asked = new java.util.ArrayList<>();
        PipelineAdmission nobodyMayRead =
                AdmissionRequests.admission(
                        (author, namespace, secret) -> {
                            asked.add(secret);
                            return false;
                        });
        ObjectNode before = withCredentials("team-kafka");
        ObjectNode patternEdit = before.deepCopy();
        ((ObjectNode) patternEdit.at("/spec/patterns/0/steps/0"))
                .put("where", "event.type == 'DELAY' && event.minutes >= 45");
        ObjectNode redirected = before.deepCopy();
        ((ObjectNode) redirected.at("/spec/kafka"))
                .put("bootstrapServers", "attacker.example:9092");

        assertThat(
                        nobodyMayRead
                                .review(review("UPDATE", patternEdit, before))
                                .getResponse()
                                .getAllowed())
                .isTrue();
        assertThat(asked).isEmpty();
        assertThat(
                        nobodyMayRead
                                .review(review("UPDATE", redirected, before))
                                .getResponse()
                                .getAllowed())
                .isFalse();
        assertThat(asked).containsExactly("team-kafka");
    }

    @Test
    void everySecretOfStoresSaslAndStrimziIsChecked() {
        List<String> asked = new java.util.ArrayList<>();
        PipelineAdmission onlyTheCa =
                AdmissionRequests.admission(
                        (author, namespace, secret) -> {
                            asked.add(secret);
                            return secret.equals("kafka-ca");
                        });
        ObjectNode stores = flightDelays("airline", "flights");
        ObjectNode kafka = ((ObjectNode) stores.get("spec")).putObject("kafka");
        kafka.put("bootstrapServers", "kafka.airline:9093");
        ObjectNode tls = kafka.putObject("tls");
        tls.putObject("truststore")
                .put("secretName", "kafka-ca")
                .put("key", "ca.p12")
                .put("type", "PKCS12")
                .put("passwordKey", "ca.password");
        tls.putObject("keystore")
                .put("secretName", "app-user")
                .put("key", "user.p12")
                .put("type", "PKCS12")
                .put("passwordKey", "user.password");
        kafka.putObject("sasl")
                .put("mechanism", "SCRAM-SHA-512")
                .putObject("jaasConfig")
                .put("secretName", "app-jaas")
                .put("key", "sasl.jaas.config");

        AdmissionResponse response = onlyTheCa.review(review("CREATE", stores, null)).getResponse();

        assertThat(asked).containsExactly("kafka-ca", "app-user", "app-jaas");
        assertThat(response.getAllowed()).isFalse();
        assertThat(response.getStatus().getDetails().getCauses())
                .extracting(c -> c.getField())
                .containsExactly(
                        "spec.kafka.tls.keystore.secretName",
                        "spec.kafka.sasl.jaasConfig.secretName");

        asked.clear();
        ObjectNode strimzi = flightDelays("airline", "flights");
        ((ObjectNode) strimzi.get("spec"))
                .putObject("kafka")
                .put("bootstrapServers", "prod-kafka-bootstrap:9093")
                .putObject("strimzi")
                .put("cluster", "prod")
                .put("user", "app")
                .put("authentication", "tls");
        AdmissionResponse strimziResponse =
                onlyTheCa.review(review("CREATE", strimzi, null)).getResponse();
        assertThat(asked).containsExactly("prod-cluster-ca-cert", "app");
        assertThat(strimziResponse.getStatus().getDetails().getCauses())
                .extracting(c -> c.getField() + " " + c.getMessage())
                .anySatisfy(
                        c ->
                                assertThat(c)
                                        .startsWith(
                                                "spec.kafka.strimzi.cluster names Secret"
                                                        + " \"prod-cluster-ca-cert\""))
                .anySatisfy(
                        c ->
                                assertThat(c)
                                        .startsWith(
                                                "spec.kafka.strimzi.user names Secret \"app\""));
    }

    @Test
    void credentialsThatCannotBeCheckedAreRefusedAndSaySo() {
        PipelineAdmission noAnswer =
                AdmissionRequests.admission(
                        (author, namespace, secret) -> {
                            throw new io.fabric8.kubernetes.client.KubernetesClientException(
                                    "connection refused");
                        });

        AdmissionResponse response =
                noAnswer.review(review("CREATE", withCredentials("team-kafka"), null))
                        .getResponse();

        assertThat(response.getAllowed()).isFalse();
        assertThat(response.getStatus().getMessage())
                .contains(
                        "spec.kafka.authSecretRef.name: cannot be checked now (the API server did"
                                + " not say whether alice may read Secret \"team-kafka\")");
    }

    private static ObjectNode withCredentials(String secret) {
        ObjectNode pipeline = flightDelays("airline", "flights");
        ObjectNode kafka = ((ObjectNode) pipeline.get("spec")).putObject("kafka");
        kafka.put("bootstrapServers", "kafka.airline:9092");
        kafka.putObject("authSecretRef").put("name", secret);
        return pipeline;
    }

    /** Two problems: a condition that does not compile and an output topic without a name. */
    private static ObjectNode broken(ObjectNode pipeline) {
        ObjectNode step =
                (ObjectNode) pipeline.get("spec").get("patterns").get(0).get("steps").get(0);
        step.put("where", "event.type ==");
        ((ObjectNode) pipeline.get("spec").get("output")).put("topic", "");
        return pipeline;
    }

    private static List<ValidationProblem> reconcilerProblems(ObjectNode pipeline)
            throws Exception {
        try {
            AdmissionRequests.resolver()
                    .resolve(
                            new PipelineDefinition(
                                    pipeline.get("metadata").get("name").asText(),
                                    pipeline.get("metadata").get("namespace").asText(),
                                    JSON.treeToValue(
                                            pipeline.get("spec"), EventPipelineSpec.class)));
            return List.of();
        } catch (InvalidPipelineException e) {
            return e.problems();
        }
    }
}
