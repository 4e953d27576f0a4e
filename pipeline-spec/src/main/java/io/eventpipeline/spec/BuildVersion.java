package io.eventpipeline.spec;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * The project version this code was built as, e.g. {@code 0.1.0-SNAPSHOT}: what the operator's and
 * the job's {@code --version} print (they are released together).
 */
public final class BuildVersion {
    private BuildVersion() {}

    public static String current() {
        Properties properties = new Properties();
        try (InputStream in =
                BuildVersion.class.getResourceAsStream("/eventpipeline-version.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            // Unreadable: reported as unknown below.
        }
        return properties.getProperty("version", "unknown");
    }
}
