package io.eventpipeline.operator.realapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which cached binaries the real-API-server tier would start, or that it skips; and that its cases
 * still fit the example they change.
 */
class RealApiServerTest {
    private static void binaries(Path dir, String version, String... names) throws Exception {
        Path versionDir =
                Files.createDirectories(dir.resolve("k8s").resolve(version + "-linux-amd64"));
        for (String name : names) {
            Path binary = Files.createFile(versionDir.resolve(name));
            assertThat(binary.toFile().setExecutable(true)).isTrue();
        }
    }

    @Test
    void theNewestCompleteVersionIsUsed(@TempDir Path dir) throws Exception {
        binaries(dir, "1.9.0", "etcd", "kube-apiserver", "kubectl");
        binaries(dir, "1.36.0", "etcd", "kube-apiserver", "kubectl");
        binaries(dir, "1.40.0", "etcd", "kubectl");
        assertThat(RealApiServer.versionWithBinaries(dir)).contains("1.36.0");
    }

    @Test
    void withoutBinariesThereIsNothingToStart(@TempDir Path dir) throws Exception {
        assertThat(RealApiServer.versionWithBinaries(dir)).isEmpty();
        binaries(dir, "1.36.0", "etcd");
        assertThat(RealApiServer.versionWithBinaries(dir)).isEmpty();
    }

    /**
     * Runs where the tier is skipped too: each rule case of {@link RealApiServerIT} still changes
     * the example (a case whose text is gone would create a valid pipeline instead of a broken
     * one).
     */
    @Test
    void everyRuleCaseChangesTheExample() throws Exception {
        String example = RealApiServerIT.example();
        assertThat(RealApiServerIT.brokenRules())
                .hasSize(4)
                .allSatisfy(
                        c -> {
                            String from = (String) c.get()[1];
                            String to = (String) c.get()[2];
                            assertThat(example).contains(from);
                            assertThat(example.replace(from, to)).isNotEqualTo(example);
                        });
    }
}
