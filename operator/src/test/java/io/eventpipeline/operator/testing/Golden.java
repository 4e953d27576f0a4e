package io.eventpipeline.operator.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Golden files under src/test/resources/golden. Run with {@code -Dgolden.update=true} to rewrite
 * them after an intended change, then review the diff.
 */
public final class Golden {
    private static final Path DIR = Path.of("src/test/resources/golden");

    private Golden() {}

    public static void assertMatches(String name, String actual) {
        Path file = DIR.resolve(name);
        try {
            if (Boolean.getBoolean("golden.update")) {
                Files.createDirectories(DIR);
                Files.writeString(file, actual);
            }
            assertThat(file).as("golden file (create it with -Dgolden.update=true)").exists();
            assertThat(actual)
                    .as(
                            "rendered output differs from %s (rerun with -Dgolden.update=true if"
                                    + " intended)",
                            file)
                    .isEqualTo(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
