package io.eventpipeline.operator.chart;

import static io.eventpipeline.operator.chart.HelmChart.FULLNAME;
import static io.eventpipeline.operator.chart.HelmChart.NAMESPACE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import io.eventpipeline.operator.admission.WebhookServer;
import io.eventpipeline.operator.config.WebhookConfig;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MatchCondition;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhook;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import java.io.ByteArrayInputStream;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The chart's admission webhook: certificate, Service, registration and the operator's side. */
class WebhookChartTest {
    static final String SERVICE = FULLNAME + "-webhook";
    static final String SECRET = FULLNAME + "-webhook-tls";

    @Test
    void theGeneratedCertificateIsSignedByTheCaBundleForTheServicesName() throws Exception {
        HelmChart.Rendered rendered = HelmChart.template("");
        Secret secret = rendered.named(Secret.class, SECRET);
        assertThat(secret.getType()).isEqualTo("kubernetes.io/tls");
        X509Certificate ca = certificate(secret.getData().get("ca.crt"));
        X509Certificate served = certificate(secret.getData().get("tls.crt"));
        ValidatingWebhook webhook = webhook(rendered);

        // What the API server checks: the caBundle signs the served certificate, for the DNS
        // name it calls (<service>.<namespace>.svc).
        assertThat(webhook.getClientConfig().getCaBundle())
                .isEqualTo(secret.getData().get("ca.crt"));
        served.verify(ca.getPublicKey());
        served.checkValidity();
        assertThat(served.getSubjectAlternativeNames())
                .extracting(name -> (Object) name.get(1))
                .contains((Object) SERVICE + "." + NAMESPACE + ".svc");
        assertThat(secret.getData().get("tls.key")).isNotEmpty();
    }

    @Test
    void theRegistrationSendsOnlyPipelineWritesToTheServedPath() {
        HelmChart.Rendered rendered = HelmChart.template("");
        ValidatingWebhook webhook = webhook(rendered);
        Service service = rendered.named(Service.class, SERVICE);
        Container container = HelmChartTest.container(rendered);

        assertThat(webhook.getSideEffects()).isEqualTo("None");
        assertThat(webhook.getMatchPolicy()).isEqualTo("Equivalent");
        assertThat(webhook.getFailurePolicy()).isEqualTo("Fail");
        assertThat(webhook.getAdmissionReviewVersions()).containsExactly("v1");
        assertThat(webhook.getRules())
                .singleElement()
                .satisfies(
                        rule -> {
                            assertThat(rule.getApiGroups()).containsExactly("eventpipeline.io");
                            assertThat(rule.getApiVersions()).containsExactly("v1alpha1");
                            assertThat(rule.getResources()).containsExactly("eventpipelines");
                            assertThat(rule.getOperations()).containsExactly("CREATE", "UPDATE");
                        });
        assertThat(webhook.getNamespaceSelector()).isNull();
        // The chain from the API server to the operator's port, link by link.
        assertThat(webhook.getClientConfig().getService().getName()).isEqualTo(SERVICE);
        assertThat(webhook.getClientConfig().getService().getNamespace()).isEqualTo(NAMESPACE);
        assertThat(webhook.getClientConfig().getService().getPath()).isEqualTo(WebhookServer.PATH);
        assertThat(service.getSpec().getSelector())
                .isEqualTo(rendered.deployment().getSpec().getSelector().getMatchLabels());
        assertThat(service.getSpec().getPorts())
                .singleElement()
                .satisfies(
                        port -> {
                            assertThat(port.getPort())
                                    .isEqualTo(webhook.getClientConfig().getService().getPort());
                            assertThat(port.getTargetPort().getStrVal()).isEqualTo("webhook");
                        });
        WebhookConfig config =
                WebhookConfig.fromEnvironment(rendered.operatorEnvironment()).orElseThrow();
        assertThat(container.getPorts())
                .filteredOn(port -> port.getName().equals("webhook"))
                .singleElement()
                .satisfies(port -> assertThat(port.getContainerPort()).isEqualTo(config.port()));
        assertThat(container.getVolumeMounts())
                .filteredOn(mount -> mount.getName().equals("webhook-tls"))
                .singleElement()
                .satisfies(
                        mount -> {
                            assertThat(mount.getMountPath()).isEqualTo(config.certDir().toString());
                            assertThat(mount.getReadOnly()).isTrue();
                        });
        assertThat(tlsVolume(rendered).getSecret().getSecretName()).isEqualTo(SECRET);
    }

