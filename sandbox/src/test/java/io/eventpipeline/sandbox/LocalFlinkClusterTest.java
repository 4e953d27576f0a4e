package io.eventpipeline.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.flink.util.SerializedThrowable;
import org.junit.jupiter.api.Test;

class LocalFlinkClusterTest {
    @Test
    void aFailureIsDescribedWithItsRootCause() {
        SerializedThrowable failure =
                new SerializedThrowable(
                        new IllegalStateException(
                                "Recovery is suppressed",
                                new RuntimeException(
                                        "Failed to list partitions",
                                        new SecurityException("Authentication failed"))));
        assertThat(LocalFlinkCluster.describe(failure))
                .isEqualTo(
                        "java.lang.IllegalStateException: Recovery is suppressed, caused by"
                                + " java.lang.SecurityException: Authentication failed");
    }

    @Test
    void aFailureWithoutCauseIsDescribedOnce() {
        assertThat(LocalFlinkCluster.describe(new SerializedThrowable(new Exception("boom"))))
                .isEqualTo("java.lang.Exception: boom");
    }
}
