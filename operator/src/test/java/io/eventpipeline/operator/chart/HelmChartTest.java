package io.eventpipeline.operator.chart;

import static io.eventpipeline.operator.chart.HelmChart.FULLNAME;
import static io.eventpipeline.operator.chart.HelmChart.NAMESPACE;
import static io.eventpipeline.operator.chart.HelmChart.POD_NAME;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import io.eventpipeline.operator.api.EventPipeline;
import io.eventpipeline.operator.config.JobDefaults;
import io.eventpipeline.operator.config.OperatorConfig;
import io.eventpipeline.operator.config.SessionJobDefaults;
import io.eventpipeline.operator.config.WebhookConfig;
import io.eventpipeline.operator.reconciler.PipelineResolver;
import io.eventpipeline.operator.testing.CrdSchema;
import io.eventpipeline.spec.PipelineDefinition;
import io.eventpipeline.spec.resolved.ResolvedTopicManagement;
import io.eventpipeline.spec.validation.InvalidPipelineException;
import io.eventpipeline.spec.validation.PipelineValidator;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.Test;

/** The Helm chart, linted and rendered by real helm, its output checked as Kubernetes objects. */
class HelmChartTest {
    static final String METRICS_SERVICE = FULLNAME + "-metrics";
    static final Path GENERATED_CRD = Path.of("../crds/eventpipelines.eventpipeline.io-v1.yml");

    /** Values that differ from every default, to see each one reach the operator. */
    static final String EVERY_SETTING =
            """
            replicaCount: 2
            watchNamespaces: [team-a, team-b]
            leaderElection: {leaseName: pipelines-leader}
            kafka:
              bootstrapServers: kafka-bootstrap.kafka:9093
              authSecret: kafka-client
              topics: {management: strimzi, strimziCluster: events-cluster}
              adminTimeout: 20s
            job:
              image: {repository: registry.example.com/pipeline-job, tag: "2.0.1"}
              jarUri: local:///opt/flink/usrlib/custom.jar
              flinkVersion: v1_19
              serviceAccount: flink-jobs
              parallelism: 4
              maxParallelism: 256
              jobManager: {cpu: 2, memory: 3Gi}
              taskManager: {cpu: 1.5, memory: 6Gi, jvmOptions: "-XX:+UseG1GC"}
              checkpointInterval: 1m
              checkpointDir: s3://state/checkpoints
              savepointDir: s3://state/savepoints
              haStorageDir: s3://state/ha
              savepoints: {periodicInterval: 12h, historyMaxCount: 4, historyMaxAge: 2d}
              credentialsSecret: flink-s3
              allowedFlinkConfiguration: [s3.endpoint, s3.path.style.access, "kubernetes.operator.job.*"]
              allowedImages: [registry.example.com/team-a/, registry.example.com/tools/job]
            sessionJobs:
              jarURI: "https://jars.example.com/pipeline-job-2.0.1.jar"
              defaultSessionCluster: eventpipeline-session
            resyncInterval: 90s
            httpPort: 9090
            """;

    @Test
    void lintStrictIsClean() {
        LintResult lint = new Helm(HelmChart.DIR).lint().strict().call();
        assertThat(lint.isFailed()).as(String.join("\n", lint.getMessages())).isFalse();
        assertThat(lint.getMessages())
                .noneMatch(m -> m.contains("[WARNING]") || m.contains("[ERROR]"));
    }

    @Test
    void appVersionIsTheReleaseFormOfTheProjectVersion() throws Exception {
        String projectVersion =
                XPathFactory.newInstance()
                        .newXPath()
                        .evaluate(
                                "/project/parent/version",
                                DocumentBuilderFactory.newInstance()
                                        .newDocumentBuilder()
                                        .parse(Path.of("pom.xml").toFile()));
        Map<?, ?> chart =
                new KubernetesSerialization()
                        .unmarshal(
                                Files.readString(HelmChart.DIR.resolve("Chart.yaml")), Map.class);
        assertThat(projectVersion).isNotBlank();
        assertThat(chart.get("appVersion")).isEqualTo(projectVersion.replace("-SNAPSHOT", ""));
        assertThat(chart.get("apiVersion")).isEqualTo("v2");
    }