    @Test
    void matchConditionsSkipDeletionsAndUpdatesThatLeaveTheSpecAlone() {
        List<MatchCondition> conditions = webhook(HelmChart.template("")).getMatchConditions();
        Map<String, Object> spec = Map.of("input", Map.of("topic", "orders"));
        Map<String, Object> otherSpec = Map.of("input", Map.of("topic", "payments"));

        assertThat(allMatch(conditions, "CREATE", pipeline(spec, false), null)).isTrue();
        assertThat(
                        allMatch(
                                conditions,
                                "UPDATE",
                                pipeline(otherSpec, false),
                                pipeline(spec, false)))
                .isTrue();
        // A finalizer or label change: the spec is equal, the webhook is not called.
        assertThat(allMatch(conditions, "UPDATE", pipeline(spec, false), pipeline(spec, false)))
                .isFalse();
        assertThat(allMatch(conditions, "UPDATE", pipeline(otherSpec, true), pipeline(spec, true)))
                .isFalse();
        // An object without a spec is still judged (and refused for it), never an error.
        assertThat(allMatch(conditions, "CREATE", Map.of("metadata", Map.of()), null)).isTrue();
    }

    @Test
    @SuppressWarnings("unchecked")
    void certManagerIssuesTheCertificateAndInjectsTheCa() {
        HelmChart.Rendered rendered =
                HelmChart.template("webhook: {certManager: {enabled: true}}\n");
        assertThat(rendered.all(Secret.class)).isEmpty();
        GenericKubernetesResource certificate =
                (GenericKubernetesResource) rendered.ofKind("Certificate").get(0);
        GenericKubernetesResource issuer =
                (GenericKubernetesResource) rendered.ofKind("Issuer").get(0);
        Map<String, Object> spec = certificate.get("spec");
        assertThat(spec).containsEntry("secretName", SECRET);
        assertThat((List<Object>) spec.get("dnsNames"))
                .contains(SERVICE + "." + NAMESPACE + ".svc");
        assertThat((Map<String, Object>) spec.get("issuerRef"))
                .containsEntry("name", issuer.getMetadata().getName());
        ValidatingWebhookConfiguration registration =
                rendered.one(ValidatingWebhookConfiguration.class);
        assertThat(registration.getMetadata().getAnnotations())
                .containsEntry(
                        "cert-manager.io/inject-ca-from",
                        NAMESPACE + "/" + certificate.getMetadata().getName());
        assertThat(webhook(rendered).getClientConfig().getCaBundle()).isNull();
        assertThat(tlsVolume(rendered).getSecret().getSecretName()).isEqualTo(SECRET);

        HelmChart.Rendered ownIssuer =
                HelmChart.template(
                        "webhook: {certManager: {enabled: true, issuerRef: {name: corp-ca, kind:"
                                + " ClusterIssuer}}}\n");
        assertThat(ownIssuer.ofKind("Issuer")).isEmpty();
        Map<String, Object> ownSpec =
                ((GenericKubernetesResource) ownIssuer.ofKind("Certificate").get(0)).get("spec");
        assertThat((Map<String, Object>) ownSpec.get("issuerRef"))
                .containsEntry("name", "corp-ca")
                .containsEntry("kind", "ClusterIssuer");
    }

    @Test
    void anExistingSecretIsServedWithTheCaBundleGiven() {
        assertThatThrownBy(() -> HelmChart.template("webhook: {tls: {existingSecret: corp-tls}}\n"))
                .hasMessageContaining("webhook.tls.caBundle");
        HelmChart.Rendered rendered =
                HelmChart.template("webhook: {tls: {existingSecret: corp-tls, caBundle: Q0E=}}\n");
        assertThat(rendered.all(Secret.class)).isEmpty();
        assertThat(webhook(rendered).getClientConfig().getCaBundle()).isEqualTo("Q0E=");
        assertThat(tlsVolume(rendered).getSecret().getSecretName()).isEqualTo("corp-tls");
    }

