package io.eventpipeline.operator.flink;

import static io.eventpipeline.operator.flink.FlinkSettingsRulesTest.BOTH_DIRS;
import static io.eventpipeline.operator.flink.FlinkSettingsRulesTest.pipeline;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventpipeline.spec.validation.ValidationProblem;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What a pipeline may set in spec.flink.flinkConfiguration, through the resolver the reconciler,
 * the admission webhook and render use: one case per kind of refusal, each with its exact message.
 */
class FlinkConfigurationPolicyTest {
    static final String WIDEN =
            ". Remove it, or ask the platform team to allow it with the chart value"
                    + " job.allowedFlinkConfiguration";

    /** "path: message" of every problem of a pipeline with these flinkConfiguration entries. */
    static List<String> problems(String env, String delivery, String entries) throws Exception {
        return FlinkSettingsRulesTest.problems(
                        env, pipeline(delivery, "  flink:\n    flinkConfiguration:\n" + entries))
                .stream()
                .map(p -> p.path() + ": " + p.message())
                .toList();
    }

    static List<String> problems(String entries) throws Exception {
        return problems(BOTH_DIRS, "at-least-once", entries);
    }

    @Test
    void theDefaultAllowListAdmitsEveryTuningItNames() throws Exception {
        assertThat(
                        problems(
                                BOTH_DIRS,
                                "exactly-once",
                                """
                                      state.checkpoints.dir: s3://team-a/checkpoints
                                      state.savepoints.dir: s3://team-a/savepoints
                                      pipeline.max-parallelism: "256"
                                      taskmanager.numberOfTaskSlots: "2"
                                      taskmanager.memory.managed.fraction: "0.6"
                                      taskmanager.memory.network.fraction: "0.1"
                                      taskmanager.memory.jvm-overhead.fraction: "0.1"
                                      state.backend.type: rocksdb
                                      state.backend.incremental: "true"
                                      state.backend.rocksdb.memory.managed: "true"
                                      restart-strategy.type: exponential-delay
                                      restart-strategy.exponential-delay.initial-backoff: 1 s
                                      restart-strategy.exponential-delay.max-backoff: 2 min
                                      execution.checkpointing.timeout: 5 min
                                      execution.checkpointing.min-pause: 10 s
                                      pipeline.auto-watermark-interval: 200 ms
                                      eventpipeline.timestamp.max-ahead: 6 h
                                """))
                .isEmpty();
    }

    @Test
    void anOperatorOwnedKeyNamesWhatControlsIt() throws Exception {
        assertThat(problems("      kubernetes.jobmanager.service-account: cluster-admin\n"))
                .containsExactly(
                        "spec.flink.flinkConfiguration[kubernetes.jobmanager.service-account]: is"
                                + " set by the operator: the Flink pods run as the chart's"
                                + " job.serviceAccount");
        assertThat(problems("      kubernetes.pod-template-file.default: /tmp/mine.yaml\n"))
                .containsExactly(
                        "spec.flink.flinkConfiguration[kubernetes.pod-template-file.default]: is"
                                + " set by the operator: the operator renders the pod template"
                                + " (non-root, no privilege escalation, all capabilities"
                                + " dropped)");
        assertThat(problems("      high-availability.storageDir: s3://other-team/ha\n"))
                .containsExactly(
                        "spec.flink.flinkConfiguration[high-availability.storageDir]: is set by"
                                + " the operator: Kubernetes HA is on wherever a checkpoint"
                                + " directory is known, its files under the chart's"
                                + " job.haStorageDir (or <checkpoint dir>/ha) per namespace; a"
                                + " pipeline chooses only state.checkpoints.dir");
        assertThat(problems("      execution.savepoint.path: s3://other-team/savepoint-1\n"))
                .containsExactly(
                        "spec.flink.flinkConfiguration[execution.savepoint.path]: is set by the"
                                + " operator: restores are the Flink Kubernetes Operator's, from"
                                + " this pipeline's own savepoints and checkpoints; a path here"
                                + " could restore another pipeline's state");
    }

    @Test
    void theCheckpointIntervalComesOnlyFromTheValidatedSpecField() throws Exception {
        // "0 ms" would turn checkpoints off: with exactly-once no match would ever be committed.
        assertThat(
                        problems(
                                BOTH_DIRS,
                                "exactly-once",
                                "      execution.checkpointing.interval: 0 ms\n"))
                .containsExactly(
                        "spec.flink.flinkConfiguration[execution.checkpointing.interval]: is set"
                                + " by the operator: it comes from spec.flink.checkpointInterval"
                                + " (the chart's job.checkpointInterval when absent), which is"
                                + " checked against the delivery mode: set that field instead,"
                                + " e.g. checkpointInterval: 30s");
    }

    @Test
    void aKubernetesKeyIsRefusedWithItsReason() throws Exception {
        assertThat(problems("      kubernetes.hostnetwork.enabled: \"true\"\n"))
                .containsExactly(
                        "spec.flink.flinkConfiguration[kubernetes.hostnetwork.enabled]: is not"
                                + " allowed: it changes the Flink pods or their Kubernetes objects"
                                + " (service account, host network, node placement, volumes,"
                                + " Secrets, annotations), which the platform team controls"
                                + WIDEN);
    }

