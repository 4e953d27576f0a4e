package io.eventpipeline.operator.chart;

import static io.eventpipeline.operator.chart.ReleaseFiles.at;
import static io.eventpipeline.operator.chart.ReleaseFiles.read;
import static io.eventpipeline.operator.chart.ReleaseFiles.releaseEnv;
import static io.eventpipeline.operator.chart.ReleaseFiles.releaseSteps;
import static io.eventpipeline.operator.chart.ReleaseFiles.releaseVersion;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * One version everywhere a release names one: the pom, the chart, the image tags the chart renders
 * by default, what the release workflow pushes, and the commands in the documentation.
 */
class ReleaseLockstepTest {
    static final String OPERATOR_TAG =
            "${{ env.OPERATOR_IMAGE }}:${{ steps.version.outputs.version }}";
    static final String JOB_TAG = "${{ env.JOB_IMAGE }}:${{ steps.version.outputs.version }}";
    static final String POM_VERSION_COMMAND =
            "./mvnw -B -q help:evaluate -Dexpression=project.version -DforceStdout";

    @Test
    void theChartsVersionAndAppVersionAreTheReleaseVersionOfThePom() {
        assertThat(ReleaseFiles.projectVersion()).matches("\\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
        assertThat(ReleaseFiles.chart())
                .containsEntry("version", releaseVersion())
                .containsEntry("appVersion", releaseVersion());
    }

    @Test
    void byDefaultTheChartRunsTheImagesOfTheReleaseVersion() {
        HelmChart.Rendered rendered = HelmChart.template("");
        Map<String, Object> values = ReleaseFiles.values();

        assertThat(HelmChartTest.container(rendered).getImage())
                .isEqualTo(at(values, "image.repository") + ":" + releaseVersion());
        assertThat(rendered.operatorEnvironment())
                .containsEntry(
                        "EP_JOB_IMAGE",
                        at(values, "job.image.repository") + ":" + releaseVersion());
    }

    @Test
    void theReleaseWorkflowPushesTheChartsImageRepositoriesTaggedWithTheReleasedVersion() {
        Map<String, Object> values = ReleaseFiles.values();
        assertThat(releaseEnv("OPERATOR_IMAGE")).isEqualTo(at(values, "image.repository"));
        assertThat(releaseEnv("JOB_IMAGE")).isEqualTo(at(values, "job.image.repository"));

        Map<String, String> tagsByContext = new TreeMap<>();
        for (Map<String, Object> step : releaseSteps()) {
            if (String.valueOf(step.get("uses")).startsWith("docker/build-push-action@")) {
                @SuppressWarnings("unchecked")
                Map<String, Object> with = (Map<String, Object>) step.get("with");
                assertThat(with).containsEntry("push", true);
                tagsByContext.put((String) with.get("context"), (String) with.get("tags"));
            }
        }
        assertThat(tagsByContext)
                .isEqualTo(Map.of("operator", OPERATOR_TAG, "pipeline-job", JOB_TAG));
    }

    @Test
    void theReleaseWorkflowPushesThisChartToTheRegistryTheDocumentationInstallsFrom() {
        assertThat(ReleaseFiles.ROOT.resolve(releaseEnv("CHART_DIR")).normalize())
                .isEqualTo(HelmChart.DIR.normalize());
        String push = run(step("Push the chart"));
        assertThat(push)
                .contains("helm package \"$CHART_DIR\" --destination target/chart")
                .contains(
                        "helm push \"target/chart/"
                                + ReleaseFiles.chart().get("name")
                                + "-$VERSION.tgz\" \"$CHART_REPOSITORY\"");
        assertThat(releaseEnv("CHART_REPOSITORY")).isEqualTo("oci://ghcr.io/eventpipeline/charts");
    }

    @Test
    void theReleaseWorkflowPublishesOnlyATagThatIsThePomAndChartVersion() throws Exception {
        String release = releaseVersion();
        assertThat(checkTag("v" + release, release)).isEqualTo("version=" + release + "\n");
        // A tag of a snapshot, or of a version the chart does not carry, publishes nothing.
        assertThat(checkTag("v" + release, release + "-SNAPSHOT")).isNull();
        assertThat(checkTag("v99.0.0", "99.0.0")).isNull();
        assertThat(checkTag("v99.0.0", release)).isNull();
    }

    @Test
    void bothImagesBuildFromAJarNamedWithoutTheVersion() {
        assertThat(
                        ReleaseFiles.pom(
                                ReleaseFiles.ROOT.resolve("operator/pom.xml"),
                                "/project/build/finalName"))
                .isEqualTo("eventpipeline-operator");
        assertThat(read(ReleaseFiles.ROOT.resolve("operator/Dockerfile")))
                .contains("COPY target/eventpipeline-operator.jar ");
        assertThat(read(ReleaseFiles.ROOT.resolve("operator/.dockerignore")))
                .contains("!target/eventpipeline-operator.jar")
                .contains("!target/lib");
        assertThat(read(ReleaseFiles.ROOT.resolve("pipeline-job/pom.xml")))
                .contains("<finalName>pipeline-job</finalName>");
        assertThat(read(ReleaseFiles.ROOT.resolve("pipeline-job/Dockerfile")))
                .contains("COPY --chown=9999:9999 target/pipeline-job.jar ");
    }

    /** README's render command: {@code java -jar}, its classpath the lib/ folder beside it. */
    @Test
    void theOperatorJarRunsWithJavaJarFromTheLibFolderBesideIt() {
        Path pom = ReleaseFiles.ROOT.resolve("operator/pom.xml");
        String plugins = "/project/build/plugins/plugin";
        String manifest =
                plugins + "[artifactId='maven-jar-plugin']/configuration/archive/manifest/";
        assertThat(ReleaseFiles.pom(pom, manifest + "mainClass"))
                .isEqualTo(io.eventpipeline.operator.Main.class.getName());
        assertThat(ReleaseFiles.pom(pom, manifest + "addClasspath")).isEqualTo("true");
        assertThat(ReleaseFiles.pom(pom, manifest + "classpathPrefix")).isEqualTo("lib/");
        assertThat(
                        ReleaseFiles.pom(
                                pom,
                                plugins
                                        + "[artifactId='maven-dependency-plugin']/executions"
                                        + "/execution/configuration/outputDirectory"))
                .isEqualTo("${project.build.directory}/lib");
        assertThat(read(ReleaseFiles.README))
                .contains("java -jar operator/target/eventpipeline-operator.jar render -f")
                .doesNotContain("java -cp 'operator/target/lib/*");
    }

    @Test
    void theDocumentationNamesTheReleaseVersionWhereverItNamesAnImageOrTheChart() {
        Pattern image =
                Pattern.compile("/(?:eventpipeline-operator|pipeline-job):(\\d+\\.\\d+\\.\\d+)");
        Pattern chart =
                Pattern.compile(
                        "(?:charts/eventpipeline-operator --version|targetRevision:|version:)"
                                + " \"?(\\d+\\.\\d+\\.\\d+)");
        List<Path> docs =
                List.of(
                        ReleaseFiles.README,
                        ReleaseFiles.CHART_README,
                        ReleaseFiles.ROOT.resolve("operator/Dockerfile"),
                        ReleaseFiles.ROOT.resolve("pipeline-job/Dockerfile"));
        int found = 0;
        for (Path doc : docs) {
            for (Pattern pattern : List.of(image, chart)) {
                Matcher matcher = pattern.matcher(read(doc));
                while (matcher.find()) {
                    found++;
                    assertThat(matcher.group(1))
                            .as("%s in %s", matcher.group(), doc)
                            .isEqualTo(releaseVersion());
                }
            }
        }
        assertThat(found).isGreaterThanOrEqualTo(10);
    }

    /**
     * Runs the workflow's version check as the runner would (bash -e), with the pom's version as
     * given: the version it outputs, or null when it fails.
     */
    static String checkTag(String tag, String pomVersion) throws IOException, InterruptedException {
        String script = run(step("The tag names the version of the pom and of the chart"));
        assertThat(script).contains("\"$(" + POM_VERSION_COMMAND + ")\"");
        script = script.replace(POM_VERSION_COMMAND, "echo " + pomVersion);
        Path output = Files.createTempFile("github-output", ".txt");
        try {
            ProcessBuilder bash =
                    new ProcessBuilder("bash", "-e", "-c", script)
                            .directory(ReleaseFiles.ROOT.toFile())
                            .redirectErrorStream(true);
            bash.environment().put("GITHUB_REF_NAME", tag);
            bash.environment().put("GITHUB_OUTPUT", output.toString());
            bash.environment().put("CHART_DIR", releaseEnv("CHART_DIR"));
            Process process = bash.start();
            String log =
                    new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int exit = process.waitFor();
            if (exit != 0) {
                assertThat(log).contains("::error::tag " + tag);
                return null;
            }
            return Files.readString(output);
        } finally {
            Files.deleteIfExists(output);
        }
    }

    static Map<String, Object> step(String name) {
        return releaseSteps().stream()
                .filter(s -> name.equals(s.get("name")))
                .findFirst()
                .orElseThrow(
                        () ->
                                new AssertionError(
                                        "no step "
                                                + name
                                                + " in "
                                                + releaseSteps().stream()
                                                        .map(s -> s.get("name"))
                                                        .collect(Collectors.toList())));
    }

    static String run(Map<String, Object> step) {
        return (String) step.get("run");
    }
}
