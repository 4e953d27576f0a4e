package io.eventpipeline.operator.flink;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The job image enables a filesystem plugin for every state-path scheme the docs show, and exactly
 * one for s3:// (both S3 plugins register it). Images cannot be built here, so the Dockerfile is
 * read.
 */
class JobImagePluginsTest {
    static final Path DOCKERFILE = Path.of("../pipeline-job/Dockerfile");

    static List<String> enabledPlugins() throws Exception {
        String dockerfile = Files.readString(DOCKERFILE);
        Matcher loop = Pattern.compile("for plugin in ([a-z0-9 -]+); do").matcher(dockerfile);
        assertThat(loop.find()).as("the plugin loop in " + DOCKERFILE).isTrue();
        assertThat(dockerfile).contains("cp /opt/flink/opt/flink-${plugin}-*.jar");
        return List.of(loop.group(1).trim().split("\\s+"));
    }

    @Test
    void oneS3PluginAndOneForEachOtherSchemeTheDocsShow() throws Exception {
        List<String> plugins = enabledPlugins();
        assertThat(plugins)
                .containsExactlyInAnyOrder("s3-fs-presto", "gs-fs-hadoop", "azure-fs-hadoop");
        assertThat(plugins.stream().filter(p -> p.startsWith("s3-"))).hasSize(1);
    }

    @Test
    void everyStatePathSchemeInTheReadmeHasAPlugin() throws Exception {
        String readme = Files.readString(Path.of("../README.md"));
        Matcher uri = Pattern.compile("\\b([a-z][a-z0-9]*)://").matcher(readme);
        List<String> schemes = new ArrayList<>();
        while (uri.find()) {
            String scheme = uri.group(1);
            // oci:// names the published chart, not a state path.
            if (!List.of("http", "https", "local", "file", "oci").contains(scheme)
                    && !schemes.contains(scheme)) {
                schemes.add(scheme);
            }
        }
        assertThat(schemes).contains("s3", "gs", "abfss");
        List<String> plugins = enabledPlugins();
        for (String scheme : schemes) {
            String plugin =
                    switch (scheme) {
                        case "s3" -> "s3-fs-presto";
                        case "gs" -> "gs-fs-hadoop";
                        case "abfs", "abfss", "wasb", "wasbs" -> "azure-fs-hadoop";
                        default -> "none for " + scheme;
                    };
            assertThat(plugins).as("plugin for " + scheme + "://").contains(plugin);
        }
    }
}
