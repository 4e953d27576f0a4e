package io.eventpipeline.operator.testing;

import io.eventpipeline.operator.Main;
import io.eventpipeline.testsupport.kubernetes.KubernetesApi;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The operator's {@code main} in a JVM of its own (the test's classpath), against an API server
 * ({@link KubernetesApi}: the mock or a real one) through a kubeconfig file: for what only a whole
 * process shows, such as how it reacts to signals and how it exits.
 */
public final class OperatorProcess implements AutoCloseable {
    private final Process process;
    private final Path log;

    private OperatorProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /**
     * @param env EP_* settings for the operator, on top of a clean environment
     * @param workDir where the kubeconfig and the process's output go (created if missing)
     */
    public static OperatorProcess start(KubernetesApi kube, Map<String, String> env, Path workDir) {
        try {
            Files.createDirectories(workDir);
            Path kubeconfig = workDir.resolve("kubeconfig");
            Files.writeString(kubeconfig, kube.kubeconfig(), StandardCharsets.UTF_8);
            Path log = workDir.resolve("operator.log");
            ProcessBuilder builder =
                    new ProcessBuilder(
                                    List.of(
                                            Path.of(System.getProperty("java.home"), "bin", "java")
                                                    .toString(),
                                            // Start-up speed matters more here than peak speed.
                                            "-XX:TieredStopAtLevel=1",
                                            "-XX:+UseSerialGC",
                                            "-Xmx256m",
                                            "-cp",
                                            System.getProperty("java.class.path"),
                                            Main.class.getName(),
                                            "run"))
                            .redirectErrorStream(true)
                            .redirectOutput(log.toFile());
            // Nothing of the test JVM's environment may point the child elsewhere.
            builder.environment()
                    .keySet()
                    .removeIf(
                            k ->
                                    k.startsWith("EP_")
                                            || k.startsWith("KUBERNETES_")
                                            || k.startsWith("POD_"));
            builder.environment().put("KUBECONFIG", kubeconfig.toString());
            builder.environment().putAll(env);
            return new OperatorProcess(builder.start(), log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends SIGTERM, as the kubelet does when a pod is deleted. */
    public void terminate() {
        process.destroy();
    }

    /** Waits at most this long for the process to end; whether it did. */
    public boolean waitFor(long timeout, TimeUnit unit) throws InterruptedException {
        return process.waitFor(timeout, unit);
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public int exitValue() {
        return process.exitValue();
    }

    /** Everything the process printed so far: for assertion messages. */
    public String output() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no output: " + e + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }
}
