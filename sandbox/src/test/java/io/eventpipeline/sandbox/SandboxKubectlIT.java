package io.eventpipeline.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real kubectl against the sandbox's API server: each verb works as on a cluster or is refused
 * with one line that says what works instead. Writes must change nothing when they are dry runs.
 * One API server for the class; each test has a pipeline of its own.
 */
class SandboxKubectlIT {
    private static final String EXAMPLE = "examples/flight-delays.yaml";
    @TempDir static Path workDir;
    private static SandboxKubernetes kube;
    private static Kubectl kubectl;

    @BeforeAll
    static void startApiServer() {
        Kubectl.assumeInstalled();
        kube = SandboxKubernetes.start(0, workDir);
        kubectl = new Kubectl(kube.kubeconfig());
    }

    @AfterAll
    static void stopApiServer() {
        if (kube != null) {
            kube.close();
        }
    }

    /** The example under another name, created; returns its manifest file. */
    private static Path pipeline(String name) throws Exception {
        Path file = manifest(name, Files.readString(Path.of(EXAMPLE)));
        kubectl.ok("create", "-f", file.toString());
        return file;
    }

    private static Path manifest(String name, String yaml) throws Exception {
        Path file = workDir.resolve(name + ".yaml");
        Files.writeString(file, yaml.replace("name: flight-delays", "name: " + name));
        return file;
    }

    private static String live(String name) {
        return kubectl.ok("get", "evp", name, "-n", "airline", "-o", "json");
    }

    private static String patternNames(String name) {
        return kubectl.ok(
                "get",
                "evp",
                name,
                "-n",
                "airline",
                "-o",
                "jsonpath={range .spec.patterns[*]}{.name}{\" \"}{end}");
    }

    @Test
    void patchDryRunServerStoresNothing() throws Exception {
        pipeline("patch-dry-run");
        String before = live("patch-dry-run");

        String out =
                kubectl.ok(
                        "patch",
                        "evp",
                        "patch-dry-run",
                        "-n",
                        "airline",
                        "--type",
                        "merge",
                        "-p",
                        "{\"spec\":{\"suspend\":true}}",
                        "--dry-run=server",
                        "-o",
                        "jsonpath={.spec.suspend}");

        assertThat(out).isEqualTo("true");
        assertThat(live("patch-dry-run")).isEqualTo(before);
    }

    @Test
    void getShowsTheCrdsPrinterColumns() throws Exception {
        pipeline("columns");

        String table = kubectl.ok("get", "evp", "-n", "airline");
        String one = kubectl.ok("get", "evp", "columns", "-n", "airline", "--no-headers");
        String all = kubectl.ok("get", "evp", "-A");

        assertThat(table.lines().findFirst().orElseThrow().split("\\s+"))
                .containsExactly("NAME", "AGE", "INPUT", "OUTPUT", "READY", "PHASE");
        assertThat(one.split("\\s+"))
                .startsWith("columns")
                .contains("flight-events", "flight-alerts");
        assertThat(all.lines().findFirst().orElseThrow()).startsWith("NAMESPACE").contains("INPUT");
        assertThat(all).containsPattern("airline\\s+columns\\s+\\d+s\\s+flight-events");
    }

    @Test
    void applyDryRunServerStoresNothing() throws Exception {
        Path file = pipeline("apply-dry-run");
        String before = live("apply-dry-run");
        Files.writeString(file, Files.readString(file).replace("parallelism: 2", "parallelism: 1"));

        String out = kubectl.ok("apply", "--dry-run=server", "-f", file.toString());

        assertThat(out).contains("apply-dry-run", "(server dry run)");
        assertThat(live("apply-dry-run")).isEqualTo(before);
    }

    @Test
    void dryRunsOfCreateAndDeleteStoreNothing() throws Exception {
        Path file = manifest("dry-created", Files.readString(Path.of(EXAMPLE)));
        pipeline("dry-deleted");
        String before = live("dry-deleted");

        assertThat(kubectl.ok("apply", "--dry-run=server", "-f", file.toString()))
                .contains("dry-created created (server dry run)");
        assertThat(kubectl.ok("delete", "evp", "dry-deleted", "-n", "airline", "--dry-run=server"))
                .contains("deleted (server dry run)");

        assertThat(kubectl.run("get", "evp", "dry-created", "-n", "airline").err())
                .contains("NotFound");
        assertThat(live("dry-deleted")).isEqualTo(before);
    }

