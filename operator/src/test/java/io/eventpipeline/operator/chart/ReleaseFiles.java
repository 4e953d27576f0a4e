package io.eventpipeline.operator.chart;

import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathFactory;

/**
 * The files a release is made of, read as the release workflow and the documentation read them: the
 * poms, the chart's Chart.yaml and values.yaml, the workflow, the READMEs.
 */
final class ReleaseFiles {
    /** Tests run in the operator module's directory. */
    static final Path ROOT = Path.of("..");

    static final Path README = ROOT.resolve("README.md");
    static final Path CHART_README = HelmChart.DIR.resolve("README.md");
    static final Path RELEASE_WORKFLOW = ROOT.resolve(".github/workflows/release.yml");

    private static final KubernetesSerialization YAML = new KubernetesSerialization();

    private ReleaseFiles() {}

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Map<String, Object> yaml(Path file) {
        @SuppressWarnings("unchecked")
        Map<String, Object> map = YAML.unmarshal(read(file), Map.class);
        return map;
    }

    /** An XPath expression evaluated on a pom, e.g. {@code /project/version}. */
    static String pom(Path pom, String xpath) {
        try {
            return XPathFactory.newInstance()
                    .newXPath()
                    .evaluate(
                            xpath,
                            DocumentBuilderFactory.newInstance()
                                    .newDocumentBuilder()
                                    .parse(pom.toFile()));
        } catch (Exception e) {
            throw new IllegalStateException("cannot read " + xpath + " of " + pom, e);
        }
    }

    /** The Maven project version, e.g. 0.1.0-SNAPSHOT. */
    static String projectVersion() {
        return pom(ROOT.resolve("pom.xml"), "/project/version");
    }

    /** The version a release of this tree is tagged and published with. */
    static String releaseVersion() {
        return projectVersion().replace("-SNAPSHOT", "");
    }

    static Map<String, Object> chart() {
        return yaml(HelmChart.DIR.resolve("Chart.yaml"));
    }

    static Map<String, Object> values() {
        return yaml(HelmChart.DIR.resolve("values.yaml"));
    }

    /** A nested value by its dotted path, e.g. {@code job.image.repository}. */
    static Object at(Map<String, Object> map, String path) {
        Object node = map;
        for (String key : path.split("\\.")) {
            if (!(node instanceof Map<?, ?> m) || !m.containsKey(key)) {
                throw new AssertionError("no " + path);
            }
            node = m.get(key);
        }
        return node;
    }

    /** The steps of the release workflow's one job. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> releaseSteps() {
        Map<String, Object> jobs = (Map<String, Object>) yaml(RELEASE_WORKFLOW).get("jobs");
        return (List<Map<String, Object>>) at(jobs, "release.steps");
    }

    static String releaseEnv(String name) {
        return (String) at(yaml(RELEASE_WORKFLOW), "env." + name);
    }
}
