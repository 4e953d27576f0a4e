package io.eventpipeline.sandbox;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The real kubectl binary, run against a kubeconfig; tests using it are skipped without it. */
final class Kubectl {
    private static final long TIMEOUT_SECONDS = 30;

    record Result(int exitCode, String out, String err) {
        String all() {
            return out + err;
        }
    }

    private final Path kubeconfig;

    Kubectl(Path kubeconfig) {
        this.kubeconfig = kubeconfig;
    }

    /** Skips the calling test class when no kubectl is on the PATH. */
    static void assumeInstalled() {
        assumeTrue(onPath(), "kubectl is not on the PATH: the kubectl tests are skipped");
    }

    private static boolean onPath() {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "kubectl"))) {
                return true;
            }
        }
        return false;
    }

    Result run(String... args) {
        return run(Map.of(), null, args);
    }

    Result runWithInput(String stdin, String... args) {
        return run(Map.of(), stdin, args);
    }

    /** Runs kubectl with these extra environment variables and standard input (or none). */
    Result run(Map<String, String> env, String stdin, String... args) {
        List<String> command = new ArrayList<>();
        command.add("kubectl");
        command.add("--kubeconfig=" + kubeconfig);
        command.addAll(List.of(args));
        try {
            Path out = Files.createTempFile("kubectl-out", ".txt");
            Path err = Files.createTempFile("kubectl-err", ".txt");
            ProcessBuilder builder =
                    new ProcessBuilder(command)
                            .redirectOutput(out.toFile())
                            .redirectError(err.toFile());
            builder.environment()
                    .put("KUBECACHEDIR", kubeconfig.resolveSibling("kube-cache").toString());
            builder.environment().putAll(env);
            Process process = builder.start();
            if (stdin != null) {
                process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
            }
            process.getOutputStream().close();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("kubectl " + args[0] + " did not finish: " + command);
            }
            Result result =
                    new Result(
                            process.exitValue(),
                            Files.readString(out, StandardCharsets.UTF_8),
                            Files.readString(err, StandardCharsets.UTF_8));
            Files.delete(out);
            Files.delete(err);
            return result;
        } catch (IOException e) {
            throw new AssertionError("could not run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Runs kubectl and requires it to succeed; returns standard output. */
    String ok(String... args) {
        Result result = run(args);
        if (result.exitCode() != 0) {
            throw new AssertionError(
                    "kubectl " + String.join(" ", args) + " failed: " + result.all());
        }
        return result.out();
    }
}