    @Test
    void diffShowsTheChangeAndStoresNothing() throws Exception {
        Path file = pipeline("diff");
        String before = live("diff");
        Files.writeString(file, Files.readString(file).replace("parallelism: 2", "parallelism: 1"));

        Kubectl.Result diff = kubectl.run("diff", "-f", file.toString());

        assertThat(diff.exitCode()).as(diff.all()).isEqualTo(1); // 1: differences found
        assertThat(diff.out()).contains("-    parallelism: 2", "+    parallelism: 1");
        assertThat(diff.out()).doesNotContain("+  - afterMatch");
        assertThat(live("diff")).isEqualTo(before);
    }

    @Test
    void mergePatchReplacesListsWhole() throws Exception {
        pipeline("merge-patch");
        String patterns =
                kubectl.ok(
                        "get",
                        "evp",
                        "merge-patch",
                        "-n",
                        "airline",
                        "-o",
                        "jsonpath={.spec.patterns}");

        kubectl.ok(
                "patch",
                "evp",
                "merge-patch",
                "-n",
                "airline",
                "--type",
                "merge",
                "-p",
                "{\"spec\":{\"patterns\":" + patterns + ",\"suspend\":true}}");

        assertThat(patternNames("merge-patch")).isEqualTo("delay-then-gate-change ");
        kubectl.ok(
                "patch",
                "evp",
                "merge-patch",
                "-n",
                "airline",
                "--type",
                "merge",
                "-p",
                "{\"spec\":{\"suspend\":null}}");
        assertThat(live("merge-patch")).doesNotContain("\"suspend\"");
    }

    @Test
    void jsonPatchAppliesItsOperations() throws Exception {
        pipeline("json-patch");

        kubectl.ok(
                "patch",
                "evp",
                "json-patch",
                "-n",
                "airline",
                "--type",
                "json",
                "-p",
                "[{\"op\":\"replace\",\"path\":\"/spec/patterns/0/name\",\"value\":\"renamed\"}]");

        assertThat(patternNames("json-patch")).isEqualTo("renamed ");
    }

