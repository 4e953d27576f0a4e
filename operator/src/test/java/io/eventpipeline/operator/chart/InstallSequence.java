package io.eventpipeline.operator.chart;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The copy-paste install sequence a README gives between its {@code <!-- install-sequence -->}
 * markers, and the commands in it (and in the chart's install notes).
 */
record InstallSequence(String text) {
    private static final String START = "<!-- install-sequence";
    private static final String END = "<!-- /install-sequence -->";

    static InstallSequence in(Path markdown) {
        String doc = ReleaseFiles.read(markdown);
        int start = doc.indexOf(START);
        assertThat(start).as("an install sequence in " + markdown).isNotNegative();
        int end = doc.indexOf(END, start);
        assertThat(end).as("the end of the install sequence in " + markdown).isPositive();
        assertThat(doc.indexOf(START, end)).as("one install sequence in " + markdown).isNegative();
        return new InstallSequence(doc.substring(doc.indexOf('\n', start) + 1, end));
    }

    /** The shell commands: continued lines joined, comments and heredoc bodies left out. */
    List<String> commands() {
        return commands(text);
    }

    static List<String> commands(String text) {
        List<String> commands = new ArrayList<>();
        StringBuilder command = new StringBuilder();
        boolean inHeredoc = false;
        for (String raw : text.lines().toList()) {
            String line = raw.strip();
            if (inHeredoc) {
                inHeredoc = !line.equals("YAML");
                continue;
            }
            if (command.isEmpty()
                    && (line.isEmpty() || line.startsWith("#") || line.startsWith("`"))) {
                continue;
            }
            if (line.endsWith("\\")) {
                command.append(line, 0, line.length() - 1).append(' ');
                continue;
            }
            command.append(line);
            commands.add(command.toString().replaceAll("\\s+", " "));
            command.setLength(0);
            inHeredoc = line.contains("<<'YAML'");
        }
        return commands;
    }

    /** The kubectl commands among some text's lines (NOTES.txt has prose around them). */
    static List<String> kubectlCommands(String text) {
        return commands(text).stream().filter(c -> c.matches("(.*\\| )?kubectl .*")).toList();
    }

    /** The YAML between "<<'YAML'" and "YAML", its indentation removed. */
    static String heredoc(String text) {
        List<String> lines = text.lines().toList();
        int start = 0;
        while (start < lines.size() && !lines.get(start).contains("<<'YAML'")) {
            start++;
        }
        assertThat(start).as("a heredoc in:\n" + text).isLessThan(lines.size());
        List<String> body = new ArrayList<>();
        for (int i = start + 1; i < lines.size() && !lines.get(i).strip().equals("YAML"); i++) {
            body.add(lines.get(i));
        }
        // Without a line end after the last line, which would count as a line indented by 0.
        return String.join("\n", body).stripIndent();
    }

    /** The {@code helm install} of this chart, or of another one when {@code chart} says so. */
    HelmInstall helmInstall(String chartSuffix) {
        List<HelmInstall> installs =
                commands().stream()
                        .filter(c -> c.startsWith("helm install "))
                        .map(HelmInstall::parse)
                        .filter(i -> i.chart().endsWith(chartSuffix))
                        .toList();
        assertThat(installs).as("one helm install of *%s", chartSuffix).hasSize(1);
        return installs.get(0);
    }

    /** A {@code helm install RELEASE CHART [flags]} command line. */
    record HelmInstall(
            String release,
            String chart,
            String namespace,
            String version,
            Map<String, String> sets) {

        /**
         * The {@code --set} flags as a values file: dotted keys nest, {@code {a,b}} is a list
         * (helm's own reading of them).
         */
        String valuesYaml() {
            Map<String, Object> values = new LinkedHashMap<>();
            sets.forEach(
                    (key, value) -> {
                        Map<String, Object> node = values;
                        String[] path = key.split("\\.");
                        for (int i = 0; i < path.length - 1; i++) {
                            @SuppressWarnings("unchecked")
                            Map<String, Object> child =
                                    (Map<String, Object>)
                                            node.computeIfAbsent(
                                                    path[i],
                                                    k -> new LinkedHashMap<String, Object>());
                            node = child;
                        }
                        node.put(
                                path[path.length - 1],
                                value.startsWith("{") && value.endsWith("}")
                                        ? List.of(value.substring(1, value.length() - 1).split(","))
                                        : value);
                    });
            return new KubernetesSerialization().asYaml(values);
        }

        static HelmInstall parse(String command) {
            List<String> words = words(command);
            String namespace = null;
            String version = null;
            Map<String, String> sets = new LinkedHashMap<>();
            for (int i = 4; i < words.size(); i++) {
                switch (words.get(i)) {
                    case "-n", "--namespace" -> namespace = words.get(++i);
                    case "--version" -> version = words.get(++i);
                    case "--set" -> {
                        String set = words.get(++i);
                        sets.put(
                                set.substring(0, set.indexOf('=')),
                                set.substring(set.indexOf('=') + 1));
                    }
                    case "--create-namespace" -> {}
                    default ->
                            throw new AssertionError(
                                    "unexpected " + words.get(i) + " in " + command);
                }
            }
            return new HelmInstall(words.get(2), words.get(3), namespace, version, sets);
        }

        /** Words as the shell splits them; single quotes group and are removed. */
        static List<String> words(String command) {
            List<String> words = new ArrayList<>();
            StringBuilder word = new StringBuilder();
            boolean quoted = false;
            for (char c : command.toCharArray()) {
                if (c == '\'') {
                    quoted = !quoted;
                } else if (c == ' ' && !quoted) {
                    if (!word.isEmpty()) {
                        words.add(word.toString());
                        word.setLength(0);
                    }
                } else {
                    word.append(c);
                }
            }
            if (!word.isEmpty()) {
                words.add(word.toString());
            }
            return words;
        }
    }
}
