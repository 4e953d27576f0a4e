package io.eventpipeline.sandbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code <work dir>/produce}: a shell script that runs {@code sandbox produce} on this JVM's class
 * path, so events can be piped in (Maven does not pass standard input on) and start in a second,
 * not after a build.
 */
final class ProduceScript {
    static final String NAME = "produce";

    private ProduceScript() {}

    /** Writes the script; returns its path, or null where no shell script can run. */
    static Path write(Path workDir) throws IOException {
        if (System.getProperty("os.name", "").startsWith("Windows")) {
            return null;
        }
        Path script = workDir.resolve(NAME).toAbsolutePath();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String text =
                "#!/bin/sh\n"
                        + "# Written by the running sandbox: sandbox produce TOPIC [FILE.jsonl | -]"
                        + " [--key FIELD]\n"
                        + "exec "
                        + quote(java)
                        + " -Dlog4j2.configurationFile=log4j2-sandbox.properties -cp "
                        + quote(System.getProperty("java.class.path"))
                        + " "
                        + Sandbox.class.getName()
                        + " produce --work-dir "
                        + quote(workDir.toAbsolutePath().toString())
                        + " \"$@\"\n";
        Files.writeString(script, text, StandardCharsets.UTF_8);
        script.toFile().setExecutable(true);
        return script;
    }

    private static String quote(String text) {
        return "'" + text.replace("'", "'\\''") + "'";
    }
}