    @Test
    void watchedNamespacesScopeTheWebhookAndFailurePolicyIsAChoice() {
        HelmChart.Rendered rendered =
                HelmChart.template(
                        "watchNamespaces: [team-a, team-b]\nwebhook: {failurePolicy: Ignore}\n");
        ValidatingWebhook webhook = webhook(rendered);
        assertThat(webhook.getFailurePolicy()).isEqualTo("Ignore");
        assertThat(webhook.getNamespaceSelector().getMatchExpressions())
                .singleElement()
                .satisfies(
                        e -> {
                            assertThat(e.getKey()).isEqualTo("kubernetes.io/metadata.name");
                            assertThat(e.getOperator()).isEqualTo("In");
                            assertThat(e.getValues()).containsExactly("team-a", "team-b");
                        });
        assertThatThrownBy(() -> HelmChart.template("webhook: {failurePolicy: Maybe}\n"))
                .hasMessageContaining("failurePolicy");
    }

    @Test
    void offMeansNoWebhookAnywhere() {
        HelmChart.Rendered rendered = HelmChart.template("webhook: {enabled: false}\n");
        assertThat(rendered.all(ValidatingWebhookConfiguration.class)).isEmpty();
        assertThat(rendered.all(Secret.class)).isEmpty();
        assertThat(rendered.all(Service.class))
                .extracting(service -> service.getMetadata().getName())
                .doesNotContain(SERVICE);
        assertThat(WebhookConfig.fromEnvironment(rendered.operatorEnvironment())).isEmpty();
        assertThat(HelmChartTest.container(rendered).getPorts())
                .extracting(port -> port.getName())
                .containsExactly("http");
        assertThat(rendered.deployment().getSpec().getTemplate().getSpec().getVolumes())
                .extracting(Volume::getName)
                .containsExactly("tmp");
    }

    static ValidatingWebhook webhook(HelmChart.Rendered rendered) {
        ValidatingWebhookConfiguration registration =
                rendered.one(ValidatingWebhookConfiguration.class);
        assertThat(registration.getWebhooks()).hasSize(1);
        return registration.getWebhooks().get(0);
    }

    private static Volume tlsVolume(HelmChart.Rendered rendered) {
        return rendered.deployment().getSpec().getTemplate().getSpec().getVolumes().stream()
                .filter(volume -> volume.getName().equals("webhook-tls"))
                .findFirst()
                .orElseThrow();
    }

    static X509Certificate certificate(String base64Pem) throws Exception {
        return (X509Certificate)
                CertificateFactory.getInstance("X.509")
                        .generateCertificate(
                                new ByteArrayInputStream(Base64.getDecoder().decode(base64Pem)));
    }

    private static Map<String, Object> pipeline(Map<String, Object> spec, boolean deleting) {
        Map<String, Object> metadata = new HashMap<>();
        metadata.put("name", "orders");
        if (deleting) {
            metadata.put("deletionTimestamp", "2026-01-01T00:00:00Z");
        }
        return Map.of("metadata", metadata, "spec", spec);
    }

    /**
     * Evaluates the match conditions as the API server does: every one must be true for the webhook
     * to be called; the variables are those Kubernetes declares for them.
     */
    private static boolean allMatch(
            List<MatchCondition> conditions,
            String operation,
            Map<String, Object> object,
            Map<String, Object> oldObject) {
        CelCompiler compiler =
                CelCompilerFactory.standardCelCompilerBuilder()
                        .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
                        .addVar("object", SimpleType.DYN)
                        .addVar("oldObject", SimpleType.DYN)
                        .addVar("request", SimpleType.DYN)
                        .build();
        CelRuntime runtime = CelRuntimeFactory.standardCelRuntimeBuilder().build();
        Map<String, Object> variables = new HashMap<>();
        variables.put("object", object);
        variables.put(
                "oldObject",
                oldObject == null ? dev.cel.common.values.NullValue.NULL_VALUE : oldObject);
        variables.put("request", Map.of("operation", operation));
        boolean all = true;
        for (MatchCondition condition : conditions) {
            try {
                Object result =
                        runtime.createProgram(compiler.compile(condition.getExpression()).getAst())
                                .eval(variables);
                all &= (Boolean) result;
            } catch (Exception e) {
                throw new AssertionError(
                        "match condition " + condition.getName() + " failed: " + e.getMessage(), e);
            }
        }
        return all;
    }
}