    @Test
    void aProcessKeyIsRefusedWithItsReason() throws Exception {
        assertThat(problems("      env.java.opts.all: -javaagent:/tmp/agent.jar\n"))
                .containsExactly(
                        "spec.flink.flinkConfiguration[env.java.opts.all]: is not allowed: JVM"
                                + " options and the process environment (-javaagent, debug ports,"
                                + " system properties) run code the platform did not ship"
                                + WIDEN);
        assertThat(problems("      containerized.taskmanager.env.JAVA_TOOL_OPTIONS: -Dx=y\n"))
                .containsExactly(
                        "spec.flink.flinkConfiguration[containerized.taskmanager.env.JAVA_TOOL_OPTIONS]:"
                            + " is not allowed: it sets environment variables of the Flink pods"
                            + " (e.g. JAVA_TOOL_OPTIONS, or the platform's credentials)"
                                + WIDEN);
    }

    @Test
    void aSecurityOrStorageKeyIsRefusedWithItsReason() throws Exception {
        assertThat(problems("      security.ssl.internal.enabled: \"false\"\n"))
                .containsExactly(
                        "spec.flink.flinkConfiguration[security.ssl.internal.enabled]: is not"
                                + " allowed: SSL, Kerberos and delegation tokens of the Flink"
                                + " cluster are the platform's"
                                + WIDEN);
        assertThat(problems("      web.submit.enable: \"true\"\n"))
                .containsExactly(
                        "spec.flink.flinkConfiguration[web.submit.enable]: is not allowed: it"
                                + " changes the Flink web UI; web.submit.enable would let anyone"
                                + " who reaches its port run jars"
                                + WIDEN);
    }

    @Test
    void aStateKeyIsRefusedWithItsReasonAndCarvedOutOfAnAllowedPrefix() throws Exception {
        assertThat(problems("      execution.runtime-mode: BATCH\n"))
                .containsExactly(
                        "spec.flink.flinkConfiguration[execution.runtime-mode]: is not allowed: it"
                                + " changes how the job runs (runtime mode, checkpointing mode,"
                                + " ...), which the job and spec.delivery decide"
                                + WIDEN);
        assertThat(problems("      state.backend.rocksdb.options-factory: com.example.Factory\n"))
                .containsExactly(
                        "spec.flink.flinkConfiguration[state.backend.rocksdb.options-factory]: is"
                                + " not allowed: it names a class for the job to load"
                                + WIDEN);
    }

    @Test
    void aKeyNoRuleNamesIsRefused() throws Exception {
        assertThat(problems("      cluster.evenly-spread-out-slots: \"true\"\n"))
                .containsExactly(
                        "spec.flink.flinkConfiguration[cluster.evenly-spread-out-slots]: is not"
                                + " among the Flink settings a pipeline may set (README, Trust"
                                + " model)"
                                + WIDEN);
    }

    @Test
    void nothingCanStartAnotherSettingInFlinksConfigurationFile() throws Exception {
        assertThat(
                        problems(
                                "      state.backend.rocksdb.localdir: \"/tmp\\n"
                                        + "kubernetes.hostnetwork.enabled: true\"\n"))
                .containsExactly(
                        "spec.flink.flinkConfiguration[state.backend.rocksdb.localdir]: must be"
                                + " one line without control characters: no Flink setting takes"
                                + " them, and a line break would start another setting in Flink's"
                                + " configuration file");
        assertThat(
                        problems(
                                "      \"state.backend.type: rocksdb\\n"
                                        + "kubernetes.hostnetwork.enabled\": x\n"))
                .containsExactly(
                        "spec.flink.flinkConfiguration[state.backend.type: rocksdb\n"
                                + "kubernetes.hostnetwork.enabled]: is not a Flink option name:"
                                + " letters, digits, '.', '-' and '_' only");
    }

    @Test
    void allowedValuesAreChecked() throws Exception {
        assertThat(
                        problems(
                                """
                                      state.backend.type: forst
                                      state.checkpoints.dir: /data/checkpoints
                                      taskmanager.numberOfTaskSlots: "0"
                                      taskmanager.memory.managed.fraction: "1.5"
                                      restart-strategy.fixed-delay.delay: soon
                                      pipeline.auto-watermark-interval: 0 ms
                                """))
                .containsExactly(
                        "spec.flink.flinkConfiguration[pipeline.auto-watermark-interval]: '0 ms'"
                                + " must be more than 0: periodic watermarks would be off, event"
                                + " time would never advance and no time-bound pattern would"
                                + " complete",
                        "spec.flink.flinkConfiguration[restart-strategy.fixed-delay.delay]: 'soon'"
                                + " is not a duration Flink reads (e.g. 30 s, 5 min, 200 ms)",
                        "spec.flink.flinkConfiguration[state.backend.type]: 'forst' must be one of"
                                + " hashmap, rocksdb",
                        "spec.flink.flinkConfiguration[state.checkpoints.dir]: '/data/checkpoints'"
                                + " must be a URI with a scheme, e.g."
                                + " s3://flink-state/team-a/checkpoints",
                        "spec.flink.flinkConfiguration[taskmanager.memory.managed.fraction]:"
                                + " '1.5' must be a number from 0 up to 1 (e.g. 0.4)",
                        "spec.flink.flinkConfiguration[taskmanager.numberOfTaskSlots]: '0' must"
                                + " be a whole number of at least 1");
    }