    @Test
    void theChartsCrdIsExactlyTheGeneratedOne() throws Exception {
        // A stale copy fails here: refresh it with
        // cp crds/eventpipelines.eventpipeline.io-v1.yml helm/eventpipeline-operator/crds/
        Path copy = HelmChart.DIR.resolve("crds").resolve(GENERATED_CRD.getFileName());
        assertThat(Files.mismatch(copy, GENERATED_CRD)).isEqualTo(-1L);
        try (Stream<Path> files = Files.list(HelmChart.DIR.resolve("crds"))) {
            assertThat(files).containsExactly(copy);
        }
    }

    @Test
    void defaultValuesStartTheOperatorWithItsOwnDefaults() {
        HelmChart.Rendered rendered = HelmChart.template("");

        // The chart's defaults and the code's agree: nothing set in values.yaml changes behaviour,
        // but for the job jar of session jobs, which only the chart can serve (its own Service).
        assertThat(rendered.operatorConfig())
                .isEqualTo(
                        OperatorConfig.defaults()
                                .withSessionJobs(
                                        new SessionJobDefaults(
                                                Optional.of(
                                                        "http://"
                                                                + FULLNAME
                                                                + "-jobs."
                                                                + NAMESPACE
                                                                + ".svc:8080/jobs/pipeline-job.jar"),
                                                Optional.of(
                                                        Path.of(
                                                                "/opt/operator/job/pipeline-job.jar")),
                                                Optional.empty())));
        assertThat(rendered.operatorEnvironment())
                .containsEntry("EP_JOB_IMAGE", JobDefaults.DEFAULT_IMAGE)
                .doesNotContainKeys(
                        "EP_KAFKA_BOOTSTRAP_SERVERS",
                        "EP_WATCH_NAMESPACES",
                        "EP_SAVEPOINT_DIR",
                        "EP_HA_STORAGE_DIR",
                        "EP_FLINK_CREDENTIALS_SECRET",
                        "EP_LEADER_ELECTION_NAMESPACE");
        assertThat(rendered.objects())
                .extracting(HasMetadata::getKind)
                .containsExactlyInAnyOrder(
                        "ServiceAccount",
                        "ClusterRole",
                        "ClusterRoleBinding",
                        "Deployment",
                        "Service",
                        // The job jar for session jobs.
                        "Service",
                        // The admission webhook: its Service, generated certificate, registration.
                        "Service",
                        "Secret",
                        "ValidatingWebhookConfiguration");
        assertThat(WebhookConfig.fromEnvironment(rendered.operatorEnvironment()))
                .contains(new WebhookConfig(9443, WebhookConfig.DEFAULT_CERT_DIR));
        Deployment deployment = rendered.deployment();
        assertThat(deployment.getSpec().getReplicas()).isEqualTo(1);
        // Without leader election two pods must never overlap.
        assertThat(deployment.getSpec().getStrategy().getType()).isEqualTo("Recreate");
        assertThat(container(rendered).getImage())
                .isEqualTo("ghcr.io/eventpipeline/eventpipeline-operator:0.1.0");
        assertThat(deployment.getSpec().getTemplate().getSpec().getServiceAccountName())
                .isEqualTo(rendered.one(ServiceAccount.class).getMetadata().getName());

        ClusterRoleBinding binding = rendered.one(ClusterRoleBinding.class);
        assertThat(binding.getRoleRef().getName())
                .isEqualTo(rendered.one(ClusterRole.class).getMetadata().getName());
        assertThat(binding.getSubjects())
                .singleElement()
                .satisfies(
                        s -> {
                            assertThat(s.getKind()).isEqualTo("ServiceAccount");
                            assertThat(s.getName()).isEqualTo(FULLNAME);
                            assertThat(s.getNamespace()).isEqualTo(NAMESPACE);
                        });
    }

