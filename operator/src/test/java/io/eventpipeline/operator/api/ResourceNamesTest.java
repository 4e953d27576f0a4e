package io.eventpipeline.operator.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.JarFile;
import org.apache.flink.kubernetes.operator.api.FlinkDeployment;
import org.junit.jupiter.api.Test;

/**
 * The names kubectl accepts for EventPipelines resolve to nothing else. kubectl matches a name
 * against plural, singular, short names and kind of every resource the server serves, and a
 * built-in one wins: {@code kubectl get ep} lists Endpoints. Compared against the built-in
 * resources of a current Kubernetes and the CRDs of the operators that run beside ours (Flink's
 * read from its API jar, Strimzi's and the Prometheus operator's written down).
 */
class ResourceNamesTest {

    /** What kubectl resolves to a resource (aliases: short names and categories), and its owner. */
    record Resource(
            String owner, String plural, String singular, String kind, List<String> aliases) {
        Set<String> names() {
            Set<String> names = new TreeSet<>(aliases);
            names.add(plural);
            names.add(singular);
            if (!kind.equals("-")) {
                names.add(kind.toLowerCase());
            }
            return names;
        }
    }

    @Test
    void eventPipelineNamesCollideWithNothing() throws Exception {
        Resource ours = fromCrd("eventpipeline.io", CrdTest.crd());
        assertThat(ours.aliases()).as("kubectl needs a short name").isNotEmpty();
        assertThat(collisions(ours, taken())).isEmpty();
    }

    @Test
    void aCollisionIsFound() throws Exception {
        // The short name this CRD had first: core Endpoints' own.
        Resource endpointsAlias =
                new Resource(
                        "eventpipeline.io",
                        "eventpipelines",
                        "eventpipeline",
                        "EventPipeline",
                        List.of("ep"));
        assertThat(collisions(endpointsAlias, taken()))
                .containsEntry("ep", Set.of("kubernetes endpoints"));
        Resource flinkAlias =
                new Resource(
                        "eventpipeline.io",
                        "eventpipelines",
                        "eventpipeline",
                        "EventPipeline",
                        List.of("flinkdep"));
        assertThat(collisions(flinkAlias, taken()))
                .containsEntry("flinkdep", Set.of("flink.apache.org flinkdeployments"));
    }

    @Test
    void theFlinkCrdsAreReadFromTheJar() throws Exception {
        assertThat(flinkCrds())
                .extracting(Resource::plural)
                .contains("flinkdeployments", "flinksessionjobs");
    }

    /** Each of our names that another resource also answers to, with who that is. */
    static Map<String, Set<String>> collisions(Resource ours, List<Resource> others) {
        Map<String, Set<String>> found = new TreeMap<>();
        for (Resource other : others) {
            Set<String> shared = new TreeSet<>(ours.names());
            shared.retainAll(other.names());
            shared.forEach(
                    n ->
                            found.computeIfAbsent(n, k -> new TreeSet<>())
                                    .add(other.owner() + " " + other.plural()));
        }
        return found;
    }

    static List<Resource> taken() throws IOException {
        List<Resource> taken = new ArrayList<>();
        taken.addAll(written("kubernetes", "/names/kubernetes-builtin.txt"));
        taken.addAll(written("operators", "/names/operator-crds.txt"));
        taken.addAll(flinkCrds());
        return taken;
    }

    /** Lines of plural, singular, Kind and comma-separated short names ("-" for none). */
    static List<Resource> written(String owner, String resource) throws IOException {
        List<Resource> resources = new ArrayList<>();
        try (InputStream in = ResourceNamesTest.class.getResourceAsStream(resource);
                BufferedReader lines =
                        new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.trim().split("\\s+");
                resources.add(
                        new Resource(
                                owner,
                                f[0],
                                f[1],
                                f[2],
                                f[3].equals("-") ? List.of() : List.of(f[3].split(","))));
            }
        }
        return resources;
    }

    /** Every CRD the Flink operator's API jar ships under META-INF/fabric8/. */
    static List<Resource> flinkCrds() {
        try (JarFile jar = new JarFile(jarOf(FlinkDeployment.class).toFile())) {
            List<Resource> crds = new ArrayList<>();
            var entries = Collections.list(jar.entries());
            for (var entry : entries) {
                if (entry.getName().startsWith("META-INF/fabric8/")
                        && entry.getName().endsWith(".yml")) {
                    try (InputStream in = jar.getInputStream(entry)) {
                        crds.add(fromCrd("flink.apache.org", new YAMLMapper().readTree(in)));
                    }
                }
            }
            return crds;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Resource fromCrd(String owner, JsonNode crd) {
        JsonNode names = crd.path("spec").path("names");
        List<String> shortNames = new ArrayList<>();
        names.path("shortNames").forEach(n -> shortNames.add(n.asText()));
        List<String> all = new ArrayList<>(shortNames);
        names.path("categories").forEach(n -> all.add(n.asText()));
        return new Resource(
                owner,
                names.path("plural").asText(),
                names.path("singular").asText(),
                names.path("kind").asText(),
                all);
    }

    private static Path jarOf(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
