package io.eventpipeline.operator.chart;

import com.marcnuri.helm.Helm;
import io.eventpipeline.operator.config.OperatorConfig;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The chart under helm/, rendered by real helm (helm-java) and parsed into Kubernetes objects. */
public final class HelmChart {
    /** Tests run in the operator module's directory. */
    static final Path DIR = Path.of("../helm/eventpipeline-operator");

    public static final String RELEASE = "ep";
    public static final String NAMESPACE = "operators";
    public static final String FULLNAME = "ep-eventpipeline-operator";

    /** What the downward API gives the pod as metadata.name. */
    static final String POD_NAME = FULLNAME + "-7d9f8-x2x4k";

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private HelmChart() {}

    /** {@code helm template} with these values (YAML; lists survive a file, not {@code --set}). */
    public static Rendered template(String valuesYaml) {
        Path values = valuesFile(valuesYaml);
        try {
            return new Rendered(
                    parse(
                            new Helm(DIR)
                                    .template()
                                    .withName(RELEASE)
                                    .withNamespace(NAMESPACE)
                                    .withValuesFile(values)
                                    .call()));
        } finally {
            delete(values);
        }
    }

    /** What {@code helm install} prints (NOTES.txt included), client-only and dry run. */
    static String installOutput(String release, String namespace, String valuesYaml) {
        Path values = valuesFile(valuesYaml);
        try {
            return new Helm(DIR)
                    .install()
                    .withName(release)
                    .withNamespace(namespace)
                    .withValuesFile(values)
                    .clientOnly()
                    .dryRun()
                    .call()
                    .getOutput();
        } finally {
            delete(values);
        }
    }

    static Path valuesFile(String valuesYaml) {
        try {
            Path file = Files.createTempFile("values", ".yaml");
            Files.writeString(file, valuesYaml);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<HasMetadata> parse(String manifests) {
        return Arrays.stream(manifests.split("(?m)^---\\s*$"))
                .filter(HelmChart::hasContent)
                .map(doc -> (HasMetadata) SERIALIZATION.unmarshal(doc))
                .toList();
    }

    /**
     * helm puts a "# Source:" comment before each document; a document of comments only is empty.
     */
    private static boolean hasContent(String document) {
        return document.lines()
                .map(String::strip)
                .anyMatch(line -> !line.isEmpty() && !line.startsWith("#"));
    }

    /** The objects of one rendering. */
    public record Rendered(List<HasMetadata> objects) {
        public <T extends HasMetadata> List<T> all(Class<T> type) {
            return objects.stream().filter(type::isInstance).map(type::cast).toList();
        }

        List<HasMetadata> ofKind(String kind) {
            return objects.stream().filter(o -> kind.equals(o.getKind())).toList();
        }

        /** The object of this type and name; fails when there is none. */
        public <T extends HasMetadata> T named(Class<T> type, String name) {
            return all(type).stream()
                    .filter(o -> name.equals(o.getMetadata().getName()))
                    .findFirst()
                    .orElseThrow(
                            () -> new AssertionError("no " + type.getSimpleName() + " " + name));
        }

        public <T extends HasMetadata> T one(Class<T> type) {
            List<T> found = all(type);
            if (found.size() != 1) {
                throw new AssertionError(
                        "expected one " + type.getSimpleName() + ", found " + found.size());
            }
            return found.get(0);
        }

        Deployment deployment() {
            return one(Deployment.class);
        }

        /**
         * The operator container's environment as the process would see it, the downward API
         * resolved as Kubernetes would.
         */
        Map<String, String> operatorEnvironment() {
            Map<String, String> env = new LinkedHashMap<>();
            for (EnvVar var :
                    deployment()
                            .getSpec()
                            .getTemplate()
                            .getSpec()
                            .getContainers()
                            .get(0)
                            .getEnv()) {
                env.put(var.getName(), resolve(var));
            }
            return env;
        }

        /** The operator's configuration as it would start from this rendering. */
        public OperatorConfig operatorConfig() {
            return OperatorConfig.fromEnvironment(operatorEnvironment());
        }

        private static String resolve(EnvVar var) {
            if (var.getValueFrom() == null) {
                return var.getValue();
            }
            String field = var.getValueFrom().getFieldRef().getFieldPath();
            return switch (field) {
                case "metadata.name" -> POD_NAME;
                case "metadata.namespace" -> NAMESPACE;
                default -> throw new AssertionError("unexpected fieldRef " + field);
            };
        }
    }
}
