package io.eventpipeline.testsupport.flink;

import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;

/**
 * One Flink MiniCluster per test class: jobs in the class submit to it through {@code
 * StreamExecutionEnvironment.getExecutionEnvironment()}, which saves starting a cluster per job.
 */
public final class SharedMiniCluster {
    private SharedMiniCluster() {}

    public static MiniClusterExtension create() {
        return new MiniClusterExtension(
                new MiniClusterResourceConfiguration.Builder()
                        .setNumberTaskManagers(1)
                        .setNumberSlotsPerTaskManager(4)
                        .build());
    }
}