    @Test
    void aWidenedAllowListAdmitsAKeyButNeverAnOwnedOne() throws Exception {
        String widened = "EP_ALLOWED_FLINK_CONFIGURATION=env.java.opts.taskmanager," + BOTH_DIRS;
        assertThat(
                        problems(
                                widened,
                                "at-least-once",
                                "      env.java.opts.taskmanager: -XX:+UseG1GC\n"))
                .isEmpty();
        // A carve-out of the defaults yields to an exact widening.
        assertThat(
                        problems(
                                "EP_ALLOWED_FLINK_CONFIGURATION=state.backend.rocksdb.options-factory,"
                                        + BOTH_DIRS,
                                "at-least-once",
                                "      state.backend.rocksdb.options-factory: com.example.F\n"))
                .isEmpty();
        assertThat(
                        problems(
                                "EP_ALLOWED_FLINK_CONFIGURATION=kubernetes.*," + BOTH_DIRS,
                                "at-least-once",
                                "      kubernetes.hostnetwork.enabled: \"true\"\n"
                                        + "      kubernetes.service-account: admin\n"))
                .containsExactly(
                        "spec.flink.flinkConfiguration[kubernetes.service-account]: is set by the"
                                + " operator: the Flink pods run as the chart's"
                                + " job.serviceAccount");
    }

    @Test
    void aWideningThatNamesAnOwnedKeyOrNoKeyStopsTheOperator() {
        assertThatThrownBy(
                        () ->
                                io.eventpipeline.operator.config.OperatorConfig.fromEnvironment(
                                        Map.of(
                                                "EP_ALLOWED_FLINK_CONFIGURATION",
                                                "s3.endpoint, kubernetes.service-account")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "EP_ALLOWED_FLINK_CONFIGURATION: kubernetes.service-account is set by the"
                                + " operator and cannot be allowed: the Flink pods run as the"
                                + " chart's job.serviceAccount");
        assertThatThrownBy(
                        () ->
                                io.eventpipeline.operator.config.OperatorConfig.fromEnvironment(
                                        Map.of("EP_ALLOWED_FLINK_CONFIGURATION", "*")))
                .hasMessage(
                        "EP_ALLOWED_FLINK_CONFIGURATION: '*' is not a Flink key (e.g."
                                + " state.backend.type) or a key prefix ending in .* (e.g."
                                + " state.backend.rocksdb.*)");
    }

    @Test
    void everyRuleTableEntryIsReachable() {
        // An owned pattern shadowed by nothing, an allowed one not swallowed by a refusal.
        for (FlinkKeyRules.Allowed allowed : FlinkKeyRules.ALLOWED) {
            String key = allowed.pattern().text().replace("*", "x");
            assertThat(OwnedFlinkKeys.owned(key)).as(key).isEmpty();
            assertThat(FlinkKeyRules.allowedByDefault(key)).as(key).isPresent();
        }
        for (OwnedFlinkKeys.Owned owned : OwnedFlinkKeys.ALL) {
            String key = owned.pattern().text().replace("*", "x");
            assertThat(FlinkConfigurationPolicy.defaults().problems(flink(key)))
                    .extracting(ValidationProblem::message)
                    .singleElement()
                    .satisfies(m -> assertThat(m).startsWith("is set by the operator: "));
        }
    }

    @Test
    void aKeyTheSpecsOwnValidationRefusesIsNamedOnce() throws Exception {
        assertThat(problems("      kubernetes.namespace: kube-system\n"))
                .containsExactly(
                        "spec.flink.flinkConfiguration[kubernetes.namespace]: cannot be set: the"
                                + " Flink Kubernetes Operator sets it and refuses deployments"
                                + " that do");
    }

    @Test
    void theReadmesTrustModelListsEveryAllowedKey() throws Exception {
        String readme = java.nio.file.Files.readString(java.nio.file.Path.of("../README.md"));
        int start = readme.indexOf("## Trust model");
        assertThat(start).as("a Trust model section").isNotNegative();
        String section = readme.substring(start, readme.indexOf("\n## ", start + 1));
        for (FlinkKeyRules.Allowed allowed : FlinkKeyRules.ALLOWED) {
            assertThat(section).contains("`" + allowed.pattern().text() + "`");
        }
    }

    static io.eventpipeline.spec.model.FlinkSpec flink(String key) {
        io.eventpipeline.spec.model.FlinkSpec flink = new io.eventpipeline.spec.model.FlinkSpec();
        flink.setFlinkConfiguration(Map.of(key, "v"));
        return flink;
    }
}
