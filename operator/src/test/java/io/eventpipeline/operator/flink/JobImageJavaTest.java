package io.eventpipeline.operator.flink;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventpipeline.operator.config.JobDefaults;
import io.eventpipeline.operator.config.OperatorConfig;
import java.nio.file.Files;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The JVM options the operator renders for TaskManagers of the job image start on that image's
 * Java: a JVM refuses an option it does not know, and ZGenerational is unknown before Java 21.
 * Images cannot be built here, so the Dockerfile's base image is read.
 */
class JobImageJavaTest {
    private static final Pattern BASE =
            Pattern.compile("(?m)^FROM flink:(\\d+\\.\\d+)-java(\\d+)$");

    @Test
    void theJobImagesJavaKnowsTheOptionsItsTaskManagersGet() throws Exception {
        Matcher base = BASE.matcher(Files.readString(JobImagePluginsTest.DOCKERFILE));
        assertThat(base.find()).as("a flink:<version>-java<n> base image").isTrue();
        int java = Integer.parseInt(base.group(2));
        String flinkVersion = "v" + base.group(1).replace('.', '_');
        JobDefaults defaults = OperatorConfig.defaults().jobDefaults();

        assertThat(defaults.flinkVersion()).isEqualTo(flinkVersion);
        assertThat(defaults.taskManagerJvmOptions()).contains("-XX:+ZGenerational");
        assertThat(java).as("ZGenerational needs Java 21 or later").isGreaterThanOrEqualTo(21);
    }
}
