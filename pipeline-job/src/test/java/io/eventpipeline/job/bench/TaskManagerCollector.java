package io.eventpipeline.job.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The collector options the operator renders for a TaskManager (operator module, {@code
 * JobDefaults.DEFAULT_TASK_MANAGER_JVM_OPTIONS} and {@code FlinkConfiguration}), for the Java the
 * job's JVM runs on: generational ZGC on Java 21 or later, as the job image runs it; G1, what a
 * TaskManager image of another Java gets, on an earlier one, which has no generational ZGC.
 */
final class TaskManagerCollector {
    static final String JOB_IMAGE = "-XX:+UseZGC -XX:+ZGenerational";
    static final String OTHER_JAVA = "-XX:+UseG1GC";

    private static final Pattern JAVA_VERSION =
            Pattern.compile("(?m)^JAVA_VERSION=\"(?:1\\.)?(\\d+)");

    private TaskManagerCollector() {}

    /**
     * @param javaHome the Java installation the job's JVM runs on
     */
    static String of(Path javaHome) {
        return javaFeatureVersion(javaHome) >= 21 ? JOB_IMAGE : OTHER_JAVA;
    }

    /** The feature version its {@code release} file names; 0 when it has none. */
    static int javaFeatureVersion(Path javaHome) {
        try {
            Matcher version = JAVA_VERSION.matcher(Files.readString(javaHome.resolve("release")));
            return version.find() ? Integer.parseInt(version.group(1)) : 0;
        } catch (IOException e) {
            return 0;
        }
    }
}