    @Test
    void everyValueReachesTheOperatorsConfiguration() {
        OperatorConfig config = HelmChart.template(EVERY_SETTING).operatorConfig();

        assertThat(config)
                .isEqualTo(
                        new OperatorConfig(
                                Optional.of("kafka-bootstrap.kafka:9093"),
                                Optional.of("kafka-client"),
                                new JobDefaults(
                                        "registry.example.com/pipeline-job:2.0.1",
                                        "local:///opt/flink/usrlib/custom.jar",
                                        "v1_19",
                                        "flink-jobs",
                                        4,
                                        256,
                                        2.0,
                                        "3Gi",
                                        1.5,
                                        "6Gi",
                                        "-XX:+UseG1GC",
                                        "1m",
                                        Optional.of("s3://state/checkpoints"),
                                        Optional.of("s3://state/savepoints"),
                                        Optional.of("s3://state/ha"),
                                        new JobDefaults.SavepointPolicy(
                                                Optional.of(Duration.ofHours(12)),
                                                4,
                                                Duration.ofDays(2)),
                                        Optional.of("flink-s3")),
                                List.of("team-a", "team-b"),
                                new OperatorConfig.LeaderElection(
                                        "pipelines-leader", NAMESPACE, POD_NAME, true),
                                9090,
                                Duration.ofSeconds(20),
                                Duration.ofSeconds(90),
                                new OperatorConfig.PipelinePolicy(
                                        List.of(
                                                "s3.endpoint",
                                                "s3.path.style.access",
                                                "kubernetes.operator.job.*"),
                                        List.of(
                                                "registry.example.com/team-a/",
                                                "registry.example.com/tools/job")),
                                ResolvedTopicManagement.strimzi("events-cluster"),
                                new SessionJobDefaults(
                                        Optional.of(
                                                "https://jars.example.com/pipeline-job-2.0.1.jar"),
                                        Optional.of(Path.of("/opt/operator/job/pipeline-job.jar")),
                                        Optional.of("eventpipeline-session"))));
    }

