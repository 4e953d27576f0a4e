package io.eventpipeline.operator.chart;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventpipeline.operator.chart.InstallSequence.HelmInstall;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The install sequence is one: the README, the chart's README and the notes {@code helm install}
 * prints give the same release, namespace, values and commands.
 */
class InstallSequenceTest {
    static final String CHART = "/eventpipeline-operator";

    @Test
    void bothReadmesGiveTheSameInstallSequence() {
        InstallSequence readme = InstallSequence.in(ReleaseFiles.README);
        assertThat(readme.commands()).hasSizeGreaterThan(10);
        assertThat(InstallSequence.in(ReleaseFiles.CHART_README)).isEqualTo(readme);
    }

    @Test
    void itInstallsThePublishedChartOfThisRelease() {
        HelmInstall install = sequence().helmInstall(CHART);
        assertThat(install.chart())
                .isEqualTo(
                        ReleaseFiles.releaseEnv("CHART_REPOSITORY")
                                + "/"
                                + ReleaseFiles.chart().get("name"));
        assertThat(install.version()).isEqualTo(ReleaseFiles.releaseVersion());
        assertThat(install.namespace()).isNotBlank();
        assertThat(install.sets())
                .containsKeys(
                        "kafka.bootstrapServers",
                        "watchNamespaces",
                        "job.checkpointDir",
                        "job.savepointDir");
    }

    @Test
    void theFlinkOperatorItInstallsIsTheOneTheOperatorIsBuiltAgainstAndWatchesThePipelines() {
        InstallSequence sequence = sequence();
        HelmInstall flink = sequence.helmInstall("/flink-kubernetes-operator");
        String apiVersion =
                ReleaseFiles.pom(
                        ReleaseFiles.ROOT.resolve("pom.xml"),
                        "/project/properties/flink-operator-api.version");
        assertThat(flink.version()).isEqualTo(apiVersion);
        assertThat(sequence.commands())
                .anyMatch(
                        c ->
                                c.matches(
                                        "helm repo add \\S+ \\S+/flink-kubernetes-operator-"
                                                + apiVersion.replace(".", "\\.")
                                                + "/"));

        String watched = sequence.helmInstall(CHART).sets().get("watchNamespaces");
        assertThat(flink.sets()).containsEntry("watchNamespaces", watched);
        for (String namespace : watched.replaceAll("[{}]", "").split(",")) {
            assertThat(sequence.commands()).contains("kubectl create namespace " + namespace);
        }
    }

    @Test
    void theNotesForTheSequencesValuesRepeatItsCommandsAndItsFirstPipeline() {
        InstallSequence sequence = sequence();
        HelmInstall install = sequence.helmInstall(CHART);
        String notes =
                HelmChart.installOutput(
                        install.release(), install.namespace(), install.valuesYaml());

        List<String> kubectl = InstallSequence.kubectlCommands(notes);
        assertThat(kubectl)
                .as(notes)
                .hasSizeGreaterThanOrEqualTo(4)
                .anyMatch(c -> c.contains(" rollout status "))
                .allMatch(sequence.commands()::contains);
        assertThat(InstallSequence.heredoc(notes))
                .isEqualTo(InstallSequence.heredoc(sequence.text()));
        assertEveryKubectlCommandNamesANamespace(notes);
    }

    @Test
    void everyKubectlCommandInTheNotesNamesItsNamespace() {
        for (String values :
                List.of(
                        "",
                        "watchNamespaces: [team-a, team-b]\n",
                        "kafka: {bootstrapServers: kafka:9092}\n"
                                + "job: {checkpointDir: s3://s/c, savepointDir: s3://s/s}\n")) {
            assertEveryKubectlCommandNamesANamespace(notes(values));
        }
    }

    static void assertEveryKubectlCommandNamesANamespace(String notes) {
        assertThat(InstallSequence.kubectlCommands(notes))
                .as(notes)
                .isNotEmpty()
                .allMatch(InstallSequenceTest::namesANamespace);
    }

    static boolean namesANamespace(String command) {
        List<String> words = HelmInstall.words(command);
        return words.subList(words.indexOf("kubectl"), words.size()).stream()
                .anyMatch(
                        w ->
                                List.of("-n", "--namespace", "-A", "--all-namespaces").contains(w)
                                        || w.startsWith("--namespace="));
    }

    static String notes(String valuesYaml) {
        return HelmChart.installOutput(HelmChart.RELEASE, HelmChart.NAMESPACE, valuesYaml);
    }

    static InstallSequence sequence() {
        return InstallSequence.in(ReleaseFiles.README);
    }
}