    @Test
    void strategicMergePatchIsRefusedAsForEveryCustomResource() throws Exception {
        pipeline("strategic");

        Kubectl.Result result =
                kubectl.run(
                        "patch",
                        "evp",
                        "strategic",
                        "-n",
                        "airline",
                        "-p",
                        "{\"spec\":{\"suspend\":true}}");

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.err()).contains("unknown format", "application/merge-patch+json");
    }

    @Test
    void editChangesTheObjectWithoutDoublingLists() throws Exception {
        pipeline("edit");
        Path editor = workDir.resolve("editor.sh");
        Files.writeString(editor, "#!/bin/sh\nsed -i 's/parallelism: 2/parallelism: 3/' \"$1\"\n");
        editor.toFile().setExecutable(true);

        Kubectl.Result result =
                kubectl.run(
                        Map.of("KUBE_EDITOR", editor.toString()),
                        null,
                        "edit",
                        "evp",
                        "edit",
                        "-n",
                        "airline");

        assertThat(result.exitCode()).as(result.all()).isZero();
        assertThat(
                        kubectl.ok(
                                "get",
                                "evp",
                                "edit",
                                "-n",
                                "airline",
                                "-o",
                                "jsonpath={.spec.flink.parallelism}"))
                .isEqualTo("3");
        assertThat(patternNames("edit")).isEqualTo("delay-then-gate-change ");
    }

    @Test
    void protobufBodiesAreRefusedNamingWhatWorks() {
        Kubectl.Result result = kubectl.run("create", "namespace", "generated");

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.err()).contains("reads JSON only", "kubectl create -f FILE");
        String namespace =
                "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"from-file\"}}";
        assertThat(kubectl.runWithInput(namespace, "create", "-f", "-").out())
                .contains("namespace/from-file created");
    }

    @Test
    void eventsAndDescribeShowThePipelinesEventsOnly() throws Exception {
        pipeline("with-events");
        String uid =
                kubectl.ok(
                        "get",
                        "evp",
                        "with-events",
                        "-n",
                        "airline",
                        "-o",
                        "jsonpath={.metadata.uid}");
        kubectl.runWithInput(event("with-events", uid, "PhaseRunning"), "create", "-f", "-");
        kubectl.runWithInput(event("someone-else", "x", "NotOurs"), "create", "-f", "-");

        String events = kubectl.ok("events", "-n", "airline", "--for", "evp/with-events");
        String describe = kubectl.ok("describe", "evp", "with-events", "-n", "airline");

        assertThat(events).contains("PhaseRunning", "the job runs").doesNotContain("NotOurs");
        assertThat(describe)
                .contains("Events:", "PhaseRunning", "the job runs")
                .doesNotContain("NotOurs", "Events:                   <none>");
    }

    private static String event(String pipeline, String uid, String reason) {
        return """
        {"apiVersion":"v1","kind":"Event",
         "metadata":{"name":"%1$s.%3$s","namespace":"airline"},
         "involvedObject":{"apiVersion":"eventpipeline.io/v1alpha1","kind":"EventPipeline",
           "name":"%1$s","namespace":"airline","uid":"%2$s"},
         "reason":"%3$s","message":"the job runs","type":"Normal","count":1,
         "firstTimestamp":"2026-01-01T00:00:00Z","lastTimestamp":"2026-01-01T00:00:00Z",
         "source":{"component":"eventpipeline-operator"}}
        """
                .formatted(pipeline, uid, reason);
    }

    @Test
    void getWatchStreamsChanges() throws Exception {
        pipeline("watched");
        Process watch =
                new ProcessBuilder(
                                "kubectl",
                                "--kubeconfig=" + kube.kubeconfig(),
                                "get",
                                "evp",
                                "watched",
                                "-n",
                                "airline",
                                "-w",
                                "-o",
                                "jsonpath={.spec.flink.parallelism}{\"\\n\"}")
                        .redirectErrorStream(true)
                        .start();
        // A hung watch must fail the test, not the build.
        java.util.concurrent.CompletableFuture.delayedExecutor(
                        30, java.util.concurrent.TimeUnit.SECONDS)
                .execute(watch::destroyForcibly);
        try {
            BufferedReader lines =
                    new BufferedReader(
                            new InputStreamReader(watch.getInputStream(), StandardCharsets.UTF_8));
            assertThat(lines.readLine()).isEqualTo("2");
            kubectl.ok(
                    "patch",
                    "evp",
                    "watched",
                    "-n",
                    "airline",
                    "--type",
                    "merge",
                    "-p",
                    "{\"spec\":{\"flink\":{\"parallelism\":5}}}");
            String line;
            do {
                line = lines.readLine();
            } while (line != null && !line.equals("5"));
            assertThat(line).isEqualTo("5");
        } finally {
            watch.destroy();
        }
    }

    @Test
    void applyChangesTheObjectWithoutDoublingLists() throws Exception {
        Path file = manifest("apply", Files.readString(Path.of(EXAMPLE)));
        kubectl.ok("apply", "-f", file.toString());
        Files.writeString(file, Files.readString(file).replace("parallelism: 2", "parallelism: 1"));

        assertThat(kubectl.ok("apply", "-f", file.toString())).contains("configured");

        assertThat(
                        kubectl.ok(
                                "get",
                                "evp",
                                "apply",
                                "-n",
                                "airline",
                                "-o",
                                "jsonpath={.spec.flink.parallelism}"))
                .isEqualTo("1");
        assertThat(patternNames("apply")).isEqualTo("delay-then-gate-change ");
    }

    @Test
    void writesAreValidatedAgainstTheCrdSchema() throws Exception {
        String example = Files.readString(Path.of(EXAMPLE));
        Path unknown =
                manifest("unknown-field", example.replace("  suspend: false", "  suspnd: true"));
        Path wrongType =
                manifest("wrong-type", example.replace("partitions: 6", "partitions: six"));

        Kubectl.Result typo = kubectl.run("create", "-f", unknown.toString());
        Kubectl.Result invalid = kubectl.run("create", "-f", wrongType.toString());

        assertThat(typo.err()).contains("strict decoding error", "unknown field \"spec.suspnd\"");
        assertThat(invalid.err()).contains("spec.input.partitions", "must be of type integer");
        assertThat(kubectl.run("get", "evp", "unknown-field", "-n", "airline").err())
                .contains("NotFound");
    }

    @Test
    void deleteWaitsUntilTheObjectIsGone() throws Exception {
        pipeline("deleted");

        assertThat(kubectl.ok("delete", "evp", "deleted", "-n", "airline", "--timeout=20s"))
                .contains("deleted");

        assertThat(kubectl.run("get", "evp", "deleted", "-n", "airline").err())
                .contains("NotFound");
    }

    @Test
    void explainPrintsTheFieldDescriptionsFromTheCrd() {
        String out = kubectl.ok("explain", "eventpipeline.spec.patterns");

        assertThat(out).contains("KIND:       EventPipeline", "FIELD: patterns <[]Object>");
        assertThat(kubectl.ok("explain", "evp.spec.input.startFrom")).contains("earliest");
    }

    @Test
    void serverSideApplyIsRefusedNamingWhatWorks() throws Exception {
        Path file = pipeline("server-side");

        Kubectl.Result result = kubectl.run("apply", "--server-side", "-f", file.toString());

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.err())
                .contains("server-side apply is not supported")
                .contains("kubectl apply without --server-side");
    }
}