    @Test
    void probesAndPortFollowHttpPort() {
        HelmChart.Rendered rendered = HelmChart.template("httpPort: 9090\n");
        Container container = container(rendered);
        assertThat(container.getPorts())
                .filteredOn(p -> !p.getName().equals("webhook"))
                .singleElement()
                .satisfies(
                        p -> {
                            assertThat(p.getName()).isEqualTo("http");
                            assertThat(p.getContainerPort()).isEqualTo(9090);
                        });
        assertThat(container.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/healthz");
        assertThat(container.getLivenessProbe().getHttpGet().getPort().getStrVal())
                .isEqualTo("http");
        assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/readyz");
        assertThat(container.getReadinessProbe().getHttpGet().getPort().getStrVal())
                .isEqualTo("http");
        Service metrics = rendered.named(Service.class, METRICS_SERVICE);
        assertThat(metrics.getSpec().getPorts())
                .singleElement()
                .satisfies(p -> assertThat(p.getTargetPort().getStrVal()).isEqualTo("http"));
        assertThat(metrics.getSpec().getSelector())
                .isEqualTo(rendered.deployment().getSpec().getSelector().getMatchLabels());
    }

    @Test
    void aListOfNamespacesGetsARoleAndBindingInEachAndNoClusterWideGrant() {
        HelmChart.Rendered cluster = HelmChart.template("");
        HelmChart.Rendered namespaced = HelmChart.template("watchNamespaces: [team-a, team-b]\n");

        assertThat(namespaced.all(ClusterRole.class)).isEmpty();
        assertThat(namespaced.all(ClusterRoleBinding.class)).isEmpty();
        assertThat(namespaced.all(Role.class))
                .extracting(r -> r.getMetadata().getNamespace())
                .containsExactly("team-a", "team-b");
        // The same rules as cluster-wide, confined to each namespace.
        assertThat(namespaced.all(Role.class))
                .allSatisfy(
                        role ->
                                assertThat(role.getRules())
                                        .isEqualTo(cluster.one(ClusterRole.class).getRules()));
        assertThat(namespaced.all(RoleBinding.class))
                .allSatisfy(
                        binding -> {
                            assertThat(binding.getRoleRef().getKind()).isEqualTo("Role");
                            assertThat(binding.getRoleRef().getName()).isEqualTo(FULLNAME);
                            assertThat(binding.getSubjects())
                                    .singleElement()
                                    .satisfies(
                                            s -> assertThat(s.getNamespace()).isEqualTo(NAMESPACE));
                        })
                .extracting(b -> b.getMetadata().getNamespace())
                .containsExactly("team-a", "team-b");
        assertThat(namespaced.operatorConfig().watchNamespaces())
                .containsExactly("team-a", "team-b");
    }

    @Test
    void moreThanOneReplicaTurnsLeaderElectionOnWithALeaseRoleInTheReleaseNamespace() {
        HelmChart.Rendered rendered = HelmChart.template("replicaCount: 2\n");

        assertThat(rendered.operatorConfig().leaderElection())
                .isEqualTo(
                        new OperatorConfig.LeaderElection(
                                "eventpipeline-operator", NAMESPACE, POD_NAME, true));
        assertThat(rendered.deployment().getSpec().getStrategy().getType())
                .isEqualTo("RollingUpdate");
        Role lease = rendered.one(Role.class);
        assertThat(lease.getMetadata().getNamespace()).isEqualTo(NAMESPACE);
        assertThat(lease.getRules())
                .allSatisfy(rule -> assertThat(rule.getResources()).containsExactly("leases"))
                .anySatisfy(
                        rule ->
                                assertThat(rule.getResourceNames())
                                        .containsExactly("eventpipeline-operator"));
        assertThat(rendered.one(RoleBinding.class).getRoleRef().getName())
                .isEqualTo(lease.getMetadata().getName());

        // Explicitly on with one replica, too.
        assertThat(
                        HelmChart.template("leaderElection: {enabled: true}\n")
                                .operatorConfig()
                                .leaderElection())
                .isNotNull();
    }

    @Test
    void leaderElectionOffWithSeveralReplicasIsRefused() {
        assertThatThrownBy(
                        () ->
                                HelmChart.template(
                                        "replicaCount: 2\nleaderElection: {enabled: false}\n"))
                .hasMessageContaining("reconcile concurrently");
    }

    @Test
    void noRbacRuleAnywhereUsesAWildcard() {
        for (String values :
                List.of("", "replicaCount: 3\n", "watchNamespaces: [a, b]\nreplicaCount: 2\n")) {
            HelmChart.Rendered rendered = HelmChart.template(values);
            List<PolicyRule> rules =
                    Stream.concat(
                                    rendered.all(ClusterRole.class).stream()
                                            .flatMap(r -> r.getRules().stream()),
                                    rendered.all(Role.class).stream()
                                            .flatMap(r -> r.getRules().stream()))
                            .toList();
            assertThat(rules).isNotEmpty();
            assertThat(rules)
                    .allSatisfy(
                            rule -> {
                                assertThat(rule.getVerbs()).isNotEmpty().doesNotContain("*");
                                assertThat(rule.getResources())
                                        .isNotEmpty()
                                        .noneMatch(r -> r.contains("*"));
                                assertThat(rule.getApiGroups()).doesNotContain("*");
                                assertThat(rule.getResourceNames()).doesNotContain("*");
                                assertThat(rule.getNonResourceURLs()).isEmpty();
                            });
        }
    }

    @Test
    void podMeetsPodSecurityRestrictedInEveryVariant() {
        for (String values : List.of("", EVERY_SETTING, "metrics: {enabled: false}\n")) {
            HelmChart.Rendered rendered = HelmChart.template(values);
            PodSpec pod = rendered.deployment().getSpec().getTemplate().getSpec();
            assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
            assertThat(pod.getSecurityContext().getRunAsUser()).isEqualTo(10001L);
            assertThat(pod.getSecurityContext().getSeccompProfile().getType())
                    .isEqualTo("RuntimeDefault");
            assertThat(pod.getHostNetwork()).isNotEqualTo(Boolean.TRUE);
            assertThat(pod.getHostPID()).isNotEqualTo(Boolean.TRUE);
            assertThat(pod.getVolumes()).noneMatch(v -> v.getHostPath() != null);
            for (Container c : pod.getContainers()) {
                var security = c.getSecurityContext();
                assertThat(security.getAllowPrivilegeEscalation()).isFalse();
                assertThat(security.getPrivileged()).isNotEqualTo(Boolean.TRUE);
                assertThat(security.getReadOnlyRootFilesystem()).isTrue();
                assertThat(security.getRunAsNonRoot()).isTrue();
                assertThat(security.getCapabilities().getDrop()).containsExactly("ALL");
                assertThat(security.getCapabilities().getAdd()).isEmpty();
                assertThat(security.getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
                // With a read-only root, the JVM and Kafka clients need a writable /tmp.
                VolumeMount tmp =
                        c.getVolumeMounts().stream()
                                .filter(m -> m.getMountPath().equals("/tmp"))
                                .findFirst()
                                .orElseThrow();
                assertThat(pod.getVolumes())
                        .filteredOn(v -> v.getName().equals(tmp.getName()))
                        .singleElement()
                        .satisfies(v -> assertThat(v.getEmptyDir()).isNotNull());
            }
        }
    }

    @Test
    void metricsOffRendersNoServiceAndNoServiceMonitor() {
        HelmChart.Rendered off =
                HelmChart.template("metrics: {enabled: false, serviceMonitor: {enabled: true}}\n");
        assertThat(off.all(Service.class))
                .extracting(service -> service.getMetadata().getName())
                .doesNotContain(METRICS_SERVICE);
        assertThat(off.ofKind("ServiceMonitor")).isEmpty();
        // Health probes do not depend on the metrics Service.
        assertThat(container(off).getReadinessProbe()).isNotNull();
    }

    @Test
    void serviceMonitorScrapesTheMetricsServicePort() {
        HelmChart.Rendered rendered =
                HelmChart.template(
                        "metrics: {serviceMonitor: {enabled: true, labels: {release: prom}}}\n");
        GenericKubernetesResource monitor =
                (GenericKubernetesResource) rendered.ofKind("ServiceMonitor").get(0);
        Service service = rendered.named(Service.class, METRICS_SERVICE);
        assertThat(monitor.getMetadata().getLabels()).containsEntry("release", "prom");
        Map<String, Object> spec = monitor.get("spec");
        @SuppressWarnings("unchecked")
        Map<String, String> selected =
                (Map<String, String>)
                        ((Map<String, Object>) spec.get("selector")).get("matchLabels");
        assertThat(service.getMetadata().getLabels()).containsAllEntriesOf(selected);
        @SuppressWarnings("unchecked")
        Map<String, Object> endpoint = ((List<Map<String, Object>>) spec.get("endpoints")).get(0);
        assertThat(endpoint).containsEntry("path", "/metrics");
        assertThat(service.getSpec().getPorts())
                .extracting(p -> p.getName())
                .containsExactly((String) endpoint.get("port"));
    }

    @Test
    void podDisruptionBudgetIsOptional() {
        assertThat(HelmChart.template("").all(PodDisruptionBudget.class)).isEmpty();
        PodDisruptionBudget budget =
                HelmChart.template(
                                "replicaCount: 2\n"
                                        + "podDisruptionBudget: {enabled: true, minAvailable: 1}\n")
                        .one(PodDisruptionBudget.class);
        assertThat(budget.getSpec().getMinAvailable().getIntVal()).isEqualTo(1);
        assertThat(budget.getSpec().getMaxUnavailable()).isNull();
        assertThat(budget.getSpec().getSelector().getMatchLabels())
                .containsEntry("app.kubernetes.io/name", "eventpipeline-operator");
    }

    @Test
    void customImageAndPodPlacementAndExtraHooksReachThePod() {
        HelmChart.Rendered rendered =
                HelmChart.template(
                        """
                        image: {repository: registry.example.com/ep-operator, tag: "1.2.3", pullPolicy: Always}
                        imagePullSecrets: [{name: regcred}]
                        extraEnv:
                          - {name: JAVA_TOOL_OPTIONS, value: "-Djavax.net.ssl.trustStore=/etc/truststore/ca.p12"}
                        extraVolumes:
                          - {name: truststore, secret: {secretName: corporate-ca}}
                        extraVolumeMounts:
                          - {name: truststore, mountPath: /etc/truststore, readOnly: true}
                        nodeSelector: {kubernetes.io/os: linux}
                        tolerations: [{key: dedicated, operator: Equal, value: operators, effect: NoSchedule}]
                        affinity:
                          nodeAffinity:
                            requiredDuringSchedulingIgnoredDuringExecution:
                              nodeSelectorTerms:
                                - matchExpressions: [{key: pool, operator: In, values: [system]}]
                        resources: {requests: {cpu: 250m, memory: 384Mi}, limits: {memory: 768Mi}}
                        """);
        Container container = container(rendered);
        PodSpec pod = rendered.deployment().getSpec().getTemplate().getSpec();
        assertThat(container.getImage()).isEqualTo("registry.example.com/ep-operator:1.2.3");
        assertThat(container.getImagePullPolicy()).isEqualTo("Always");
        assertThat(pod.getImagePullSecrets())
                .extracting(r -> r.getName())
                .containsExactly("regcred");
        assertThat(container.getEnv())
                .extracting(EnvVar::getName)
                .contains("JAVA_TOOL_OPTIONS", "EP_HTTP_PORT");
        assertThat(rendered.operatorEnvironment())
                .containsEntry(
                        "JAVA_TOOL_OPTIONS", "-Djavax.net.ssl.trustStore=/etc/truststore/ca.p12");
        assertThat(pod.getVolumes())
                .extracting(v -> v.getName())
                .containsExactly("tmp", "webhook-tls", "truststore");
        assertThat(container.getVolumeMounts())
                .extracting(VolumeMount::getMountPath)
                .containsExactly("/tmp", "/etc/eventpipeline/webhook", "/etc/truststore");
        assertThat(pod.getNodeSelector()).containsEntry("kubernetes.io/os", "linux");
        assertThat(pod.getTolerations())
                .singleElement()
                .satisfies(t -> assertThat(t.getKey()).isEqualTo("dedicated"));
        assertThat(
                        pod.getAffinity()
                                .getNodeAffinity()
                                .getRequiredDuringSchedulingIgnoredDuringExecution()
                                .getNodeSelectorTerms())
                .hasSize(1);
        assertThat(container.getResources().getLimits().get("memory").toString())
                .isEqualTo("768Mi");
    }

    @Test
    void schemaRejectsAWrongTypeAndAnUnknownTopLevelKey() {
        assertThatThrownBy(() -> HelmChart.template("replicaCount: two\n"))
                .hasMessageContaining("replicaCount");
        assertThatThrownBy(() -> HelmChart.template("job: {parallelism: \"4\"}\n"))
                .hasMessageContaining("parallelism");
        assertThatThrownBy(() -> HelmChart.template("resyncInterval: 5 minutes\n"))
                .hasMessageContaining("resyncInterval");
        assertThatThrownBy(() -> HelmChart.template("job: {maxParallelism: 40000}\n"))
                .hasMessageContaining("maxParallelism");
        assertThatThrownBy(
                        () -> HelmChart.template("job: {savepoints: {periodicInterval: hourly}}\n"))
                .hasMessageContaining("periodicInterval");
        assertThatThrownBy(() -> HelmChart.template("job: {taskManager: {jvmOptions: UseZGC}}\n"))
                .hasMessageContaining("jvmOptions");
        assertThatThrownBy(
                        () ->
                                HelmChart.template(
                                        "sessionJobs: {defaultSessionCluster: Shared_Cluster}\n"))
                .hasMessageContaining("defaultSessionCluster");
        assertThat(
                        HelmChart.template("job: {savepoints: {periodicInterval: \"off\"}}\n")
                                .operatorConfig()
                                .jobDefaults()
                                .savepoints()
                                .periodicInterval())
                .isEmpty();
        // A misspelt key would otherwise be ignored silently.
        assertThatThrownBy(() -> HelmChart.template("replicas: 2\n"))
                .hasMessageContaining("replicas");
        assertThatThrownBy(() -> HelmChart.template("kafka: {bootstrap: kafka:9092}\n"))
                .hasMessageContaining("bootstrap");
    }

    @Test
    void allowedFlinkConfigurationWidensWhatAPipelineMaySet() throws Exception {
        String stateDirs = "job: {checkpointDir: s3://cp, savepointDir: s3://sp";
        String pipeline =
                exampleWithFlink(
                        "  flink:\n    flinkConfiguration:\n"
                                + "      s3.endpoint: http://minio.storage:9000\n");
        assertThat(resolveProblems(stateDirs + "}\n", pipeline))
                .containsExactly(
                        "spec.flink.flinkConfiguration[s3.endpoint]: is not allowed: storage"
                                + " endpoints and credentials are the platform's: requests to an"
                                + " endpoint chosen here would be signed with the platform's"
                                + " credentials. Remove it, or ask the platform team to allow it"
                                + " with the chart value job.allowedFlinkConfiguration");
        assertThat(
                        resolveProblems(
                                stateDirs + ", allowedFlinkConfiguration: [s3.endpoint]}\n",
                                pipeline))
                .isEmpty();
        // A prefix widens too, but never over a key the operator owns.
        assertThat(
                        resolveProblems(
                                stateDirs + ", allowedFlinkConfiguration: [\"kubernetes.*\"]}\n",
                                exampleWithFlink(
                                        "  flink:\n    flinkConfiguration:\n"
                                                + "      kubernetes.hostnetwork.enabled: \"true\"\n"
                                                + "      kubernetes.jobmanager.service-account:"
                                                + " admin\n")))
                .containsExactly(
                        "spec.flink.flinkConfiguration[kubernetes.jobmanager.service-account]: is"
                                + " set by the operator: the Flink pods run as the chart's"
                                + " job.serviceAccount");
        // Naming an owned key stops the operator at start; the schema refuses what is no key.
        assertThatThrownBy(
                        () ->
                                HelmChart.template(
                                                "job: {allowedFlinkConfiguration:"
                                                        + " [high-availability.storageDir]}\n")
                                        .operatorConfig())
                .hasMessageStartingWith(
                        "EP_ALLOWED_FLINK_CONFIGURATION: high-availability.storageDir is set by"
                                + " the operator and cannot be allowed");
        assertThatThrownBy(() -> HelmChart.template("job: {allowedFlinkConfiguration: [\"*\"]}\n"))
                .hasMessageContaining("allowedFlinkConfiguration");
        assertThatThrownBy(
                        () ->
                                HelmChart.template(
                                        "job: {allowedImages:"
                                                + " [\"registry.example.com/job:1.0\"]}\n"))
                .hasMessageContaining("allowedImages");
    }

    @Test
    void allowedImagesWidensWhichImagesAPipelineMayRun() throws Exception {
        String pipeline = exampleWithFlink("  flink: {image: registry.example.com/team-a/job:7}\n");
        String values = "job: {checkpointDir: s3://cp, savepointDir: s3://sp";
        assertThat(resolveProblems(values + "}\n", pipeline))
                .singleElement()
                .satisfies(p -> assertThat(p).startsWith("spec.flink.image: "));
        assertThat(
                        resolveProblems(
                                values + ", allowedImages: [registry.example.com/team-a/]}\n",
                                pipeline))
                .isEmpty();
    }

    /** The example pipeline with its spec.flink block replaced. */
    static String exampleWithFlink(String flinkBlock) throws Exception {
        String example = Files.readString(Path.of("../examples/flight-delays.yaml"));
        return example.substring(0, example.indexOf("  flink:\n"))
                + flinkBlock
                + example.substring(example.indexOf("  suspend:"));
    }

    /** The problems, as "path: message", of the pipeline under the chart with these values. */
    static List<String> resolveProblems(String valuesYaml, String pipelineYaml) throws Exception {
        OperatorConfig config =
                HelmChart.template("kafka: {bootstrapServers: kafka:9092}\n" + valuesYaml)
                        .operatorConfig();
        try {
            new PipelineResolver(config, new PipelineValidator())
                    .resolve(PipelineDefinition.parse(pipelineYaml));
            return List.of();
        } catch (InvalidPipelineException e) {
            return e.problems().stream().map(p -> p.path() + ": " + p.message()).toList();
        }
    }

    @Test
    void theFirstPipelineInNotesIsValidWithDefaultValues() throws Exception {
        assertNotesPipelineIsValid("");
    }

    @Test
    void theFirstPipelineInNotesIsValidWithADefaultClusterAndStateDirs() throws Exception {
        String notes =
                assertNotesPipelineIsValid(
                        "kafka: {bootstrapServers: kafka:9092}\n"
                                + "job: {savepointDir: s3://state/savepoints,"
                                + " checkpointDir: s3://state/checkpoints}\n");
        // The example then leans on the operator's defaults rather than repeating them.
        assertThat(heredoc(notes))
                .doesNotContain("bootstrapServers")
                .doesNotContain("savepoints")
                .doesNotContain("checkpoints");
    }

    @Test
    void theFirstPipelineInNotesIsValidWithOnlyASavepointDir() throws Exception {
        // The Flink operator needs a checkpoint directory for savepoint upgrades, too.
        String notes = assertNotesPipelineIsValid("job: {savepointDir: s3://state/savepoints}\n");
        assertThat(heredoc(notes)).contains("state.checkpoints.dir").doesNotContain("savepoints");
    }

    /**
     * Renders NOTES.txt (helm install, client-only dry run) and checks its example pipeline as the
     * API server (CRD schema) and the operator configured by the same values would.
     */
    static String assertNotesPipelineIsValid(String valuesYaml) throws Exception {
        String notes = HelmChart.installOutput(HelmChart.RELEASE, NAMESPACE, valuesYaml);
        EventPipeline pipeline =
                new KubernetesSerialization().unmarshal(heredoc(notes), EventPipeline.class);
        assertThat(pipeline.getMetadata().getName()).isEqualTo("cart-abandonment");
        assertThat(
                        CrdSchema.fromResource(
                                        "/META-INF/fabric8/eventpipelines.eventpipeline.io-v1.yml",
                                        "v1alpha1")
                                .problems(pipeline))
                .isEmpty();
        // Throws, naming every problem, when the operator would reject the pipeline.
        new PipelineResolver(
                        HelmChart.template(valuesYaml).operatorConfig(), new PipelineValidator())
                .resolve(pipeline);
        assertThat(notes)
                .contains("kubectl -n " + NAMESPACE + " rollout status deployment/" + FULLNAME);
        return notes;
    }

    /** The YAML between "cat <<'YAML'" and "YAML" in the notes, its indentation removed. */
    static String heredoc(String notes) {
        int start = notes.indexOf("<<'YAML'");
        assertThat(start).as("a heredoc in:\n" + notes).isNotNegative();
        String body = notes.substring(notes.indexOf('\n', start) + 1);
        body = body.substring(0, body.indexOf("\n     YAML"));
        return body.stripIndent();
    }

    static Container container(HelmChart.Rendered rendered) {
        return rendered.deployment().getSpec().getTemplate().getSpec().getContainers().get(0);
    }
}
